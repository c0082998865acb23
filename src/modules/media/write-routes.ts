import multipart from '@fastify/multipart'
import type { FastifyPluginAsync } from 'fastify'
import { Type } from '@sinclair/typebox'
import { CreateHeaders } from '../../editorial/schemas.js'
import { versioned } from '../../http/editorial.js'
import { registerEntityWriteRoutes } from '../../http/entity-write-routes.js'
import { readSingleFileUpload } from '../../http/multipart-upload.js'
import { problems, ref } from '../../schemas/common.js'
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../errors.js'
import { Media } from './schemas.js'
import type { MediaService } from './service.js'
import { MediaCreateBody, MediaPatchBody, UploadFields, type UploadFieldsBody } from './write-schemas.js'

const NoQuery = Type.Object({}, { additionalProperties: false })
// the multipart envelope around the file: a boundary and a few headers per part
const MULTIPART_OVERHEAD = 64 * 1024

const Created = Type.Object({
  data: ref(Media),
  meta: Type.Optional(Type.Object({
    deduplicated: Type.Boolean({ description: 'The same bytes were already stored: this item shares that file' })
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const mediaWriteRoutes: FastifyPluginAsync<{ media: MediaService, baseUrl: string }> = async (app, { media, baseUrl }) => {
  await app.register(multipart, {
    // the per-kind limits are applied by the upload itself once the bytes tell the kind
    limits: { fileSize: media.files.maxUploadBytes + 1, files: 2, fields: 8, parts: 10, fieldSize: 16 * 1024, headerPairs: 50 },
    throwFileSizeLimit: true,
    // keep the client's filename as sent, so a "../" in it is seen and refused rather than silently cut
    preservePath: true
  })

  app.post('/media', {
    schema: {
      tags: ['media'], operationId: 'createMedia', summary: 'Upload a file, or describe one that lives elsewhere',
      description: 'Needs `media:create`. Either `multipart/form-data` with one `file` part (the type is decided by its bytes; ' +
        'see docs/media.md for the accepted types and sizes) plus the optional fields, or JSON describing a file by its URL. ' +
        'Identical bytes are stored once; `meta.deduplicated` says so. Send `Idempotency-Key` to make retries safe.',
      headers: CreateHeaders, querystring: NoQuery,
      body: { content: { 'application/json': { schema: MediaCreateBody }, 'multipart/form-data': { schema: UploadFields } } },
      response: { 201: Created, ...problems(400, 401, 403, 409, 413, 415, 422, 507) }
    },
    // the multipart schema documents the form; its parts are read (and checked) as they stream in below
    preValidation: async (request) => { if (request.isMultipart()) request.body = {} }
  }, async (request, reply) => {
    const created = (id: number, meta?: { deduplicated: boolean }) => {
      reply.code(201).header('location', `${baseUrl}/v1/media/${id}`)
      return { ...versioned(reply, media.findById(id, 'editorial')), ...(meta !== undefined ? { meta } : {}) }
    }
    if (!request.isMultipart()) {
      // a body of another type (or none) skips both content schemas above
      if (request.body === undefined || request.body === null) throw new InvalidInputError('body is required: JSON describing a file by its URL, or multipart/form-data with the file', [{ name: 'body', reason: 'is required' }])
      // text/plain (fastify parses it as a string) is validated by neither schema: refuse it as JSON-less
      if (typeof request.body !== 'object') throw new UnsupportedMediaTypeError('The request body must be application/json or multipart/form-data.')
      return created(media.create(request.body as MediaCreateBody, { actor: request.principal }).id)
    }

    // refused before a byte of the body is read: who may upload, and a declared size beyond every limit
    media.files.assertMayUpload(request.principal)
    const declared = Number(request.headers['content-length'] ?? Number.NaN)
    if (declared > media.files.maxUploadBytes + MULTIPART_OVERHEAD) throw new PayloadTooLargeError('The request is larger than any accepted upload.')

    const upload = await readSingleFileUpload(request, {
      fileField: 'file',
      fields: Object.keys(UploadFields.properties).filter((name) => name !== 'file'),
      filenameProblem: media.files.filenameProblem,
      receive: async (stream) => await media.files.receive(stream),
      discard: async (file) => { await file.discard() }
    })
    try {
      const fields = parseFields(request.compileValidationSchema(UploadFields), upload.fields)
      media.files.checkDeclared(upload.file, upload.filename, upload.declaredType)
      const { row, deduplicated } = await media.files.createFromUpload(upload.file, upload.filename, fields, { actor: request.principal })
      return created(row.id, { deduplicated })
    } finally {
      await upload.file.discard()
    }
  })

  registerEntityWriteRoutes(app, {
    collection: 'media',
    name: 'Media',
    permissions: { create: 'media:create', update: 'media:update', delete: 'media:delete' },
    commands: media,
    current: (row) => media.findById(row.id, 'editorial'),
    item: ref(Media),
    patchBody: MediaPatchBody,
    deleteEffects: 'An uploaded file is removed from storage with the last item that uses it (identical uploads share one file). While an article shows the item as its featured image, an author as avatar or a gallery as an item, the delete is a 409 naming them: detach it first.',
    baseUrl
  })
}

interface Validator { (value: unknown): boolean, errors?: Array<{ instancePath?: string, message?: string }> | null }

/** The text fields of a multipart upload, checked by the same rules as the JSON body's. */
function parseFields (validate: Validator, raw: Record<string, string>): { title?: string, altText?: string, caption?: string, credit?: string, focalPoint?: { x: number, y: number } } {
  if (!validate(raw)) {
    const errors = (validate.errors ?? []).map((e) => ({ name: `body${(e.instancePath ?? '').replace(/\//g, '.')}`, reason: e.message ?? 'is invalid' }))
    throw new InvalidInputError(errors.map((e) => `${e.name} ${e.reason}`).join('; '), errors)
  }
  const body = raw as UploadFieldsBody
  const { focalPoint, ...text } = body
  if (focalPoint === undefined) return text
  const [x, y] = focalPoint.split(',').map(Number) as [number, number]
  return { ...text, focalPoint: { x, y } }
}
