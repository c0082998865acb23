import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexedWords, normalizeSearchText, searchTokens } from '../../src/search/normalize.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { insertArticle, openWriter, searchIds, type Writer } from '../helpers/search.js'

/*
 * Each folding rule with real words: [rule, one spelling, another spelling]. Both spellings must
 * normalize alike, and an article written one way must be found by the other — both directions,
 * through the real index (the SQL function quire_index_words at index time, the query parser at
 * query time).
 */
const variants: Array<[string, string, string]> = [
  // Arabic and Persian letter forms
  ['Farsi yeh ی = Arabic yeh ي (Iran)', 'ایران', 'ايران'],
  ['alef maksura ى = yeh ي (hospital)', 'مستشفى', 'مستشفي'],
  ['Farsi yeh ی = alef maksura ى (Ali)', 'علی', 'على'],
  ['Persian kaf ک = Arabic kaf ك (book)', 'کتاب', 'كتاب'],
  ['alef with hamza above أ = bare alef (Ahmad)', 'أحمد', 'احمد'],
  ['alef with hamza below إ = bare alef (Islam)', 'إسلام', 'اسلام'],
  ['alef with madda آ = bare alef (freedom, Persian)', 'آزادی', 'ازادی'],
  ['alef wasla ٱ = bare alef', 'ٱلرحمن', 'الرحمن'],
  ['teh marbuta ة = heh ه (school)', 'مدرسة', 'مدرسه'],
  ['heh with yeh above ۀ = heh (ezafe)', 'خانۀ', 'خانه'],
  ['hamza on waw ؤ = waw (question, Persian)', 'سؤال', 'سوال'],
  ['hamza on yeh ئ = yeh (autumn, Persian)', 'پائیز', 'پاییز'],
  ['hamza on yeh ئ = yeh (president, Persian)', 'رئیس', 'رییس'],
  ['harakat ignored (teacher)', 'مُدَرِّسَة', 'مدرسة'],
  ['harakat and shadda ignored (wrote)', 'كَتَبَ', 'كتب'],
  ['tanwin ignored (book, indefinite)', 'كتابٌ', 'كتاب'],
  ['tatweel ignored (beautiful)', 'جميـــل', 'جميل'],
  ['ZWNJ inside a Persian word (I want)', 'می\u200cخواهم', 'میخواهم'],
  ['ZWNJ before a plural suffix (books)', 'کتاب\u200cها', 'کتابها'],
  ['Persian digits = ASCII digits', '۱۴۰۳', '1403'],
  ['Arabic-Indic digits = ASCII digits', '٢٠٢٦', '2026'],
  ['Arabic presentation form ﻻ = لا', 'ﻻ', 'لا'],
  // Latin
  ['Albanian ë = e (Albania)', 'Shqipëri', 'shqiperi'],
  ['Albanian ç = c (prices)', 'Çmimet', 'cmimet'],
  ['Albanian ë in a word (bread)', 'bukës', 'bukes'],
  ['case (Tirana)', 'TIRANA', 'tirana'],
  ['accents (café)', 'Café', 'cafe'],
  ['letters without a decomposition (Łódź)', 'Łódź', 'lodz'],
  ['sharp s (Straße)', 'Straße', 'strasse']
]

// Different words must stay different: folding is not a fuzzy match.
const distinct: Array<[string, string, string]> = [
  ['hah ح is not khah خ', 'حرب', 'خرب'],
  ['teh ت is not teh marbuta ة', 'مدرست', 'مدرسة'],
  ['Persian peh پ is not beh ب', 'پاک', 'باک'],
  ['Latin e is not a', 'bes', 'bas'],
  ['digits differ', '۱۴۰۳', '1404']
]

describe('normalizeSearchText', () => {
  it.each(variants)('%s', (_rule, one, other) => {
    expect(normalizeSearchText(one)).toBe(normalizeSearchText(other))
    expect(searchTokens(one)).toHaveLength(1)
  })

  it.each(distinct)('%s', (_rule, one, other) => {
    expect(normalizeSearchText(one)).not.toBe(normalizeSearchText(other))
  })

  it('leaves word boundaries where they were', () => {
    expect(searchTokens('Çmimet e bukës në Shqipëri')).toEqual(['cmimet', 'e', 'bukes', 'ne', 'shqiperi'])
    expect(searchTokens('أسعار الخبز، ارتفعت ١٠٪')).toEqual(['اسعار', 'الخبز', 'ارتفعت', '10'])
    expect(searchTokens('گفت‌وگو درباره قانون')).toEqual(['گفتوگو', 'درباره', 'قانون'])
  })

  it('hands the index its tokens one space apart, non-ASCII punctuation dropped', () => {
    expect(indexedWords('«أسعار الخبز»، ارتفعت—bread’s “price” ١٠٪؟')).toBe('اسعار الخبز ارتفعت bread s price 10')
    expect(indexedWords('  ')).toBe('')
  })

  it('is idempotent', () => {
    for (const [, one, other] of variants) {
      expect(normalizeSearchText(normalizeSearchText(one))).toBe(normalizeSearchText(one))
      expect(normalizeSearchText(normalizeSearchText(other))).toBe(normalizeSearchText(other))
    }
  })
})

describe('the index folds the same way, in both directions', () => {
  let app: TestApp
  let writer: Writer
  const ids = new Map<string, { one: number, other: number }>()
  // a token no demo article has, so a search for "<word> <marker>" finds exactly the article written for that row
  const marker = (index: number, side: string) => `qzmark${index}${side}`

  beforeAll(async () => {
    app = await buildTestApp()
    writer = openWriter(app)
    variants.forEach(([rule, one, other], index) => {
      ids.set(rule, {
        one: insertArticle(writer, { title: `${one} ${marker(index, 'a')}` }),
        other: insertArticle(writer, { title: `${other} ${marker(index, 'b')}`, body: `<p>${other} ${marker(index, 'c')}</p>` })
      })
    })
  })
  afterAll(async () => {
    writer.close()
    await app.close()
  })

  it('splits words at non-ASCII punctuation as the query does', async () => {
    const id = insertArticle(writer, { title: '«الخبز»،qzpunct—bread’s', body: '<p>«نان»؛کتاب؟qzpunct</p>' })
    for (const q of ['الخبز qzpunct', 'bread qzpunct', 'نان qzpunct', 'کتاب qzpunct', '"bread s"']) {
      expect(await searchIds(app, q), q).toEqual([id])
    }
  })

  it.each(variants.map((row, index) => [...row, index] as const))('%s', async (rule, one, other, index) => {
    const written = ids.get(rule)!
    expect(await searchIds(app, `${other} ${marker(index, 'a')}`)).toEqual([written.one])
    expect(await searchIds(app, `${one} ${marker(index, 'b')}`)).toEqual([written.other])
    // in the body too, and the mark lands on the text as it was written
    const res = await app.inject(`/v1/search?q=${encodeURIComponent(`${one} ${marker(index, 'c')}`)}`)
    expect(res.json().data.map((hit: { id: number }) => hit.id)).toEqual([written.other])
    expect(res.json().data[0].highlight.snippet).toContain(`<mark>${other}</mark>`)
  })
})

describe('hamza as one letter, for word forms', () => {
  it.each([
    ['hamza on yeh ئ = hamza on waw ؤ (official)', 'مسئول', 'مسؤول'],
    ['hamza on yeh ئ = hamza on waw ؤ (affairs)', 'شئون', 'شؤون'],
    ['seated hamza = bare hamza ء', 'مسؤول', 'مسءول'],
    ['decomposed seat = precomposed seat', 'مسؤول'.normalize('NFD'), 'مسئول']
  ])('%s', (_rule, one, other) => {
    expect(normalizeSearchText(one, { hamza: 'letter' })).toBe(normalizeSearchText(other, { hamza: 'letter' }))
  })

  it('keeps words without hamza apart from words with it', () => {
    expect(normalizeSearchText('سؤال', { hamza: 'letter' })).not.toBe(normalizeSearchText('سال', { hamza: 'letter' }))
  })
})
