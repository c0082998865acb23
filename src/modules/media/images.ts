import { encode as encodeBlurhash } from 'blurhash'
import type { Sharp } from 'sharp'
import type { Readable } from 'node:stream'
import { InvalidFileError } from '../../errors.js'
import { cropSize, type CropRatio, type FocalPoint, type ImageFormat } from './variants.js'

type SharpFactory = typeof import('sharp')
let loaded: Promise<SharpFactory> | undefined
/**
 * sharp (libvips) is loaded with the first image, not at start: it adds about 20 MB to a process's
 * resident memory, and a server that only reads never needs it.
 */
export const loadSharp = async (): Promise<SharpFactory> => await (loaded ??= import('sharp').then(({ default: sharp }) => {
  // libvips' operation cache keeps recent results for identical operations to reuse; a rendition is
  // made once and then read from storage, so the cache would only hold tens of megabytes per image
  sharp.cache(false)
  return sharp
}))

export const formatOfMime: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'image/gif': 'gif'
}
export const mimeOfFormat: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif'
}

export interface CleanedImage { width: number, height: number, placeholder: string, dominantColor: string }

const animatedFormats = new Set<ImageFormat>(['gif', 'webp'])

/**
 * How each rendition format is written. The efforts are chosen for a full set in seconds, measured on
 * a 24-megapixel photo at 2560 px: AVIF effort 0 takes a fifth of effort 2's time for files about
 * 10 % larger; WebP effort 2 half of the default's for 1 %; libjpeg with optimised progressive coding
 * a quarter of mozjpeg's for about 8 % — and JPEG is only the fallback behind the AVIF and WebP sources.
 */
function encodeAs (image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg': return image.jpeg({ quality: 85, progressive: true, optimiseCoding: true })
    case 'png': return image.png({ compressionLevel: 9 })
    case 'webp': return image.webp({ quality: 82, effort: 2 })
    case 'avif': return image.avif({ quality: 55, effort: 0 })
    case 'gif': return image.gif()
  }
}

function openImage (sharp: SharpFactory, input: string | Buffer | undefined, format: ImageFormat, maxPixels: number): Sharp {
  // failOn 'truncated' refuses cut-off files; limitInputPixels refuses absurd dimensions and
  // decompression bombs from the header, before any pixel is decoded
  return sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated', animated: animatedFormats.has(format), sequentialRead: true })
}

const asInvalidImage = (error: unknown): Error => {
  const message = error instanceof Error ? error.message : ''
  if (/pixel limit/i.test(message)) return new InvalidFileError('The image has too many pixels (its width × height exceeds the configured limit).')
  return new InvalidFileError('The image cannot be decoded: it is truncated or damaged.')
}

const hex = (n: number): string => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0')

/**
 * Writes the stored original: orientation applied, every metadata block (EXIF with GPS, XMP, IPTC,
 * comments) dropped — sharp writes none unless asked — in the same format. Re-encoding costs a
 * little quality once; keeping the photographer's location would cost much more.
 */
export async function cleanImage (from: string, to: string, format: ImageFormat, maxPixels: number): Promise<CleanedImage> {
  try {
    const sharp = await loadSharp()
    const oriented = format === 'gif' ? openImage(sharp, from, format, maxPixels) : openImage(sharp, from, format, maxPixels).rotate()
    // the original keeps its format at high quality with the fast encoder: mozjpeg's smaller files
    // matter for the renditions readers download, not for the one stored master
    const info = await (format === 'jpeg' ? oriented.jpeg({ quality: 90 }) : encodeAs(oriented, format)).toFile(to)
    const animated = animatedFormats.has(format)
    const height = animated ? info.height / Math.max(1, (await sharp(to, { animated }).metadata()).pages ?? 1) : info.height
    // one small decode (JPEG shrinks on load) feeds both the BlurHash and the dominant colour
    const small = await sharp(to).resize(64, 64, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const placeholder = encodeBlurhash(new Uint8ClampedArray(small.data), small.info.width, small.info.height, 4, 3)
    const { dominant } = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 4 } }).stats()
    return { width: info.width, height: Math.round(height), placeholder, dominantColor: `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}` }
  } catch (error) {
    if (error instanceof InvalidFileError) throw error
    throw asInvalidImage(error)
  }
}

export interface RenditionSpec { width: number, format: ImageFormat, crop: CropRatio | null, focal: FocalPoint | null }

/** The region of a crop: the largest of its ratio that fits, centred on the focal point as far as the edges allow. */
export function cropRegion (width: number, height: number, ratio: CropRatio, focal: FocalPoint | null): { left: number, top: number, width: number, height: number } {
  const { width: regionWidth, height: regionHeight } = cropSize(width, height, ratio)
  const { x, y } = focal ?? { x: 0.5, y: 0.5 }
  const clamp = (v: number, max: number): number => Math.max(0, Math.min(max, Math.round(v)))
  return {
    left: clamp(x * width - regionWidth / 2, width - regionWidth),
    top: clamp(y * height - regionHeight / 2, height - regionHeight),
    width: regionWidth,
    height: regionHeight
  }
}

/** A rendition of a stored (already clean) original: resized, optionally cropped, re-encoded, without metadata. */
export async function renderImage (source: Readable, sourceFormat: ImageFormat, size: { width: number, height: number }, spec: RenditionSpec, maxPixels: number): Promise<{ data: Buffer, width: number, height: number }> {
  const keepsAnimation = animatedFormats.has(sourceFormat) && animatedFormats.has(spec.format)
  const sharp = await loadSharp()
  const pipeline = sharp({ limitInputPixels: maxPixels, animated: keepsAnimation })
  source.pipe(pipeline)
  let image = pipeline
  if (spec.crop !== null) image = image.extract(cropRegion(size.width, size.height, spec.crop, spec.focal))
  image = image.resize({ width: spec.width, withoutEnlargement: true })
  const { data, info } = await encodeAs(image, spec.format).toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.pageHeight ?? info.height }
}

/** An original decoded once, already shrunk to the largest width a set of renditions needs. */
export interface DecodedImage { data: Buffer, width: number, height: number, channels: 1 | 2 | 3 | 4 }

/** Animated formats keep their frames only through renderImage; a still image's set can share one decode. */
export const decodesOnce = (format: ImageFormat): boolean => !animatedFormats.has(format)

export async function decodeAtWidth (source: Readable, width: number, maxPixels: number): Promise<DecodedImage> {
  const sharp = await loadSharp()
  const pipeline = sharp({ limitInputPixels: maxPixels })
  source.pipe(pipeline)
  const { data, info } = await pipeline.resize({ width, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels }
}

/** A rendition of the whole image from a shared decode: resized further where narrower, encoded. */
export async function renderDecoded (decoded: DecodedImage, width: number, format: ImageFormat): Promise<{ data: Buffer, width: number, height: number }> {
  const sharp = await loadSharp()
  const image = sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: decoded.channels } })
  const { data, info } = await encodeAs(width < decoded.width ? image.resize({ width }) : image, format).toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}
