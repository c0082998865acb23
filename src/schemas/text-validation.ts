import { Type, type StringOptions, type TString } from '@sinclair/typebox'
import { Ajv, type ErrorObject, type SchemaObject } from 'ajv'
import formatsPlugin from 'ajv-formats'
import { normalizeSlug, textKinds, textProblem, type TextKind } from '../editorial/text-rules.js'

/*
 * The text rules (editorial/text-rules.ts) as a JSON Schema keyword, `x-text: <kind>`, for the
 * validators of REST bodies and GraphQL inputs. Every string of a write body is checked: a string
 * schema that names no kind (and no format, which brings its own alphabet) is a `line`, so a new
 * field is covered without anyone remembering to mark it; multi-line fields, slugs and URLs say so.
 */
const KEYWORD = 'x-text'

/** A string field of one text kind (the default `line` needs no marking). */
export const Text = (kind: Exclude<TextKind, 'line'>, options: StringOptions = {}): TString => Type.String({ ...options, [KEYWORD]: kind })

interface DataContext { parentData: Record<string | number, unknown>, parentDataProperty: string | number }
interface TextCheck { (kind: TextKind, data: string, schema?: unknown, context?: DataContext): boolean, errors?: Array<Partial<ErrorObject>> }

function addTextKeyword (ajv: Ajv): void {
  const check: TextCheck = (kind: TextKind, data: string, _schema?: unknown, context?: DataContext) => {
    // slugs are stored normalized, and checked as they will be stored
    const value = kind === 'slug' ? normalizeSlug(data) : data
    const problem = textProblem(value, kind)
    if (problem !== null) {
      check.errors = [{ keyword: KEYWORD, message: problem, params: { kind } }]
      return false
    }
    if (value !== data && context !== undefined) context.parentData[context.parentDataProperty] = value
    return true
  }
  ajv.addKeyword({ keyword: KEYWORD, type: 'string', schemaType: 'string', modifying: true, errors: true, metaSchema: { enum: [...textKinds] }, validate: check })
}

/** The Ajv every validator of client input uses: formats and the text keyword; coercion only for query strings and params. */
export function createAjv ({ coerce }: { coerce: boolean }): Ajv {
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
  addTextKeyword(ajv)
  return ajv
}

type Node = SchemaObject & Record<string, unknown>
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A copy of a body schema in which every string without a kind or a format is a `line`. The
 * original is left alone: it is also what OpenAPI shows and what responses are serialized by.
 */
export function withTextRules<T> (schema: T): T {
  if (!isNode(schema)) return schema
  const copy: Node = { ...schema }
  if (copy.type === 'string' && copy[KEYWORD] === undefined && copy.format === undefined && copy.const === undefined && copy.enum === undefined) copy[KEYWORD] = 'line'
  if (isNode(copy.properties)) copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([key, value]) => [key, withTextRules(value)]))
  if (isNode(copy.patternProperties)) copy.patternProperties = Object.fromEntries(Object.entries(copy.patternProperties).map(([key, value]) => [key, withTextRules(value)]))
  if (isNode(copy.additionalProperties)) copy.additionalProperties = withTextRules(copy.additionalProperties)
  if (Array.isArray(copy.items)) copy.items = copy.items.map(withTextRules)
  else if (isNode(copy.items)) copy.items = withTextRules(copy.items)
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).map(withTextRules)
  }
  return copy as T
}
