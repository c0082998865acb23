import { describe, expect, it } from 'vitest'
import { formTokens, indexedForms, stemsOf, type StemLanguage } from '../../src/search/word-forms.js'

/** One stem per word, as the index and the query take it (normalized, hamza as one letter). */
const stem = (word: string, language: StemLanguage) => stemsOf(formTokens(word)[0]!, [language])[0]

describe('word forms per language', () => {
  it.each([
    // [language, forms that must share one stem]
    ['sq', ['qytet', 'qyteti', 'qytetit', 'qytetin', 'qytetet', 'qytete', 'qyteteve']],
    ['sq', ['vajzë', 'vajza', 'vajzën', 'vajzës', 'vajzat', 'vajzave']],
    ['sq', ['shtëpi', 'shtëpia', 'shtëpinë', 'shtëpisë', 'shtëpitë', 'shtëpive']],
    ['sq', ['zog', 'zogu', 'zogun', 'zogut']],
    ['sq', ['bukë', 'buka', 'bukën', 'bukës']],
    ['sq', ['grevë', 'greva', 'grevës']],
    ['sq', ['zgjedhje', 'zgjedhjet', 'zgjedhjeve']],
    ['sq', ['mësues', 'mësuesi', 'mësuesit', 'mësuesin']],
    ['ar', ['كتاب', 'الكتاب', 'بالكتاب', 'والكتاب', 'للكتاب', 'فالكتاب']],
    ['ar', ['مسئول', 'مسؤول', 'المسؤول', 'المسؤولين', 'مسؤولون']],
    ['ar', ['معلم', 'المعلمون', 'المعلمين', 'معلمة']],
    ['fa', ['کتاب', 'کتاب‌ها', 'کتابها', 'کتاب‌های', 'کتابی']],
    ['fa', ['گرم', 'گرم‌تر', 'گرمترین']],
    ['fa', ['می‌خواهم', 'میخواهم', 'نمی‌خواهم']],
    ['fa', ['کشاورز', 'کشاورزان']],
    ['en', ['price', 'prices', 'priced']],
    ['en', ['report', 'reporting', 'reported', 'reports']]
  ] as const)('%s: %j', (language, forms) => {
    const stems = new Set(forms.map((form) => stem(form, language)))
    expect([...stems]).toHaveLength(1)
  })

  it.each([
    // different words keep different stems
    ['sq', 'mësues', 'mes'],
    ['sq', 'qytet', 'qyq'],
    ['ar', 'كتاب', 'كتب'],
    ['ar', 'حرب', 'خرب'],
    ['fa', 'دختر', 'دخ'],
    ['en', 'price', 'prize']
  ] as const)('%s: %s is not %s', (language, one, other) => {
    expect(stem(one, language)).not.toBe(stem(other, language))
  })

  it('indexes Persian affixes written apart as if joined, and only stems that are not already words of the text', () => {
    expect(indexedForms('می خواهند', 'fa')).toBe(indexedForms('می‌خواهند', 'fa'))
    expect(indexedForms('کتاب های تازه', 'fa')).toBe('')
    expect(indexedForms('کتاب و کتاب‌ها', 'fa')).toBe('')
    expect(indexedForms('Bread prices', 'en')).toBe('price')
    // a word in another script is kept whole
    expect(indexedForms('COVID في المدارس', 'ar')).toBe('مدارس')
  })
})
