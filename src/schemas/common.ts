import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { MAX_SLUG_LENGTH } from '../editorial/text-rules.js'
import { Text } from './text-validation.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/limits.js'
import { MAX_NUMBERED_ITEMS } from '../pagination/page-number.js'

// Ids travel as strings and must match exactly: `01`, `1.0`, `1e0`, `+1` and `1abc` are not ids.
export const IdString = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'Positive integer id', examples: ['42'] })
export const Id = Type.Integer({ minimum: 1, description: 'Positive integer id' })
export const IdParams = Type.Object({ id: IdString }, { additionalProperties: false })

export const EditionCode = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35, description: 'Edition code (BCP 47)', examples: ['en', 'ar'] })
export const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s/?#]+$', description: 'URL slug; non-Latin scripts allowed' })
/** A slug a client writes, `use` saying what it is unique in: the slug rule of editorial/text-rules.ts. */
export const SlugInput = (use: string) => Text('slug', {
  minLength: 1,
  maxLength: MAX_SLUG_LENGTH,
  description: `${use}. Letters and marks of any script, decimal digits and single hyphens between them (U+200C only between letters); stored NFC-normalized`
})
export const Limit = Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: `Page size (1–${MAX_LIMIT})` })
export const Cursor = Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'Opaque pagination cursor from meta.nextCursor or meta.prevCursor' })
/** On items read or written with an API key: incremented by every write; the ETag `"v<version>"` that If-Match names. */
export const EntityVersion = Type.Integer({ minimum: 1, description: 'Incremented by every write; the ETag of authenticated responses is `"v<version>"`. Only in responses to API keys' })
export const DateTime = Type.String({ format: 'date-time', description: 'RFC 3339 UTC timestamp' })
export const Direction = Type.Union([Type.Literal('ltr'), Type.Literal('rtl')], { description: 'Text direction' })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const Problem = Type.Object({
  type: Type.String({ description: 'URI reference identifying the problem type' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ name: Type.String(), reason: Type.String() }, { additionalProperties: false })))
}, { $id: 'Problem', additionalProperties: false, description: 'RFC 9457 problem details' })
export type Problem = Static<typeof Problem>

/** Response entries for error statuses, all problem+json, referencing the one Problem component. */
export function problems (...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {}
  for (const status of statuses) {
    out[status] = {
      description: problemDescriptions[status] ?? 'Error',
      content: { 'application/problem+json': { schema: Type.Ref('Problem') } }
    }
  }
  return out
}

const problemDescriptions: Record<number, string> = {
  400: 'Invalid request', 401: 'Missing or invalid credentials', 403: 'Forbidden', 404: 'Not found',
  409: 'Conflict', 412: 'Precondition failed', 422: 'Unprocessable', 428: 'Precondition required (If-Match missing while REQUIRE_IF_MATCH is on)', 500: 'Internal error'
}

export const PageMeta = Type.Object({
  total: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 1 }),
  nextCursor: Nullable(Type.String()),
  prevCursor: Nullable(Type.String())
}, { additionalProperties: false })

export const PageLinks = Type.Object({
  self: Type.String(),
  next: Nullable(Type.String()),
  prev: Nullable(Type.String())
}, { additionalProperties: false })

export const ListEnvelope = <T extends TSchema>(item: T, description?: string) => Type.Object({
  data: Type.Array(item),
  meta: PageMeta,
  links: PageLinks
}, { additionalProperties: false, ...(description !== undefined ? { description } : {}) })

/** Lists that page by number as well as by cursor (articles): the envelope says where the page stands. */
export const NumberedPageMeta = Type.Object({
  ...PageMeta.properties,
  page: Nullable(Type.Integer({ minimum: 1, description: 'The page number asked for (`page`); null when the list was paged by cursor' })),
  totalPages: Type.Integer({ minimum: 0, description: '`ceil(total / limit)`; 0 for an empty list' })
}, { additionalProperties: false })

export const NumberedPageLinks = Type.Object({
  ...PageLinks.properties,
  first: Nullable(Type.String({ description: 'Page 1, when paged by number' })),
  last: Nullable(Type.String({ description: 'The last page, when paged by number and within the cap on numbered pages' }))
}, { additionalProperties: false })

export const NumberedListEnvelope = <T extends TSchema>(item: T, description?: string) => Type.Object({
  data: Type.Array(item),
  meta: NumberedPageMeta,
  links: NumberedPageLinks
}, { additionalProperties: false, ...(description !== undefined ? { description } : {}) })

/** `page=N`: a numbered page of `limit` items (pagination/page-number.ts has the cap). */
export const PageNumber = Type.Integer({ minimum: 1, description: `Numbered page of \`limit\` items, from 1; not with \`cursor\`. page × limit may not exceed ${MAX_NUMBERED_ITEMS}: go deeper with the cursor a numbered page carries. A page past the last is a 400.` })

export const ItemEnvelope = <T extends TSchema>(item: T, description?: string) => Type.Object({
  data: item
}, { additionalProperties: false, ...(description !== undefined ? { description } : {}) })

/** Unbounded collections that are small by nature (editions, a menu): no cursor, everything in one response. */
export const CollectionEnvelope = <T extends TSchema>(item: T, description?: string) => Type.Object({
  data: Type.Array(item),
  meta: Type.Object({ total: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })
}, { additionalProperties: false, ...(description !== undefined ? { description } : {}) })

/** A `$ref` to a registered component that still carries the component's static type. */
export const ref = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T>>(Type.Ref(schema.$id as string))
