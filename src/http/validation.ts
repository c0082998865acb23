import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv'
import formatsPlugin from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

/*
 * One Ajv per request part. Bodies are never coerced and never stripped: a wrong type or an
 * unknown property is an error, not something to repair (fastify's defaults coerce and drop,
 * which turns malformed input into valid-looking data). Query strings and path params arrive as
 * text, so they may coerce — but only to the declared type, and integers must be written
 * canonically (`01`, `1.0`, `+1`, `1e0` are refused before Ajv's lenient coercion sees them).
 */
function makeAjv (coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
    allowUnionTypes: true
  })
  // ajv-formats is CommonJS: its default export arrives wrapped under ESM
  const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv) => Ajv
  addFormats(ajv)
  return ajv
}

const bodyAjv = makeAjv(false)
const textAjv = makeAjv(true)
const canonicalInteger = /^(0|-?[1-9][0-9]{0,15})$/

interface ObjectSchema { type?: unknown, properties?: Record<string, { type?: unknown }> }

function integerKeys (schema: ObjectSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, prop]) => prop.type === 'integer')
    .map(([key]) => key)
}

export const strictValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return bodyAjv.compile(schema as object)
  const validate: ValidateFunction = textAjv.compile(schema as object)
  const integers = integerKeys(schema as ObjectSchema)
  if (integers.length === 0) return validate
  const strict = (data: Record<string, unknown> | null): boolean => {
    const errors: ErrorObject[] = []
    for (const key of integers) {
      const value = data?.[key]
      if (typeof value === 'string' && !canonicalInteger.test(value)) {
        errors.push({ instancePath: `/${key}`, schemaPath: '#/type', keyword: 'type', params: { type: 'integer' }, message: 'must be an integer written in plain decimal' })
      }
    }
    if (errors.length > 0) {
      strict.errors = errors
      return false
    }
    const ok = validate(data)
    strict.errors = validate.errors ?? null
    return ok
  }
  strict.errors = null as ErrorObject[] | null
  return strict
}

/**
 * Path params are percent-decoded before validation, so `/articles/%31` would reach the route
 * as id "1". Ids must appear literally in the path; an encoded id is refused like `01` or `1e0`.
 */
export function rejectEncodedIds (request: { params: unknown, raw: { url?: string } }): { validation: ErrorObject[] } | null {
  const params = request.params as Record<string, unknown> | undefined
  const id = params?.id
  if (typeof id !== 'string') return null
  const path = (request.raw.url ?? '').split('?')[0] ?? ''
  if (path.split('/').includes(id)) return null
  return { validation: [{ instancePath: '/id', schemaPath: '#/pattern', keyword: 'pattern', params: {}, message: 'must be written as plain digits, not percent-encoded' }] }
}
