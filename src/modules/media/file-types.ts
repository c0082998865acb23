import type { MediaKindName } from '../../config.js'

/** A type Quire accepts, as its bytes say: the stored MIME type, its kind, and the extensions a name may have. */
export interface AcceptedType { mimeType: string, kind: MediaKindName, extensions: readonly string[] }

/**
 * The allowlist (docs/media.md). Everything else — SVG, HTML, XML, scripts, executables, archives,
 * fonts — is refused whatever its name says: those are the files a browser may run or a client
 * unpack. Keys are what `file-type` reports.
 */
const accepted: Record<string, AcceptedType> = {
  'image/jpeg': { mimeType: 'image/jpeg', kind: 'image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { mimeType: 'image/png', kind: 'image', extensions: ['png'] },
  'image/webp': { mimeType: 'image/webp', kind: 'image', extensions: ['webp'] },
  'image/avif': { mimeType: 'image/avif', kind: 'image', extensions: ['avif'] },
  'image/gif': { mimeType: 'image/gif', kind: 'image', extensions: ['gif'] },
  'video/mp4': { mimeType: 'video/mp4', kind: 'video', extensions: ['mp4', 'm4v'] },
  'video/webm': { mimeType: 'video/webm', kind: 'video', extensions: ['webm'] },
  'audio/mpeg': { mimeType: 'audio/mpeg', kind: 'audio', extensions: ['mp3'] },
  'audio/x-m4a': { mimeType: 'audio/mp4', kind: 'audio', extensions: ['m4a', 'mp4'] },
  'audio/mp4': { mimeType: 'audio/mp4', kind: 'audio', extensions: ['m4a', 'mp4'] },
  'audio/ogg': { mimeType: 'audio/ogg', kind: 'audio', extensions: ['ogg', 'oga', 'opus'] },
  'audio/opus': { mimeType: 'audio/ogg', kind: 'audio', extensions: ['ogg', 'oga', 'opus'] },
  'audio/ogg; codecs=opus': { mimeType: 'audio/ogg', kind: 'audio', extensions: ['ogg', 'oga', 'opus'] },
  'application/pdf': { mimeType: 'application/pdf', kind: 'document', extensions: ['pdf'] }
}

/** Bytes read before the type is decided: enough for every signature above (MP4's ftyp box, Ogg's first page). */
export const SNIFF_BYTES = 16 * 1024

// markup a browser would render if it ever sniffed the file: its presence early in an image, a
// video or a PDF makes a polyglot (a file valid as two types), refused
const MARKUP = /<(\?xml|!doctype|html|head|body|script|svg|iframe|object|embed)[\s>/]/i
// a zip's end-of-central-directory record: a file that is also an archive (GIFAR, PDF+ZIP)
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06])

export type Sniffed =
  | { ok: true, type: AcceptedType }
  | { ok: false, detected: string | null }

export async function sniff (head: Buffer): Promise<Sniffed> {
  // loaded by the first upload: a server that only reads never holds it
  const { fileTypeFromBuffer } = await import('file-type')
  const found = await fileTypeFromBuffer(head)
  if (found === undefined) return { ok: false, detected: null }
  const type = accepted[found.mime]
  return type === undefined ? { ok: false, detected: found.mime } : { ok: true, type }
}

/** A polyglot's tells in the first and last bytes of an otherwise accepted file. */
export function polyglotReason (head: Buffer, tail: Buffer): string | null {
  if (MARKUP.test(head.subarray(0, 2048).toString('latin1'))) return 'it also contains HTML, SVG or XML markup'
  if (tail.includes(ZIP_END)) return 'it also contains a ZIP archive'
  return null
}

/** The extension of a client's filename, lower-cased, or null. */
export function extensionOf (filename: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename)
  return match?.[1]?.toLowerCase() ?? null
}

/** The type a client declared (part Content-Type, filename extension) contradicts the bytes. */
export function mismatchOf (type: AcceptedType, declaredMime: string | null, filename: string): string | null {
  const extension = extensionOf(filename)
  if (extension !== null && !type.extensions.includes(extension)) {
    return `the file's bytes are ${type.mimeType}, but its name ends in .${extension}`
  }
  const declared = declaredMime?.split(';')[0]?.trim().toLowerCase() ?? ''
  // browsers and curl send octet-stream for types they do not know; that declares nothing
  if (declared !== '' && declared !== 'application/octet-stream' && declared !== type.mimeType &&
    !(accepted[declared] !== undefined && accepted[declared].mimeType === type.mimeType)) {
    return `the file's bytes are ${type.mimeType}, but it was sent as ${declared}`
  }
  return null
}
