import { getTableColumns, sql } from 'drizzle-orm'
import { media } from '../../db/schema.js'
import { toIso } from '../../time.js'
import type { AttachmentLink } from '../../editorial/attachments.js'
import type { AttachmentOut, Media, MediaText } from './schemas.js'

/**
 * Every read of a media item selects these: the row, and its per-edition text riding along as a
 * correlated subquery (as categories carry their translations), so one statement reads both.
 * Raw names because drizzle leaves columns unqualified in single-table selects, which would make
 * the correlation ambiguous.
 */
export const mediaColumns = {
  ...getTableColumns(media),
  texts: sql<string>`(select json_group_array(json_array(t.edition_id, t.title, t.alt_text, t.caption, t.credit) order by t.edition_id) from media_translations t where t.media_id = media.id)`
}
export type MediaRow = typeof media.$inferSelect & { texts: string }

type StoredText = [editionId: number, title: string | null, altText: string | null, caption: string | null, credit: string | null]

/** The row as the API shows it, with its default text; `mediaInEdition` picks an edition's. */
export function toMedia (row: MediaRow, editionCode: (editionId: number) => string): Media {
  const texts = (JSON.parse(row.texts) as StoredText[]).map(([editionId, title, altText, caption, credit]): MediaText => ({
    edition: editionCode(editionId), title, altText, caption, credit
  }))
  return {
    id: row.id,
    kind: row.kind,
    url: row.url,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationSeconds: row.durationSeconds,
    title: row.title,
    altText: row.altText,
    caption: row.caption,
    credit: row.credit,
    textEdition: null,
    translations: texts,
    renditions: row.renditions,
    srcset: row.kind === 'image' ? srcset(row) : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt)
  }
}

/**
 * The one rule for media text in an edition, used by every protocol (REST, GraphQL, feeds,
 * sitemaps): each of title, alt text, caption and credit is the edition's when it has one, the
 * item's default otherwise — field by field, so a translated caption does not lose the credit.
 * `textEdition` says whether the edition had text of its own. No edition: the default text.
 */
export function mediaInEdition (item: Media, edition: string | null | undefined): Media {
  if (edition === null || edition === undefined) return item
  const text = item.translations.find((t) => t.edition === edition)
  if (text === undefined) return item.textEdition === null ? item : { ...item, textEdition: null }
  return {
    ...item,
    title: text.title ?? item.title,
    altText: text.altText ?? item.altText,
    caption: text.caption ?? item.caption,
    credit: text.credit ?? item.credit,
    textEdition: edition
  }
}

/** Labels and media ids, or with each media item in the owner's edition (attachments restrict media deletes, so none is missing). */
export function attachmentsOut (links: readonly AttachmentLink[], mediaById: ReadonlyMap<number, Media> | null, edition: string): AttachmentOut[] {
  if (mediaById === null) return links.map((l) => ({ mediaId: l.mediaId, label: l.label }))
  return links.flatMap((l) => {
    const item = mediaById.get(l.mediaId)
    return item === undefined ? [] : [{ mediaId: l.mediaId, label: l.label, media: mediaInEdition(item, edition) }]
  })
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
