import type { FastifyReply, FastifyRequest } from 'fastify'
import parseRange from 'range-parser'
import type { Readable } from 'node:stream'
import { sendProblem } from './problem.js'

export interface StoredObjectResponse {
  bytes: number
  /** A strong validator (the content hash): the same tag always means the same bytes. */
  etag: string
  contentType: string
  cacheControl: string
  /** `attachment` with the name for download links; inline otherwise. */
  download: { filename: string } | null
  /** Response headers that vary by request header (Accept for negotiated renditions). */
  vary?: string
  open: (range?: { start: number, end: number }) => Promise<Readable>
}

/** RFC 6266 / 8187: an ASCII fallback plus the exact UTF-8 name, so every browser gets a usable name. */
export function contentDisposition (filename: string): string {
  const fallback = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '').replace(/\s+/g, ' ').trim() || 'download'
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

const matchesAny = (header: string, etag: string): boolean =>
  header.trim() === '*' || header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).includes(etag)

/**
 * Sends a stored file with HTTP ranges (RFC 9110 §14): one range gets a 206 with Content-Range;
 * an unsatisfiable one a 416 naming the size; several ranges, a malformed header, or an If-Range
 * that names another version get the whole file (the server may ignore Range). One code path for
 * every storage driver: the driver is asked only for the bytes of the range.
 */
export async function sendStoredObject (request: FastifyRequest, reply: FastifyReply, object: StoredObjectResponse): Promise<FastifyReply> {
  reply.headers({
    'accept-ranges': 'bytes',
    etag: object.etag,
    'cache-control': object.cacheControl,
    'content-type': object.contentType,
    // uploaded bytes are never a document of this origin: no sniffing, and no script if opened directly
    'x-content-type-options': 'nosniff',
    'content-security-policy': object.contentType === 'application/pdf' ? "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" : "default-src 'none'; sandbox",
    'content-disposition': object.download === null ? 'inline' : contentDisposition(object.download.filename)
  })
  if (object.vary !== undefined) reply.header('vary', object.vary)
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined && matchesAny(ifNoneMatch, object.etag)) {
    reply.removeHeader('content-type')
    return reply.code(304).send()
  }
  const rangeHeader = request.headers.range
  const ifRange = typeof request.headers['if-range'] === 'string' ? request.headers['if-range'] : undefined
  // If-Range with a date or another tag: the client's partial copy is stale, so it gets all of it
  const rangeApplies = rangeHeader !== undefined && (ifRange === undefined || ifRange.trim() === object.etag)
  if (rangeApplies) {
    const ranges = parseRange(object.bytes, rangeHeader, { combine: true })
    if (ranges === -1) {
      reply.header('content-range', `bytes */${object.bytes}`)
      reply.removeHeader('content-disposition')
      return sendProblem(request, reply, { status: 416, type: 'range-not-satisfiable', title: 'Range Not Satisfiable', detail: `The file has ${object.bytes} bytes; the requested range lies outside them.` })
    }
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
      const [range] = ranges
      if (range !== undefined) {
        reply.code(206).headers({ 'content-range': `bytes ${range.start}-${range.end}/${object.bytes}`, 'content-length': String(range.end - range.start + 1) })
        return reply.send(request.method === 'HEAD' ? null : await object.open(range))
      }
    }
  }
  reply.code(200).header('content-length', String(object.bytes))
  return reply.send(request.method === 'HEAD' || object.bytes === 0 ? null : await object.open())
}
