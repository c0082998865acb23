import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sendStoredObject } from '../../http/byte-ranges.js'
import { versioned, visibilityOf } from '../../http/editorial.js'
import { listEnvelope } from '../../http/envelope.js'
import { IdParams, ItemEnvelope, ListEnvelope, problems, ref } from '../../schemas/common.js'
import type { ServableObject } from './files.js'
import { Media, MediaItemQuery, MediaListQuery } from './schemas.js'
import type { MediaService } from './service.js'

// a file's URL names its bytes (sha256), so what it answers never changes: caches may keep it for good
const IMMUTABLE = 'public, max-age=31536000, immutable'
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'The file\'s sha256, as in `file.sha256`' })
const fileResponses = {
  200: Type.Unsafe({ description: 'The bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }),
  206: Type.Unsafe({ description: 'The requested range of the bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }),
  304: Type.Null({ description: 'Not modified (If-None-Match)' }),
  ...problems(400, 404, 416)
}

export const mediaRoutes: FastifyPluginAsyncTypebox<{ media: MediaService, baseUrl: string }> = async (app, { media, baseUrl }) => {
  app.get('/media', {
    config: { surrogateKeys: 'media' },
    schema: {
      tags: ['media'], operationId: 'listMedia', summary: 'List media, newest first',
      querystring: MediaListQuery,
      response: { 200: ListEnvelope(ref(Media)), ...problems(400) }
    }
  }, async (request) => listEnvelope(request, baseUrl, media.list(request.query)))

  app.get('/media/:id', {
    config: { surrogateKeys: 'media' },
    schema: {
      tags: ['media'], operationId: 'getMedia', summary: 'Get one media item',
      params: IdParams, querystring: MediaItemQuery,
      response: { 200: ItemEnvelope(ref(Media)), ...problems(400, 404) }
    }
  }, async (request, reply) => versioned(reply, media.findById(Number(request.params.id), visibilityOf(request), request.query.edition)))

  const send = async (request: Parameters<typeof sendStoredObject>[0], reply: Parameters<typeof sendStoredObject>[1], object: ServableObject, download: boolean) =>
    await sendStoredObject(request, reply, {
      bytes: object.bytes,
      etag: object.etag,
      contentType: object.mimeType,
      cacheControl: IMMUTABLE,
      download: download && object.filename !== null ? { filename: object.filename } : null,
      ...(object.negotiated ? { vary: 'Accept' } : {}),
      open: async (range) => await media.files.read(object.key, range)
    })

  // files are bytes, not API documents: no compression (ranges count stored bytes), and their own
  // validators and caching instead of the content-version ETag of API reads
  app.get('/media/files/:sha256/:name', {
    compress: false,
    config: { uncached: true },
    schema: {
      tags: ['media'], operationId: 'getMediaFile', summary: 'An uploaded file (the `file.url` of a media item)',
      description: 'The stored original, under the name it was uploaded with. Ranges (206), If-Range and If-None-Match are honoured; ' +
        'the response may be cached forever. `?download=1` (the item\'s `file.downloadUrl`) sends it as an attachment under its name.',
      params: Type.Object({ sha256: Sha256, name: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
      querystring: Type.Object({ download: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true')])) }, { additionalProperties: false }),
      response: fileResponses
    }
  }, async (request, reply) => await send(request, reply, media.files.original(request.params.sha256, request.params.name), request.query.download !== undefined))

  app.get('/media/files/:sha256/renditions/:variant', {
    compress: false,
    config: { uncached: true },
    schema: {
      tags: ['media'], operationId: 'getMediaRendition', summary: 'A rendition of an uploaded image (made on first request, then kept)',
      description: '`w640.webp`, `w640.avif`, `w640.jpg` …: that width in that format; `w640` alone picks AVIF or WebP by `Accept` (`Vary: Accept`). ' +
        '`16x9-w1280.webp` (also `4x3`, `1x1`) is a crop, around the focal point when the name carries it (`16x9-f250-700-w1280.webp`). ' +
        'Widths are the configured ones narrower than the image, and its own; never upscaled. The URLs are listed in the item\'s `renditions`, `srcset` and `file`.',
      params: Type.Object({ sha256: Sha256, variant: Type.String({ minLength: 2, maxLength: 80 }) }, { additionalProperties: false }),
      querystring: Type.Object({}, { additionalProperties: false }),
      response: fileResponses
    }
  }, async (request, reply) => await send(request, reply, await media.files.rendition(request.params.sha256, request.params.variant, request.headers.accept), false))
}
