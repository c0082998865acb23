import { Type } from '@sinclair/typebox'
import fastJson from 'fast-json-stringify'
import { describe, expect, it } from 'vitest'
import { withTypeMergedUnions } from '../../src/http/serializer-schemas.js'

const Embed = Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String({ format: 'uri' }) }, { additionalProperties: false })
const Neighbour = Type.Object({ id: Type.Integer(), slug: Type.String() })
const Item = Type.Object({
  id: Type.Integer(),
  excerpt: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'kept out of the serializer' }),
  authors: Type.Union([Type.Array(Type.Integer()), Type.Array(Embed)]),
  featured: Type.Union([Type.Integer(), Embed, Type.Null()]),
  next: Type.Optional(Type.Union([Neighbour, Type.Null()])),
  // two object branches cannot be told apart by type: left as a validated union
  either: Type.Optional(Type.Union([Type.Object({ a: Type.String() }, { additionalProperties: false }), Type.Object({ b: Type.Integer() }, { additionalProperties: false })]))
})

const values = [
  { id: 1, excerpt: null, status: 'open', authors: [3, 4], featured: null },
  { id: 2, excerpt: 'Text "quoted" \u2028', status: 'closed', authors: [{ id: 3, name: 'Ana', url: 'https://example.org/a' }], featured: 7, next: null },
  { id: 3, excerpt: '', status: 'open', authors: [], featured: { id: 7, name: 'Pic', url: 'https://example.org/p' }, next: { id: 9, slug: 's', hidden: true }, either: { b: 2 } },
  { id: 4, excerpt: 'x', status: 'open', authors: [{ id: 5, name: 'Bo', url: 'https://example.org/b' }], featured: 1, either: { a: 'z' } }
]

describe('serializer schemas with type-merged unions', () => {
  it('merges unions told apart by JSON type and leaves the others as they are', () => {
    const merged = withTypeMergedUnions(Item) as unknown as { properties: Record<string, Record<string, unknown>> }
    expect(merged.properties.excerpt).toEqual({ type: ['string', 'null'] })
    expect(merged.properties.status).toEqual({ type: 'string' })
    expect(merged.properties.authors).toMatchObject({ type: 'array', items: { type: ['integer', 'object'], required: ['id', 'name', 'url'] } })
    expect(merged.properties.featured).toMatchObject({ type: ['integer', 'object', 'null'], additionalProperties: false })
    expect(merged.properties.either).toHaveProperty('anyOf')
    // the declared schema is not touched: validation and OpenAPI keep it
    expect(Item.properties.excerpt).toHaveProperty('anyOf')
  })

  it('writes exactly the bytes the validating serializer writes', () => {
    const declared = fastJson(Item)
    const merged = fastJson(withTypeMergedUnions(Item))
    for (const value of values) expect(merged(value)).toBe(declared(value))
  })

  it('still refuses a value of none of the types', () => {
    const merged = fastJson(withTypeMergedUnions(Item))
    expect(() => merged({ ...values[0], featured: 'seven' })).toThrow(TypeError)
    expect(() => merged({ ...values[0], authors: ['x'] })).toThrow(TypeError)
  })
})
