/**
 * fast-json-stringify serializes an `anyOf` by running an ajv validator against each branch until
 * one matches — for every nullable field, every string-literal union and every "ids, or objects when
 * included" relation of every item. On a single article that was a fifth of the serializer's time.
 * A union whose branches differ by JSON type needs no validator: `type: [...]` is written as
 * `typeof` tests. This rewrites such unions, for the serializer only (validation and OpenAPI keep the
 * declared schemas), into one schema per JSON type:
 * - scalars keep their type (a union of string literals is a string: the bytes written are the same);
 * - arrays merge their item schemas (`[ids] | [objects]` → items `integer | object`);
 * - one object branch keeps its keywords; two object branches cannot be told apart by type, so such
 *   a union is left as it is, as is a union with a `$ref` branch or keywords beside `anyOf`.
 * A value of none of the types still throws, as the validator chain did.
 */

type Schema = Record<string, unknown>

const annotations = new Set(['description', 'title', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$comment'])
const scalarTypes = new Set(['null', 'boolean', 'string', 'integer', 'number'])

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A deep copy of `schema` with type-discriminable unions merged (see above). */
export function withTypeMergedUnions<T> (schema: T): T {
  return rewrite(schema) as T
}

function rewrite (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite)
  if (!isSchema(value)) return value
  const out: Schema = {}
  for (const [key, inner] of Object.entries(value)) out[key] = rewrite(inner)
  const union = out.anyOf ?? out.oneOf
  if (!Array.isArray(union)) return out
  return mergeByType(out, union as unknown[]) ?? out
}

function mergeByType (schema: Schema, branches: unknown[]): Schema | null {
  for (const key of Object.keys(schema)) {
    if (key !== 'anyOf' && key !== 'oneOf' && !annotations.has(key)) return null
  }
  const byType = new Map<string, Schema[]>()
  for (const branch of flatten(branches)) {
    if (branch === null) return null
    const type = jsonTypeOf(branch)
    if (type === null) return null
    const list = byType.get(type)
    if (list === undefined) byType.set(type, [branch])
    else list.push(branch)
  }
  // `integer` and `number` would overlap in typeof tests
  if (byType.has('integer') && byType.has('number')) return null
  const merged: Schema = {}
  for (const [type, list] of byType) {
    if (type === 'array') {
      if (list.some((branch) => !isSchema(branch.items))) return null
      const items = list.map((branch) => branch.items as Schema)
      merged.items = items.length === 1 ? items[0] : (mergeByType({ anyOf: items }, items) ?? { anyOf: items })
    } else if (type === 'object') {
      if (list.length > 1) return null
      const { type: _type, ...keywords } = list[0]!
      for (const key of Object.keys(keywords)) if (!annotations.has(key)) merged[key] = keywords[key]
    } else if (type === 'string') {
      const formats = new Set(list.map((branch) => branch.format))
      if (formats.size === 1 && typeof list[0]!.format === 'string') merged.format = list[0]!.format
    }
  }
  const types = [...byType.keys()]
  return { ...merged, type: types.length === 1 ? types[0] : types }
}

/** Branches of nested unions lifted to this level (after rewriting, a nested one is a `type` list); null when one cannot be. */
function flatten (branches: unknown[]): Array<Schema | null> {
  const out: Array<Schema | null> = []
  for (const branch of branches) {
    if (!isSchema(branch)) { out.push(null); continue }
    if (Array.isArray(branch.type)) {
      if (!(branch.type as unknown[]).every((type) => typeof type === 'string' && scalarTypes.has(type))) { out.push(null); continue }
      for (const type of branch.type as string[]) out.push({ type })
      continue
    }
    out.push(branch)
  }
  return out
}

function jsonTypeOf (branch: Schema): string | null {
  if (branch.$ref !== undefined || branch.anyOf !== undefined || branch.oneOf !== undefined || branch.allOf !== undefined || branch.not !== undefined || branch.if !== undefined) return null
  if (typeof branch.type === 'string') return branch.type
  if ('const' in branch) {
    const value = branch.const
    if (value === null) return 'null'
    if (typeof value === 'string' || typeof value === 'boolean') return typeof value
    if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  }
  return null
}
