import fc from 'fast-check'

/** The part of JSON Schema the OpenAPI document's parameters and bodies use. */
export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  examples?: unknown[]
  $ref?: string
}

/** Strings that have broken parsers before: numbers in disguise, traversal, encodings, injections, odd Unicode. */
export const weirdStringPool = [
  '', ' ', '0', '-1', '+1', '1e0', '1E3', '1.0', '01', '0x10', '0b1', '9'.repeat(17), '9'.repeat(400), '1e309', '-0', 'NaN', 'Infinity',
  'null', 'undefined', 'true', '[]', '{}', '%00', '\u0000', 'a\u0000b', '../', '../../etc/passwd', '..%2F..%2F', '%2e%2e%2f', '..\\..\\',
  '\uD800', '\uDC00x', 'x\uDBFF', '😀😀', '\u202Etxt.exe', 'ﬀ', 'İı', 'ß', '\u0301', 'e\u0301', '٣', '\uFEFF', '\u200B', '\r\n', ' \t\n',
  '<script>alert(1)</script>', "' OR 1=1 --", '"; drop table articles; --', '"', '\\', '%', '%ZZ', '%u0041', '?', '#', '/', '//', '*', '{', '$',
  'a'.repeat(300), 'a'.repeat(10_001), '__proto__', 'constructor', 'hasOwnProperty', 'en', 'EN', 'ar', 'fr-CA', 'e n', 'zz-Latn-XX',
  '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2024-02-30T00:00:00Z', '2024-01-01', '2024-01-01T00:00:00+25:00', '0000-00-00T00:00:00Z',
  'javascript:alert(1)', 'http://127.0.0.1/', 'file:///etc/passwd', 'https://example.org/a b', 'mailto:x@example.org'
]

export const weirdString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...weirdStringPool) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) }
)

export const weirdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, -0, 0.5, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e21, 4294967296, 65536, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true })
)

/** Any JSON value, with the weird ones over-represented. */
export const weirdJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    weirdString, weirdNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(weirdString, fc.constantFrom('__proto__', 'constructor', 'id', 'type')), tie('value'), { maxKeys: 4 })
  )
})).value

const safeRegex = (pattern: string): RegExp | null => {
  try {
    return new RegExp(pattern)
  } catch {
    return null
  }
}

/** A value the schema probably accepts: gets requests past validation into the services. */
export function plausible (schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum)
  const variants = schema.anyOf ?? schema.oneOf
  if (variants !== undefined) return fc.oneof(...variants.map((s) => plausible(s, depth)))
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object']
  return fc.oneof(...types.map((type) => plausibleOfType(schema, type, depth)))
}

function plausibleOfType (schema: JsonSchema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null': return fc.constant(null)
    case 'boolean': return fc.boolean()
    case 'integer': return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 })
    case 'number': return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true })
    case 'string': {
      const examples = (schema.examples ?? []).filter((e): e is string => typeof e === 'string')
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
      if (schema.format === 'uri') return fc.constantFrom('https://example.org/a', 'http://127.0.0.1:9/hook', 'https://example.org/x?y=1')
      const regex = schema.pattern !== undefined ? safeRegex(schema.pattern) : null
      const generated = regex !== null
        ? fc.stringMatching(regex, { size: 'xsmall' }).filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity))
        : fc.string({ minLength: Math.max(1, schema.minLength ?? 0), maxLength: Math.min(schema.maxLength ?? 40, 40) })
      return examples.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...examples) }, { weight: 1, arbitrary: generated }) : generated
    }
    case 'array': {
      const items = schema.items !== undefined && depth < 3 ? plausible(schema.items, depth + 1) : fc.constant(1)
      const maxLength = Math.min(schema.maxItems ?? 3, 3)
      return fc.array(items, { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength })
    }
    default: {
      if (schema.properties === undefined || depth >= 3) return fc.constant({})
      const shape: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, property] of Object.entries(schema.properties)) shape[name] = plausible(property, depth + 1)
      return fc.record(shape, { requiredKeys: schema.required ?? [] })
    }
  }
}

/**
 * A value derived from the schema's plausible one by one kind of damage: a property given a
 * value of the wrong type, a required property dropped, an unknown property added, a scalar
 * wrapped in an array — or the plausible value itself, so that services see some requests too.
 */
export function damaged (schema: JsonSchema): fc.Arbitrary<unknown> {
  const base = plausible(schema)
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  return fc.oneof(
    { weight: 3, arbitrary: base },
    { weight: 3, arbitrary: fc.tuple(base, fc.nat(), weirdJson).map(([value, n, bad]) => replaceOne(value, n, bad)) },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([value, n]) => replaceOne(value, n, undefined)) },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([value, n]) => replaceOne(value, n, 'wrap')) },
    { weight: 1, arbitrary: fc.tuple(base, weirdString, weirdJson).map(([value, key, extra]) => isObject(value) ? { ...value, [key === '' ? 'extra' : key]: extra } : value) },
    { weight: 1, arbitrary: weirdJson }
  )
}

/** Replaces (or with `undefined` deletes, with 'wrap' puts in an array) the n-th property of an object, or the value itself. */
function replaceOne (value: unknown, n: number, replacement: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return replacement === 'wrap' ? [value] : replacement
  const keys = Object.keys(value)
  if (keys.length === 0) return value
  const key = keys[n % keys.length]!
  const copy: Record<string, unknown> = { ...value as Record<string, unknown> }
  if (replacement === undefined) delete copy[key]
  else copy[key] = replacement === 'wrap' ? [copy[key]] : replacement
  return copy
}

/**
 * Percent-encodes every UTF-16 unit, lone surrogates too (as the bytes WTF-8 would give them),
 * so a URL can carry anything the generators make — including what is not valid UTF-8.
 */
export function percentEncode (text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const isHigh = code >= 0xd800 && code <= 0xdbff
    const next = text.charCodeAt(i + 1)
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2))
      i++
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
    } else {
      out += encodeURIComponent(text[i]!)
    }
  }
  return out
}

/** Header values a client could send: printable ASCII and Latin-1, which is all HTTP lets through. */
export const headerGarbage: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '*', 'null', '"', '""', 'W/', 'W/"', '"v1', 'v1', '"v0"', '"v-1"', '"v1e0"', `"v${'9'.repeat(30)}"`, '"v1", "v2"', 'W/"v1"',
    '*, "v1"', 'Bearer', 'Bearer ', 'Bearer  ', 'Basic YWRtaW46YWRtaW4=', 'Bearer null', 'Bearer ../../', 'Token abc', 'bearer x', '\t', 'é', '\xff',
    'a'.repeat(8000), '%00', '0'),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s))
)
