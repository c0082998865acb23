import { getTableColumns, sql } from 'drizzle-orm'
import { media, type mediaFiles, type mediaUploads } from '../../db/schema.js'
import { toIso } from '../../time.js'
import type { AttachmentLink } from '../../editorial/attachments.js'
import { filePath, renditionPath } from './file-paths.js'
import { formatOfMime, mimeOfFormat } from './images.js'
import type { AttachmentOut, Media, MediaFile, MediaText } from './schemas.js'
import { cropRatios, cropSize, variantName, widthsFor, type CropRatio, type ImageFormat } from './variants.js'

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
export type UploadView = typeof mediaUploads.$inferSelect & { file: typeof mediaFiles.$inferSelect }

/** What an uploaded file's part of a media item is made from (the benchmark's same-data baseline builds it too). */
export type UploadFields = Pick<UploadView, 'originalFilename' | 'placeholder' | 'dominantColor' | 'focalX' | 'focalY' | 'pageCount'> &
  { file: Pick<UploadView['file'], 'sha256' | 'bytes' | 'mimeType' | 'width' | 'height'> }

/** What file URLs need: the public base and the configured rendition widths. */
export interface FileLinks { baseUrl: string, imageWidths: readonly number[] }

type StoredText = [editionId: number, title: string | null, altText: string | null, caption: string | null, credit: string | null]

/** The row as the API shows it, with its default text (`mediaInEdition` picks an edition's) and its uploaded file, if any. */
export function toMedia (row: MediaRow, editionCode: (editionId: number) => string, upload: UploadView | null = null, links: FileLinks | null = null): Media {
  const texts = (JSON.parse(row.texts) as StoredText[]).map(([editionId, title, altText, caption, credit]): MediaText => ({
    edition: editionCode(editionId), title, altText, caption, credit
  }))
  const file = upload !== null && links !== null ? toMediaFile(upload, links) : null
  // an uploaded image's renditions are made from it; a video's, audio's or document's are the files
  // the editor listed (other encodings, a poster, a cover): Quire does not transcode
  const renditions = file !== null && upload !== null && links !== null && row.kind === 'image' ? imageRenditions(upload, links) : row.renditions
  return {
    id: row.id,
    kind: row.kind,
    url: file?.url ?? row.url,
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
    renditions,
    srcset: row.kind === 'image' ? srcset(row.width, row.url, renditions, file !== null ? row.mimeType : null) : null,
    file,
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

/** Candidates `url width`, narrowest first: the renditions of one type (uploads) or every image rendition (linked files). */
export function srcset (width: number | null, url: string, renditions: Media['renditions'], onlyType: string | null): string | null {
  const candidates = renditions
    .filter((r) => r.width !== null && r.mimeType.startsWith('image/') && (onlyType === null || r.mimeType === onlyType))
    .map((r) => ({ url: r.url, width: r.width as number }))
  if (width !== null && !candidates.some((c) => c.width === width)) candidates.push({ url, width })
  if (candidates.length === 0) return null
  candidates.sort((a, b) => a.width - b.width)
  return candidates.map((c) => `${c.url} ${c.width}w`).join(', ')
}

const heightAt = (size: { width: number, height: number }, width: number): number => Math.max(1, Math.round(size.height * width / size.width))

/** Every width of an uploaded image in AVIF, WebP and its own format (made when first requested). */
export function imageRenditions ({ file }: UploadFields, { baseUrl, imageWidths }: FileLinks): Media['renditions'] {
  const own = formatOfMime[file.mimeType]
  if (own === undefined || file.width === null || file.height === null) return []
  const size = { width: file.width, height: file.height }
  const formats: ImageFormat[] = [...new Set<ImageFormat>(['avif', 'webp', own])]
  return widthsFor(size.width, imageWidths).flatMap((width) => formats.map((format) => {
    const name = variantName({ crop: null, focal: null, width, format })
    return { name, url: `${baseUrl}${renditionPath(file.sha256, name)}`, width, height: heightAt(size, width), mimeType: mimeOfFormat[format], bytes: null }
  }))
}

const ratioLabel: Record<CropRatio, '4:3' | '1:1' | '16:9'> = { '4x3': '4:3', '1x1': '1:1', '16x9': '16:9' }
// the width a crop's single url has: large enough for a social card, no larger
const CARD_WIDTH = 1280

export function toMediaFile (upload: UploadFields, { baseUrl, imageWidths }: FileLinks): MediaFile {
  const { file } = upload
  const url = `${baseUrl}${filePath(file.sha256, upload.originalFilename)}`
  const focal = upload.focalX !== null && upload.focalY !== null ? { x: upload.focalX, y: upload.focalY } : null
  const own = formatOfMime[file.mimeType]
  const image = own !== undefined && file.width !== null && file.height !== null ? { width: file.width, height: file.height } : null
  const at = (name: string): string => `${baseUrl}${renditionPath(file.sha256, name)}`
  const setOf = (size: { width: number }, format: ImageFormat, crop: CropRatio | null): string =>
    widthsFor(size.width, imageWidths).map((width) => `${at(variantName({ crop, focal: crop === null ? null : focal, width, format }))} ${width}w`).join(', ')
  return {
    sha256: file.sha256,
    bytes: file.bytes,
    mimeType: file.mimeType,
    originalFilename: upload.originalFilename,
    url,
    downloadUrl: `${url}?download=1`,
    placeholder: upload.placeholder,
    dominantColor: upload.dominantColor,
    focalPoint: focal,
    pageCount: upload.pageCount,
    sizes: image !== null ? `(max-width: ${image.width}px) 100vw, ${image.width}px` : null,
    sources: image !== null ? (['avif', 'webp'] as const).map((format) => ({ type: mimeOfFormat[format], srcset: setOf(image, format, null) })) : [],
    crops: image === null || own === undefined
      ? []
      : (Object.keys(cropRatios) as CropRatio[]).map((crop) => {
          const region = cropSize(image.width, image.height, crop)
          const width = widthsFor(region.width, imageWidths).filter((w) => w <= CARD_WIDTH).pop() ?? region.width
          return { ratio: ratioLabel[crop], url: at(variantName({ crop, focal, width, format: own })), width, height: heightAt(region, width), srcset: setOf(region, 'webp', crop) }
        })
  }
}
