import type { FastifyRequest } from 'fastify'
import type { Readable } from 'node:stream'
import { InvalidInputError, PayloadTooLargeError } from '../errors.js'

export interface SingleFileUpload<F> {
  file: F
  filename: string
  /** The part's own Content-Type, as the client declared it. */
  declaredType: string | null
  fields: Record<string, string>
}

export interface SingleFileOptions<F> {
  /** The name of the file part. */
  fileField: string
  /** The names of the text parts allowed beside it. */
  fields: readonly string[]
  /** Checks the client's filename before a byte is stored: the reason it is refused, or null. */
  filenameProblem: (filename: string) => string | null
  /** Consumes the file part's stream (to a temporary file). */
  receive: (stream: Readable) => Promise<F>
  /** Undoes `receive` when the request turns out invalid after it. */
  discard: (file: F) => Promise<void>
}

const refuse = (name: string, reason: string): InvalidInputError => new InvalidInputError(`${name} ${reason}`, [{ name, reason }])

/** @fastify/multipart's own limits (parts, fields) as client errors of this API. */
function asClientError (error: unknown): unknown {
  const code = (error as { code?: unknown }).code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new PayloadTooLargeError('The file is larger than any accepted upload.')
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_FILES_LIMIT') return new InvalidInputError('The form has too many parts: send one file and the documented fields.')
  if (code === 'FST_PROTO_VIOLATION') return refuse('body', 'has a field name that is not allowed')
  return error
}

/**
 * Reads a multipart/form-data body with exactly one file and a few known text fields, streaming the
 * file to `receive` as it arrives. Anything else — a second file, no file, an unknown or repeated
 * field, a refused filename — is a 400, and whatever was received is discarded first.
 */
export async function readSingleFileUpload<F> (request: FastifyRequest, options: SingleFileOptions<F>): Promise<SingleFileUpload<F>> {
  let upload: Omit<SingleFileUpload<F>, 'fields'> | null = null
  const fields: Record<string, string> = {}
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== options.fileField) throw refuse(`body.${part.fieldname}`, `is a file, but the only file part is "${options.fileField}"`)
        if (upload !== null) throw refuse(`body.${options.fileField}`, 'is sent more than once: upload one file per request')
        const problem = options.filenameProblem(part.filename)
        if (problem !== null) throw refuse(`body.${options.fileField}`, `has a filename that ${problem}`)
        upload = { file: await options.receive(part.file), filename: part.filename, declaredType: part.mimetype === '' ? null : part.mimetype }
      } else {
        if (!options.fields.includes(part.fieldname)) throw refuse(`body.${part.fieldname}`, 'is not a recognised field')
        if (Object.hasOwn(fields, part.fieldname)) throw refuse(`body.${part.fieldname}`, 'is sent more than once')
        fields[part.fieldname] = String(part.value)
      }
    }
  } catch (error) {
    if (upload !== null) await options.discard(upload.file)
    throw asClientError(error)
  }
  if (upload === null) throw refuse(`body.${options.fileField}`, 'is required: a multipart upload carries exactly one file')
  return { ...upload, fields }
}
