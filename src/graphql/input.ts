import type { TSchema } from '@sinclair/typebox'
import type { Ajv, ErrorObject } from 'ajv'
import { InvalidInputError } from '../errors.js'
import { createAjv, withTextRules } from '../schemas/text-validation.js'
import { databaseIdOf, type NodeType } from './global-id.js'

// The REST body rules, applied to mutation inputs: no coercion, no unknown properties, the text rules.
const ajv = createAjv({ coerce: false })
const compiled = new WeakMap<TSchema, ReturnType<Ajv['compile']>>()

const describe = (error: ErrorObject, argument: string) => {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
  return { name: path === '' ? argument : `${argument}.${path}`, reason: error.message ?? 'is invalid' }
}

/**
 * Checks a mutation's input against the typebox schema the REST route uses for the same body, so
 * both skins accept exactly the same values (lengths, patterns, formats); a failure is
 * BAD_USER_INPUT naming the field.
 */
export function assertValidInput<T> (schema: TSchema, value: unknown, argument = 'input'): T {
  let validate = compiled.get(schema)
  if (validate === undefined) compiled.set(schema, validate = ajv.compile(withTextRules(schema)))
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map((e) => describe(e, argument))
    throw new InvalidInputError(`Invalid ${argument}: ${errors.map((e) => `${e.name} ${e.reason}`).join('; ')}`, errors)
  }
  return value as T
}

/** A GraphQL input object as the REST body it stands for: absent stays absent, global ids become database ids. */
export function bodyOf (input: Record<string, unknown>, ids: Record<string, NodeType>, argument = 'input'): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    const type = ids[key]
    if (type === undefined || value === null) out[key] = plain(value)
    else if (Array.isArray(value)) out[key] = value.map((id) => databaseIdOf(String(id), type, `${argument}.${key}`))
    // graphql-js has coerced every ID argument to a string; anything else is refused as an id
    else out[key] = databaseIdOf(typeof value === 'string' ? value : '', type, `${argument}.${key}`)
  }
  return out
}

// graphql-js builds input objects with a null prototype; Ajv and JSON want plain ones, without absent keys
const plain = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(plain)
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]))
}

/** A list of input objects whose `field` is a global id (attachments' mediaId), with database ids instead, in place. */
export function nestedIdsOf (body: Record<string, unknown>, key: string, field: string, type: NodeType, argument = 'input'): Record<string, unknown> {
  const list = body[key]
  if (!Array.isArray(list)) return body
  body[key] = list.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) return item
    const value = (item as Record<string, unknown>)[field]
    return { ...item, [field]: databaseIdOf(typeof value === 'string' ? value : '', type, `${argument}.${key}.${i}.${field}`) }
  })
  return body
}
