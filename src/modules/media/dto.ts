import type { media } from '../../db/schema.js'
import { toIso } from '../../time.js'
import type { Media } from './schemas.js'

export type MediaRow = typeof media.$inferSelect

export function toMedia (row: MediaRow): Media {
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationSeconds: row.durationSeconds,
    altText: row.altText,
    caption: row.caption,
    credit: row.credit,
    renditions: row.renditions,
    srcset: row.kind === 'image' ? srcset(row) : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt)
  }
}

function srcset (row: MediaRow): string | null {
  const candidates = row.renditions
    .filter((r) => r.width !== null && r.mimeType.startsWith('image/'))
    .map((r) => ({ url: r.url, width: r.width as number }))
  if (row.width !== null) candidates.push({ url: row.url, width: row.width })
  if (candidates.length === 0) return null
  candidates.sort((a, b) => a.width - b.width)
  return candidates.map((c) => `${c.url} ${c.width}w`).join(', ')
}
