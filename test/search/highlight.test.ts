import { escapeUTF8 } from 'entities'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Highlighter, SNIPPET_WORDS } from '../../src/search/highlight.js'
import { parseSearchQuery } from '../../src/search/query.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { insertArticle, openWriter, search, type Writer } from '../helpers/search.js'

const highlighter = (q: string) => new Highlighter(parseSearchQuery(q, { minPrefix: 3 }))
const unmarked = (html: string) => html.replaceAll('<mark>', '').replaceAll('</mark>', '')

describe('Highlighter', () => {
  it('marks the words as written, with their diacritics, harakat and joiners', () => {
    expect(highlighter('shqiperi').mark('Çmimet në Shqipëri')).toBe('Çmimet në <mark>Shqipëri</mark>')
    // another form of the word (with the article) is marked too, as search finds it
    expect(highlighter('مدرسه').mark('افتتاح المَدْرَسَة الجديدة')).toBe('افتتاح <mark>المَدْرَسَة</mark> الجديدة')
    expect(highlighter('حرب').mark('افتتاح المَدْرَسَة الجديدة')).toBe('افتتاح المَدْرَسَة الجديدة')
    expect(highlighter('المدرسه').mark('افتتاح المَدْرَسَة الجديدة')).toBe('افتتاح <mark>المَدْرَسَة</mark> الجديدة')
    expect(highlighter('میخواهم').mark('من می‌خواهم بروم')).toBe('من <mark>می‌خواهم</mark> بروم')
    expect(highlighter('1403').mark('سال ۱۴۰۳')).toBe('سال <mark>۱۴۰۳</mark>')
  })

  it('marks other forms of a query word, hamza seats and all, and leaves other words alone', () => {
    expect(highlighter('كتاب ').mark('قرأت الكتاب وبالكتاب كتب')).toBe('قرأت <mark>الكتاب</mark> <mark>وبالكتاب</mark> كتب')
    expect(highlighter('مسئول ').mark('قال المسؤول')).toBe('قال <mark>المسؤول</mark>')
    expect(highlighter('qytet ').mark('Në qytetin e vjetër')).toBe('Në <mark>qytetin</mark> e vjetër')
    expect(highlighter('price ').mark('Bread prices and pricing')).toBe('Bread <mark>prices</mark> and <mark>pricing</mark>')
  })

  it('marks the last term as a prefix, whole words otherwise', () => {
    expect(highlighter('bread pri').mark('Rising bread prices, price of breadsticks')).toBe('Rising <mark>bread</mark> <mark>prices</mark>, <mark>price</mark> of breadsticks')
    expect(highlighter('bread pri ').mark('Rising bread prices')).toBe('Rising <mark>bread</mark> prices')
  })

  it('escapes everything around the marks', () => {
    const title = '<img src=x onerror=alert(1)> Bread & Butter\'s "prices"'
    expect(highlighter('bread prices').mark(title)).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>Bread</mark> &amp; Butter&apos;s &quot;<mark>prices</mark>&quot;')
    expect(highlighter('onerror').mark(title)).toBe('&lt;img src=x <mark>onerror</mark>=alert(1)&gt; Bread &amp; Butter&apos;s &quot;prices&quot;')
    expect(highlighter('script').mark('</mark><script>alert(1)</script>')).toBe('&lt;/mark&gt;&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;')
  })

  it('any text and query: removing the marks leaves exactly the escaped text, and only marks are tags', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.constantFrom('<', '>', '&', '"', "'", 'bread', 'Shqipëri', 'الخبز', ' ', '</mark>', '<script>'), { maxLength: 20 }).map((p) => p.join('')))
    const query = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('bread', 'shqip', 'الخبز', 'script', 'mark'))
    fc.assert(fc.property(text, query, (t, q) => {
      const html = highlighter(q).mark(t)
      expect(unmarked(html)).toBe(escapeUTF8(t))
      expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
    }), { numRuns: 1000 })
  })

  it(`cuts a snippet of about ${SNIPPET_WORDS} words around the first match`, () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`)
    words[120] = 'needle'
    const snippet = highlighter('needle').snippet(words.join(' '))!
    expect(snippet.startsWith('…w112 ')).toBe(true)
    expect(snippet).toContain('<mark>needle</mark>')
    expect(snippet.endsWith('w141…')).toBe(true)
    expect(highlighter('absent').snippet(words.join(' '))).toBeNull()
  })
})

describe('highlights in search results', () => {
  let app: TestApp
  let writer: Writer
  let id: number
  const title = '<img src=x onerror=alert(1)> Qzxss bread & "butter"'

  beforeAll(async () => {
    app = await buildTestApp()
    writer = openWriter(app)
    id = insertArticle(writer, {
      title,
      excerpt: null,
      body: `<p>${'Filler words before. '.repeat(30)}</p><p>The &lt;b&gt;qzxss&lt;/b&gt; <em>payload</em> &amp; more <script>document.cookie</script></p>`
    })
  })
  afterAll(async () => {
    writer.close()
    await app.close()
  })

  it('are HTML-escaped, with only <mark> as markup, on REST and GraphQL alike', async () => {
    const body = await search(app, 'qzxss')
    expect(body.data.map((hit) => hit.id)).toEqual([id])
    const hit = body.data[0]!
    expect(hit.title).toBe(title)
    expect(hit.highlight.title).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>Qzxss</mark> bread &amp; &quot;butter&quot;')
    expect(hit.highlight.snippet).toBe('…Filler words before. Filler words before. The &lt;b&gt;<mark>qzxss</mark>&lt;/b&gt; payload &amp; more')
    expect(hit.highlight.snippet).not.toContain('cookie')
  })

  it('fall back to the start of the body when only the title matches', async () => {
    const body = await search(app, 'onerror butter')
    expect(body.data[0]!.highlight.snippet.startsWith('Filler words before.')).toBe(true)
    expect(body.data[0]!.highlight.snippet.endsWith('…')).toBe(true)
  })
})
