import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { TEST_NOW } from '../helpers/clock.js'
import { insertArticle, openWriter, searchIds, type Writer } from '../helpers/search.js'

let app: TestApp
let writer: Writer
const hoursAgo = (h: number) => TEST_NOW.getTime() - h * 3_600_000

beforeAll(async () => {
  app = await buildTestApp()
  writer = openWriter(app)
})
afterAll(async () => {
  writer.close()
  await app.close()
})

describe('relevance', () => {
  it.each([
    ['Latin', 'qzrank', 'qzrank', 'en'],
    // the word is spelled differently in each place: the index folds them, the ranking still sees where they are
    ['Arabic', 'المدرسة', 'المدرسه', 'ar'],
    ['Persian', 'کتاب‌ها', 'كتابها', 'fa']
  ])('%s: title above excerpt above body', async (_script, word, variant, edition) => {
    const marker = `qzm${edition}`
    // the longer the document, the lower bm25 scores a hit: only the column weights can put the longest one first
    const filler = (words: number) => `<p>${'filler '.repeat(words)}</p>`
    const inBody = insertArticle(writer, { edition, title: `Story ${marker}`, body: `<p>Then ${variant}.</p>`, publishedAt: hoursAgo(1) })
    const inExcerpt = insertArticle(writer, { edition, title: `Story ${marker}`, excerpt: `About ${word}.`, body: filler(20), publishedAt: hoursAgo(2) })
    const inTitle = insertArticle(writer, { edition, title: `${variant} ${marker}`, body: filler(60), publishedAt: hoursAgo(3) })
    expect(await searchIds(app, `${word} ${marker}`, { edition })).toEqual([inTitle, inExcerpt, inBody])
    expect(await searchIds(app, `${word} ${marker}`, { edition, sort: '-publishedAt' })).toEqual([inBody, inExcerpt, inTitle])
  })

  it('orders equal scores newest first', async () => {
    const older = insertArticle(writer, { title: 'Identical qztie headline', publishedAt: hoursAgo(5) })
    const newer = insertArticle(writer, { title: 'Identical qztie headline', publishedAt: hoursAgo(4) })
    const newest = insertArticle(writer, { title: 'Identical qztie headline', publishedAt: hoursAgo(3) })
    expect(await searchIds(app, 'qztie')).toEqual([newest, newer, older])
  })

  it('requires every term, and a quoted phrase in order', async () => {
    const both = insertArticle(writer, { title: 'qzalpha qzbeta' })
    const reversed = insertArticle(writer, { title: 'qzbeta qzalpha' })
    insertArticle(writer, { title: 'qzalpha alone' })
    expect((await searchIds(app, 'qzalpha qzbeta')).sort()).toEqual([both, reversed].sort())
    expect(await searchIds(app, '"qzalpha qzbeta"')).toEqual([both])
  })

  it('matches the last term as a prefix only while it is being typed', async () => {
    const id = insertArticle(writer, { title: 'Qzprefixed words' })
    expect(await searchIds(app, 'qzpref')).toEqual([id])
    expect(await searchIds(app, 'qzpref ')).toEqual([])
    expect(await searchIds(app, 'qzprefixed')).toEqual([id])
  })
})
