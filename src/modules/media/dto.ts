import type { media, mediaFiles, mediaUploads } from '../../db/schema.js'
import { toIso } from '../../time.js'
import { filePath, renditionPath } from './file-paths.js'
import { formatOfMime, mimeOfFormat } from './images.js'
import type { Media, MediaFile } from './schemas.js'
import { cropRatios, cropSize, variantName, widthsFor, type CropRatio, type ImageFormat } from './variants.js'

export type MediaRow = typeof media.$inferSelect
export type UploadView = typeof mediaUploads.$inferSelect & { file: typeof mediaFiles.$inferSelect }

/** What file URLs need: the public base and the configured rendition widths. */
export interface FileLinks { baseUrl: string, imageWidths: readonly number[] }

export function toMedia (row: MediaRow, upload: UploadView | null = null, links: FileLinks | null = null): Media {
  const file = upload !== null && links !== null ? toMediaFile(upload, links) : null
  const renditions = file !== null && upload !== null && links !== null ? imageRenditions(upload, links) : row.renditions
  return {
    id: row.id,
    kind: row.kind,
    url: file?.url ?? row.url,
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationSeconds: row.durationSeconds,
    altText: row.altText,
    caption: row.caption,
    credit: row.credit,
    renditions,
    srcset: row.kind === 'image' ? srcset(row.width, row.url, renditions, file !== null ? row.mimeType : null) : null,
    file,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt)
  }
}

/** Candidates `url width`, narrowest first: the renditions of one type (uploads) or every image rendition (linked files). */
function srcset (width: number | null, url: string, renditions: Media['renditions'], onlyType: string | null): string | null {
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
function imageRenditions ({ file }: UploadView, { baseUrl, imageWidths }: FileLinks): Media['renditions'] {
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

function toMediaFile (upload: UploadView, { baseUrl, imageWidths }: FileLinks): MediaFile {
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
