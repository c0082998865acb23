import { extensionOf } from './file-types.js'

// C0/C1 controls, and the bidirectional controls that make "gpj.exe" display as "exe.jpg"
// (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F/U+061C marks)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/
const MAX_BYTES = 255

/**
 * Why a client's filename is refused, or null. The name is only ever metadata (kept for
 * Content-Disposition and the URL's last segment); it never reaches a path. Refusing rather
 * than cleaning tells the client its name was not what it looked like.
 */
export function filenameProblem (filename: string): string | null {
  if (filename.trim() === '') return 'is empty'
  if (Buffer.byteLength(filename) > MAX_BYTES) return `is longer than ${MAX_BYTES} bytes`
  if (/[/\\]/.test(filename)) return 'contains a path separator (/ or \\)'
  if (filename === '.' || filename === '..' || filename.startsWith('.')) return 'starts with a dot'
  if (FORBIDDEN.test(filename)) return 'contains control or bidirectional-override characters'
  return null
}

/** The name to keep: with the extension of the type the bytes are, if the client gave none. */
export function storedFilename (filename: string, extension: string): string {
  const name = filename.normalize('NFC').trim()
  return extensionOf(name) === null ? `${name}.${extension}` : name
}
