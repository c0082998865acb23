import { readFile } from 'node:fs/promises'
import { InvalidFileError } from '../../errors.js'
import type { AcceptedType } from './file-types.js'

export interface ProbedFile { durationSeconds: number | null, pageCount: number | null }

/**
 * What the container says about a video, audio file or PDF, where a well-kept library reads it
 * cheaply: the duration (music-metadata reads MP3, M4A/MP4, Ogg and WebM headers) and a PDF's page
 * count (pdf-lib). A file it cannot read stays accepted with nulls, except a PDF pdf-lib cannot
 * open at all: that one is damaged, and refused.
 * Both load on the first upload that needs them: a server that only reads never holds them.
 */
export async function probeFile (path: string, type: AcceptedType): Promise<ProbedFile> {
  if (type.kind === 'document') {
    try {
      const { PDFDocument } = await import('pdf-lib')
      const pdf = await PDFDocument.load(await readFile(path), { ignoreEncryption: true, updateMetadata: false })
      return { durationSeconds: null, pageCount: pdf.getPageCount() }
    } catch {
      throw new InvalidFileError('The PDF cannot be read: it is truncated or damaged.')
    }
  }
  try {
    const { parseFile } = await import('music-metadata')
    const { format } = await parseFile(path, { duration: type.mimeType === 'audio/mpeg', skipCovers: true })
    const duration = format.duration
    return { durationSeconds: duration !== undefined && Number.isFinite(duration) ? Math.round(duration) : null, pageCount: null }
  } catch {
    return { durationSeconds: null, pageCount: null }
  }
}
