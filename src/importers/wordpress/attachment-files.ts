import { createReadStream, existsSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DomainError } from '../../errors.js'
import type { MediaService } from '../../modules/media/index.js'
import { contentHash, type MappingStore } from './mappings.js'
import type { AttachmentEntry } from './scan.js'

type Actor = Parameters<MediaService['update']>[2]['actor']

/** The file of an attachment in the uploads folder (`_wp_attached_file` is relative to wp-content/uploads). */
export function attachmentFile (item: AttachmentEntry, uploads: string | undefined): { relative: string, path: string | null } | null {
  const relative = item.meta._wp_attached_file ?? ''
  if (relative === '') return null
  if (uploads === undefined) return { relative, path: null }
  const path = join(uploads, relative)
  return { relative, path: existsSync(path) ? path : null }
}

/** What a re-run compares: the item as read and the size of its file, so a replaced file counts as a change. */
export const attachmentHash = (item: AttachmentEntry, bytes: number | null): string => bytes === null ? item.digest : contentHash({ digest: item.digest, bytes })

export interface StoredAttachments {
  /** WordPress attachment id → media item, for the attachments whose file is now in the library. */
  ids: Map<string, number>
  imported: number
  updated: number
}

/**
 * Attachment files found in the uploads folder go into the media library — typed by their bytes,
 * images cleaned of EXIF, content-addressed — before the import's batches open, because storing a
 * file is asynchronous and a batch is one synchronous transaction. A new attachment becomes an
 * uploaded item; one imported earlier as a URL (no uploads folder then) gets its file attached and
 * keeps its id and uses. A file the library refuses (a type it does not take) is a warning and the
 * attachment is imported as a URL as before. Items already uploaded and unchanged are left alone.
 */
export async function storeAttachmentFiles (
  deps: { media: MediaService, actor: Actor },
  attachments: Iterable<AttachmentEntry>,
  uploads: string | undefined,
  mappings: MappingStore,
  warn: (type: string, wpId: string, title: string, message: string) => void,
  now: () => number
): Promise<StoredAttachments> {
  const result: StoredAttachments = { ids: new Map(), imported: 0, updated: 0 }
  for (const item of attachments) {
    const file = attachmentFile(item, uploads)
    if (file?.path == null) continue
    const hash = attachmentHash(item, statSync(file.path).size)
    const existing = mappings.find('media', item.id)
    const current = existing === null ? null : deps.media.findByIds([existing.entityId])[0] ?? null
    if (current?.file != null) continue
    let received: Awaited<ReturnType<MediaService['files']['receive']>> | null = null
    try {
      received = await deps.media.files.receive(createReadStream(file.path))
      const text = {
        ...(item.meta._wp_attachment_image_alt?.trim() ? { altText: item.meta._wp_attachment_image_alt.trim() } : {}),
        ...(item.title.trim() !== '' ? { title: item.title.trim().slice(0, 300) } : {})
      }
      const { row } = current !== null
        ? await deps.media.files.attachFile(current.id, received, basename(file.relative), { actor: deps.actor })
        : await deps.media.files.createFromUpload(received, basename(file.relative), text, { actor: deps.actor })
      if (current !== null) result.updated++
      else result.imported++
      result.ids.set(item.id, row.id)
      mappings.save('media', item.id, { type: 'media', id: row.id }, hash, now(), item.guid || null)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      warn('media', item.id, item.title, `file not stored in the media library (${error.message}); imported as its URL`)
    } finally {
      await received?.discard()
    }
  }
  return result
}
