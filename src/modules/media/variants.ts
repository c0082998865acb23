/** Formats a rendition may have: the two modern ones and the original's own. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif'

/** Crops for social cards and teasers, width:height. */
export const cropRatios = { '4x3': [4, 3], '1x1': [1, 1], '16x9': [16, 9] } as const
export type CropRatio = keyof typeof cropRatios

export interface FocalPoint { x: number, y: number }

/**
 * A rendition's name in URLs and storage: `w640.webp`, `16x9-w1280.jpg`, `16x9-f250-700-w640.avif`
 * (focal point in thousandths). Without an extension (`w640`) the format is negotiated by Accept.
 */
export interface Variant { crop: CropRatio | null, focal: FocalPoint | null, width: number, format: ImageFormat | null }

const PATTERN = /^(?:(4x3|1x1|16x9)(?:-f(\d{1,4})-(\d{1,4}))?-)?w([1-9]\d{0,4})(?:\.(webp|avif|jpg|png|gif))?$/
const formatOfExtension: Record<string, ImageFormat> = { webp: 'webp', avif: 'avif', jpg: 'jpeg', png: 'png', gif: 'gif' }
export const extensionOfFormat: Record<ImageFormat, string> = { webp: 'webp', avif: 'avif', jpeg: 'jpg', png: 'png', gif: 'gif' }

export function parseVariant (name: string): Variant | null {
  const match = PATTERN.exec(name)
  if (match === null) return null
  const [, crop, fx, fy, width, extension] = match
  if (crop === undefined && fx !== undefined) return null
  const focal = fx !== undefined && fy !== undefined ? { x: Number(fx) / 1000, y: Number(fy) / 1000 } : null
  if (focal !== null && (focal.x > 1 || focal.y > 1)) return null
  return {
    crop: (crop as CropRatio | undefined) ?? null,
    focal,
    width: Number(width),
    format: extension !== undefined ? formatOfExtension[extension] ?? null : null
  }
}

export function variantName ({ crop, focal, width, format }: Variant): string {
  const thousandths = (v: number): number => Math.round(v * 1000)
  const cropPart = crop === null ? '' : `${crop}${focal === null ? '' : `-f${thousandths(focal.x)}-${thousandths(focal.y)}`}-`
  return `${cropPart}w${width}${format === null ? '' : `.${extensionOfFormat[format]}`}`
}

/** The widths a rendition may have: the configured ones narrower than the source, and the source's own up to the widest configured. */
export function widthsFor (sourceWidth: number, configured: readonly number[]): number[] {
  // like WordPress's big-image threshold: no screen needs more than the largest configured width,
  // and a 6000 px AVIF costs seconds; the original stays downloadable at its own URL
  const widest = Math.min(sourceWidth, Math.max(...configured))
  return [...configured.filter((w) => w < widest), widest]
}

/** The size of a crop's region before resizing (cropRegion in images.ts takes the same largest fit). */
export function cropSize (width: number, height: number, crop: CropRatio): { width: number, height: number } {
  const [rw, rh] = cropRatios[crop]
  const regionWidth = Math.min(width, Math.floor(height * rw / rh))
  return { width: regionWidth, height: Math.min(height, Math.floor(regionWidth * rh / rw)) }
}

/** The format for a negotiated URL: AVIF, then WebP, if the client's Accept names them; else the original's. */
export function negotiateFormat (accept: string | undefined, original: ImageFormat): ImageFormat {
  const accepted = (accept ?? '').toLowerCase().split(',').map((part) => part.trim())
  const takes = (mime: string): boolean => accepted.some((part) => part.split(';')[0] === mime && !/;\s*q=0(\.0*)?$/.test(part))
  if (takes('image/avif')) return 'avif'
  if (takes('image/webp')) return 'webp'
  return original
}
