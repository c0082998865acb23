import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

/**
 * A JPEG as a phone writes it: sideways pixels with EXIF orientation 6 (rotate 90° clockwise),
 * the camera's make and the place it was taken (GPS). `seed` varies the pixels, so each call
 * with another seed is different bytes.
 */
export async function cameraJpeg ({ width = 1000, height = 600, seed = 0 } = {}): Promise<Buffer> {
  const background = { r: (seed * 37) % 256, g: (seed * 91 + 60) % 256, b: 180 }
  return await sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: { create: { width: Math.floor(width / 4), height: Math.floor(height / 4), channels: 3, background: '#ffcc00' } }, left: 10, top: 10 }])
    .withExif({
      IFD0: { Make: 'QuireCam', Model: 'Field reporter' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 19/1 40/1', GPSLongitudeRef: 'E', GPSLongitude: '19/1 49/1 5/1' }
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 80 })
    .toBuffer()
}

export async function png ({ width = 64, height = 48, seed = 0 } = {}): Promise<Buffer> {
  return await sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: 100, b: 50 } } }).png().toBuffer()
}

/** A PDF with `pages` pages of text: a few kilobytes of real document for the range tests. */
export async function pdf (pages = 3, title = 'Newsletter'): Promise<Buffer> {
  const doc = await PDFDocument.create()
  for (let i = 1; i <= pages; i++) doc.addPage([400, 300]).drawText(`${title}, page ${i}`, { x: 40, y: 250, size: 18 })
  return Buffer.from(await doc.save({ useObjectStreams: false }))
}

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

/** A valid PNG header claiming `width` × `height` pixels, with almost no data: a decompression bomb's shape. */
export function hugePngHeader (width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.writeUInt8(8, 8) // bit depth
  ihdr.writeUInt8(2, 9) // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))])
}

/** An MP4 container's opening box (ftyp, isom) padded to a few kilobytes: typed video/mp4 by its bytes. */
export function mp4Header (size = 8 * 1024): Buffer {
  const ftyp = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00, 0x69, 0x73, 0x6f, 0x6d, 0x6d, 0x70, 0x34, 0x31])
  const free = Buffer.alloc(size - ftyp.length)
  free.writeUInt32BE(free.length, 0)
  free.write('free', 4, 'latin1')
  return Buffer.concat([ftyp, free])
}

/** A local-file-header ZIP with one stored entry and its end record: an archive. */
export function zipArchive (): Buffer {
  const name = Buffer.from('a.txt')
  const data = Buffer.from('hello')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt32LE(crc32(data) >>> 0, 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(name.length, 26)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  return Buffer.concat([local, name, data, end])
}
