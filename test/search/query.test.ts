import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_QUERY_TERMS, parseSearchQuery } from '../../src/search/query.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { gql } from '../helpers/graphql.js'

// the exact layer (what suggestions use); word forms are added on top of it, tested below
const parse = (q: string) => parseSearchQuery(q, { minPrefix: 3, exactOnly: true })
const withForms = (q: string, languages?: Array<'ar' | 'fa' | 'sq' | 'en'>) => parseSearchQuery(q, { minPrefix: 3, ...(languages !== undefined ? { languages } : {}) })

describe('parseSearchQuery', () => {
  it.each([
    // [query, MATCH expression]
    ['bread prices', '"bread" "prices"*'],
    ['bread prices ', '"bread" "prices"'],
    ['Çmimet e BUKËS', '"cmimet" "e" "bukes"*'],
    ['"press freedom" law', '"press freedom" "law"*'],
    ['law "press freedom"', '"law" "press freedom"'],
    ['bread pr', '"bread" "pr"'],
    ["women's rights", '"women s" "rights"*'],
    ['e-mail', '"e mail"*'],
    ['أسعار الخبز', '"اسعار" "الخبز"*'],
    ['می‌خواهم کتاب', '"ميخواهم" "كتاب"*']
  ])('%s → %s', (q, match) => {
    expect(parse(q).match).toBe(match)
  })

  it.each([
    // hostile or meaningless input: never syntax, only quoted tokens
    ['"', null],
    ['"unbalanced quote', '"unbalanced" "quote"*'],
    ['a "b c', '"a" "b" "c"'],
    ['NEAR(', '"near"*'],
    ['NEAR(a b, 2)', '"near a" "b" "2"'],
    ['*', null],
    ['-', null],
    ['-bread', '"bread"*'],
    ['bread OR butter', '"bread" "or" "butter"*'],
    ['title:bread', '"title bread"*'],
    ['{title body}: x', '"title" "body" "x"'],
    ["'; DROP TABLE articles; --", '"drop" "table" "articles"*'],
    [') OR 1=1 --', '"or" "1 1"'],
    ['^bread +butter', '"bread" "butter"*'],
    ['', null],
    ['   ', null]
  ])('%j is plain text: %s', (q, match) => {
    expect(parse(q).match).toBe(match)
  })

  it('marks the prefix term separately from whole words', () => {
    expect(parse('bread pri')).toMatchObject({ match: '"bread" "pri"*', words: new Set(['bread']), prefixes: ['pri'] })
    expect(parse('"bread pri"')).toMatchObject({ match: '"bread pri"', words: new Set(['bread', 'pri']), prefixes: [] })
  })

  it.each([
    // [query, languages, MATCH expression]: a word's exact form in the exact columns, or its stems anywhere
    ['prices ', ['en'], '({title excerpt body} : "prices" OR "price")'],
    ['bread prices', ['en'], '"bread" AND ({title excerpt body} : "prices"* OR "price")'],
    ['"bread prices"', ['en'], '{title excerpt body} : "bread prices"'],
    ['qytetit ', ['sq'], '({title excerpt body} : "qytetit" OR "qyt")'],
    ['والكتاب ', ['ar'], '({title excerpt body} : "والكتاب" OR "كتاب")'],
    // hamza: the exact form folds the seat to its letter, the stem writes every seat as ء
    ['مسئول ', ['ar'], '({title excerpt body} : "مسيول" OR "مسءول")'],
    // a space where Persian writes a ZWNJ
    ['کتاب ها ', ['fa'], '({title excerpt body} : "كتابها" OR "كتاب")'],
    ['می خواهم ', ['fa'], '({title excerpt body} : "ميخواهم" OR "خواه")'],
    // without an edition, every language of the word's script
    ['prices ', undefined, '({title excerpt body} : "prices" OR "pric" OR "price")']
  ] as const)('%s in %j → %s', (q, languages, match) => {
    expect(withForms(q, languages === undefined ? undefined : [...languages]).match).toBe(match)
  })

  it('keeps a Persian affix apart in an Arabic or Albanian search', () => {
    expect(withForms('کتاب ها ', ['ar']).match).toBe('"كتاب" AND "ها"')
  })

  it(`keeps at most ${MAX_QUERY_TERMS} terms, and then no prefix`, () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ')
    const parsed = parse(long)
    expect(parsed.match?.split(' ')).toHaveLength(MAX_QUERY_TERMS)
    expect(parsed.match?.endsWith('*')).toBe(false)
  })
})

// Characters and words FTS5 reads as syntax, mixed with text in the editions' scripts.
const syntax = fc.constantFrom('"', '“', '”', '*', '(', ')', '-', '+', ':', '^', '{', '}', ',', '.', "'", ';', '--', '\\', '%', '_',
  'NEAR', 'NEAR(', 'AND', 'OR', 'NOT', 'title:', 'rowid', 'select', ' ', '  ', '\t', '\u200c', '\u0640', '\u064e', 'ë', 'ç', 'الخبز', 'کتاب', 'bread', '٣')
const hostile = fc.oneof(
  fc.array(fc.oneof(syntax, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 })
)

describe('hostile queries never break the MATCH expression', () => {
  const db = new Database(':memory:')
  db.exec("create virtual table t using fts5(title, excerpt, body, title_forms, excerpt_forms, body_forms, tokenize='ascii')")
  db.prepare('insert into t (title, excerpt, body, title_forms) values (?, ?, ?, ?)').run('bread prices', '', 'near and or not الخبز', 'price')
  const run = db.prepare('select count(*) from t where t match ?').pluck()
  afterAll(() => { db.close() })

  it('is null or a list of quoted token strings that FTS5 accepts', () => {
    fc.assert(fc.property(hostile, (q) => {
      const { match } = parse(q)
      if (match === null) return
      expect(match).toMatch(/^"[^"]+"\*?( "[^"]+"\*?)*$/)
      expect(() => run.get(match)).not.toThrow()
      // with word forms: the same quoted tokens, joined only by our own column filters, parentheses and operators
      const forms = withForms(q).match
      expect(forms).not.toBeNull()
      expect(forms!.replace(/"[^"]*"\*?/g, '"…"')).toMatch(/^(\(?(\{title excerpt body\} : )?"…"( OR "…")*\)?)( AND \(?(\{title excerpt body\} : )?"…"( OR "…")*\)?)*$/)
      expect(() => run.get(forms)).not.toThrow()
    }), { numRuns: 2000 })
  })
})

describe('hostile queries through the API', () => {
  let app: TestApp
  beforeAll(async () => { app = await buildTestApp() })
  afterAll(async () => { await app.close() })

  const fixed = ['"', '"unbalanced', 'NEAR(', 'NEAR(a b', '*', '-', '- -', 'a*b*', '"*"', 'OR', 'AND NOT', '{title}:x', 'title:bread',
    "'; DROP TABLE articles; --", '%', '%00', '\u0000', '\u202e\u200f', '😀', 'bread '.repeat(1000), 'ب'.repeat(3000)]

  it.each(fixed.map((q) => [q.length > 40 ? `${q.slice(0, 12)}… (${q.length} characters)` : JSON.stringify(q), q]))('%s → 200 on search and suggest', async (_label, q) => {
    for (const path of ['/v1/search', '/v1/search/suggest']) {
      const res = await app.inject({ method: 'GET', url: path, query: { q } })
      expect(res.statusCode).toBe(200)
      expect(Array.isArray(res.json().data)).toBe(true)
    }
  })

  it('any string: REST answers 200 with a list, GraphQL without errors', async () => {
    await fc.assert(fc.asyncProperty(hostile, async (q) => {
      const rest = await app.inject({ method: 'GET', url: '/v1/search', query: { q, limit: '5' } })
      expect(rest.statusCode).toBe(200)
      const suggest = await app.inject({ method: 'GET', url: '/v1/search/suggest', query: { q } })
      expect(suggest.statusCode).toBe(200)
      const graph = await gql(app, 'query($q: String!) { search(query: $q, first: 5) { totalCount } searchSuggestions(query: $q) { title } }', { q })
      expect(graph.body.errors).toBeUndefined()
      expect(graph.body.data.search.totalCount).toBe(rest.json().meta.total)
    }), { numRuns: 150 })
  })
})
