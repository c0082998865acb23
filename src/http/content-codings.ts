import { negotiate } from '@fastify/accept-negotiator'
import { brotliCompressSync, constants, deflateSync, gzipSync, type BrotliOptions } from 'node:zlib'
import { BoundedMap } from '../bounded-map.js'

/**
 * What @fastify/compress is configured with (app.ts) and what the response cache encodes its
 * entries with (http/caching.ts): a hit is sent in the same coding, with the same threshold and
 * the same types, as the render it replays was.
 */
export const COMPRESSION_THRESHOLD = 1024
// quality 4 keeps brotli's CPU cost near gzip's while still beating it on size
export const brotliOptions: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }

export type Coding = 'br' | 'gzip' | 'deflate'
// @fastify/compress's own order of preference, where the client's q-values tie
const offered = ['br', 'gzip', 'deflate', 'identity']
// @fastify/compress reads `*` (no preference) and x-gzip as gzip
const gzipAlias = /\*|x-gzip/gu
// @fastify/compress's default compressibleTypes
const compressibleType = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u

// Browsers and CDNs send a handful of distinct Accept-Encoding values, so every hit would parse the
// same few strings again: the answers are remembered.
const negotiated = new BoundedMap<string, Coding | null>(64)

/** The coding @fastify/compress would pick for this Accept-Encoding, or null for none (identity). */
export function negotiatedCoding (acceptEncoding: string | undefined): Coding | null {
  if (acceptEncoding === undefined) return null
  let coding = negotiated.get(acceptEncoding)
  if (coding === undefined) {
    const picked = negotiate(acceptEncoding.toLowerCase().replace(gzipAlias, 'gzip'), offered)
    coding = picked === 'br' || picked === 'gzip' || picked === 'deflate' ? picked : null
    negotiated.set(acceptEncoding, coding)
  }
  return coding
}

/** Whether @fastify/compress would compress a body of this type and size at all. */
export function isCompressible (contentType: string | undefined, bytes: number): boolean {
  return bytes >= COMPRESSION_THRESHOLD && compressibleType.test(contentType ?? 'application/json')
}

/**
 * Synchronous: a cached body is compressed once per coding and then sent as it is on every hit.
 * In a buffer of its own, as the cache's bodies are (response-cache.ts `ownedBody`): zlib hands a
 * small result out of Node's shared pool, and a kept copy would pin the whole 8 KB slab.
 */
export function compressed (coding: Coding, body: Buffer): Buffer {
  const out = coding === 'br' ? brotliCompressSync(body, brotliOptions) : coding === 'gzip' ? gzipSync(body) : deflateSync(body)
  if (out.byteOffset === 0 && out.buffer.byteLength === out.length) return out
  const owned = Buffer.allocUnsafeSlow(out.length)
  out.copy(owned)
  return owned
}
