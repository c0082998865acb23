import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pageSizeOf, toPageRequest } from '../../src/graphql/connection.js'
import { acceptsGraphQLResponse } from '../../src/graphql/errors.js'
import { databaseIdOf, fromGlobalId, nodeTypes, toGlobalId } from '../../src/graphql/global-id.js'
import { graphqlJs } from '../../src/graphql/graphql-js.js'
import { costOf, limits } from '../../src/graphql/limits.js'
import { schemaPath } from '../../src/graphql/plugin.js'
import { countWords, excerptFromHtml, htmlToText, htmlToWords } from '../../src/editorial/html-text.js'
import { InvalidInputError } from '../../src/errors.js'
import { createCursorCodec } from '../../src/pagination/cursor.js'

describe('global ids', () => {
  it('round-trip every node type and id, and nothing else decodes', () => {
    fc.assert(fc.property(fc.constantFrom(...nodeTypes), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (type, id) => {
      expect(fromGlobalId(toGlobalId(type, id))).toEqual({ type, id })
    }))
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = fromGlobalId(text)
      if (parsed !== null) expect(toGlobalId(parsed.type, parsed.id)).toBe(text)
    }))
    for (const raw of ['Article:0', 'Article:01', 'Article:1.0', 'Article:-1', 'article:1', 'Article:1 ', 'Article:', ':1', 'Article:99999999999999999']) {
      expect(fromGlobalId(Buffer.from(raw).toString('base64url')), raw).toBeNull()
    }
    expect(fromGlobalId(`${toGlobalId('Article', 1)}=`)).toBeNull()
    expect(() => databaseIdOf(toGlobalId('Tag', 1), 'Article')).toThrow(InvalidInputError)
  })
})

describe('Relay arguments', () => {
  const codec = createCursorCodec('unit-test-secret-unit-test-secret-000')

  it('turn into the service limit and a cursor pointed the way of travel', () => {
    const position = { sort: 'title', value: 'Ä', id: 7, direction: 'after' as const }
    const cursor = codec.encode(position)
    expect(toPageRequest({}, codec)).toEqual({ limit: 20 })
    expect(toPageRequest({ first: 5, after: cursor }, codec)).toEqual({ limit: 5, cursor })
    const before = toPageRequest({ last: 5, before: cursor }, codec)
    expect(before.limit).toBe(5)
    expect(codec.decode(before.cursor!, 'title')).toEqual({ ...position, direction: 'before' })
    expect(codec.decode(toPageRequest({ after: before.cursor! }, codec).cursor!, 'title')).toEqual(position)
    expect(() => toPageRequest({ after: `${cursor}x` }, codec)).toThrow(InvalidInputError)
  })

  it('accept 1–100 items, and only first/after or last/before', () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
      if (n >= 1 && n <= 100) expect(pageSizeOf({ first: n })).toBe(n)
      else expect(() => pageSizeOf({ first: n })).toThrow(InvalidInputError)
    }))
    expect(() => pageSizeOf({ last: 3 })).toThrow(/needs a "before"/)
    expect(() => pageSizeOf({ first: 3, last: 3 })).toThrow(InvalidInputError)
    expect(pageSizeOf({ first: null, last: null, after: null, before: null })).toBe(20)
  })
})

describe('text from bodies', () => {
  it('turns HTML into paragraphs of plain text', () => {
    expect(htmlToText('<h2>Title</h2><p>One &amp; <b>two</b>&nbsp;three.<br>Next line</p><script>alert(1)</script><ul><li>a</li><li>b</li></ul>'))
      .toBe('Title\n\nOne & two three.\nNext line\n\na\n\nb')
    // entities decode as an HTML5 parser decodes them: an unknown name stays, NUL becomes U+FFFD
    expect(htmlToText('<p>&#1575;&#x644; &lt;tag&gt; &unknown; &#0;</p>')).toBe('ال <tag> &unknown; \ufffd')
  })

  it('gives search, word counts and plain text the same words', () => {
    const body = '<p>Shq<b>ip</b>ëri &amp; more</p><p>next<br>line<img src="x.png">after</p><script>hidden words</script>'
    expect(htmlToWords(body).split(/\s+/).filter(Boolean)).toEqual(['Shqipëri', '&', 'more', 'next', 'line', 'after'])
    expect(htmlToText(body).split(/\s+/)).toEqual(['Shqipëri', '&', 'more', 'next', 'line', 'after'])
    expect(countWords(body)).toBe(6)
    expect(htmlToText('')).toBe('')
  })

  it('cuts excerpts at a word boundary, never inside a character', () => {
    const arabic = `<p>${'كلمة '.repeat(80)}</p>`
    const excerpt = excerptFromHtml(arabic)
    expect(excerpt.endsWith('…')).toBe(true)
    expect(excerpt).not.toMatch(/\s…$/)
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(201)
    const emoji = excerptFromHtml(`<p>${'📰'.repeat(300)}</p>`, 10)
    expect(emoji).toBe(`${'📰'.repeat(10)}…`)
    expect(excerptFromHtml('<p>Short.</p>')).toBe('Short.')
  })
})

describe('content negotiation', () => {
  it('answers application/graphql-response+json only to clients that accept it', () => {
    expect(acceptsGraphQLResponse(undefined)).toBe(false)
    expect(acceptsGraphQLResponse('application/json')).toBe(false)
    expect(acceptsGraphQLResponse('application/graphql-response+json, application/json;q=0.9')).toBe(true)
    expect(acceptsGraphQLResponse('Application/GraphQL-Response+JSON;charset=utf-8')).toBe(true)
    expect(acceptsGraphQLResponse('application/graphql-response+json;q=0, application/json')).toBe(false)
  })
})

describe('cost', () => {
  const schema = graphqlJs.buildSchema(readFileSync(schemaPath, 'utf8'))
  const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
    costOf(schema, graphqlJs.parse(query), operationName, variables)

  it('counts objects, multiplying connections by their page size and lists by an estimate', () => {
    expect(cost('{ editions { code } }')).toBe(limits.listEstimate)
    expect(cost('{ articles(first: 10) { totalCount } }')).toBe(1)
    expect(cost('{ articles(first: 10) { nodes { title } } }')).toBe(1 + 10 * 1)
    expect(cost('{ articles(first: 10) { nodes { authors { name } } } }')).toBe(1 + 10 * (1 + limits.listEstimate))
    expect(cost('query($n: Int) { articles(first: $n) { nodes { title } } }', { n: 50 })).toBe(51)
    expect(cost('query($n: Int = 7) { articles(first: $n) { nodes { title } } }')).toBe(8)
    expect(cost('{ categories(first: 10) { nodes { articles(first: 10) { nodes { title } } } } }')).toBe(1 + 10 * (1 + 1 + 10))
    expect(cost(`{ nodes(ids: ["${toGlobalId('Article', 1)}", "${toGlobalId('Article', 2)}"]) { id ... on Article { edition { code } } } }`)).toBe(2 * (1 + 1))
  })

  it('expands fragments once each and picks the requested operation', () => {
    const doc = 'query A { ...E } query B { articles(first: 100) { nodes { ...N } } } fragment E on Query { editions { code } } fragment N on Article { authors { name } }'
    expect(cost(doc, undefined, 'A')).toBe(limits.listEstimate)
    expect(cost(doc, undefined, 'B')).toBe(1 + 100 * (1 + limits.listEstimate))
    expect(cost(doc)).toBeNull()
    // variables that do not coerce are refused with graphql-js' own errors, whichever executor runs next
    expect(() => cost('query($n: Int!) { articles(first: $n) { totalCount } }', {})).toThrow(expect.objectContaining({
      code: 'MER_ERR_GQL_VALIDATION',
      errors: [expect.objectContaining({ message: 'Variable "$n" of required type "Int!" was not provided.' })]
    }))
  })

  it('checks page sizes with the resolvers\' rule', () => {
    expect(() => cost('{ articles(first: 500) { totalCount } }')).toThrow(InvalidInputError)
    expect(() => cost('{ tags(last: 2) { totalCount } }')).toThrow(/needs a "before"/)
  })
})
