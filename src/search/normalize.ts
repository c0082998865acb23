/**
 * The one normalization of search text, applied to what is indexed (through the SQL function
 * `quire_index_words`, see sql-functions.ts) and to what readers type. Index and query meet only
 * through this function, so a folding added here applies to both once the index is rebuilt
 * (`quire search rebuild`).
 *
 * Arabic script, after Lucene's ArabicNormalizer and PersianNormalizer (what Elasticsearch and
 * Solr ship) plus the Persian spelling alternates they leave out:
 * - yeh forms ي ی ى ے → ي, kaf forms ك ک ڪ → ك (Arabic and Persian keyboards type different code points);
 * - alef with hamza or madda (أ إ آ), alef wasla ٱ and wavy-hamza alefs → ا;
 * - teh marbuta ة and the heh forms ۀ ہ ۃ → ه;
 * - hamza on a waw or yeh seat (ؤ ئ) → و ي: Persian writes سؤال/سوال, پائیز/پاییز and آئین/آیین
 *   both ways, and readers often type the seat without the hamza;
 * - harakat, shadda, sukun, tanwin, superscript alef and Quranic marks removed; tatweel removed;
 * - ZWNJ and the other invisible format characters (ZWJ, bidi marks, soft hyphen) removed, so
 *   می‌خواهم and میخواهم are one word;
 * - Arabic-Indic ٠-٩ and Persian ۰-۹ digits → 0-9.
 * Latin (and Greek, Cyrillic): lower case, diacritics removed (ë → e, ç → c), and the letters
 * without a decomposition folded by hand (ß ø đ ł æ œ þ ı). Compatibility forms (presentation
 * forms of Arabic letters, ligatures, full-width Latin) are unfolded by NFKD first.
 */

const digitZero = 0x30

function buildFoldTable (): Array<string | undefined> {
  const table = new Array<string | undefined>(0x10000)
  const set = (from: number, to: number, value: string) => { for (let c = from; c <= to; c++) table[c] = value }
  const map = (pairs: Record<string, string>) => { for (const [from, to] of Object.entries(pairs)) table[from.charCodeAt(0)] = to }

  // invisible format characters (Cf): ZWNJ, ZWJ, LRM/RLM, bidi embeddings and isolates, soft hyphen, BOM …
  for (let c = 0x80; c < 0x10000; c++) {
    if (/\p{Cf}/u.test(String.fromCharCode(c))) table[c] = ''
  }
  // combining marks left by NFKD on Latin, Greek and Cyrillic letters
  set(0x0300, 0x036f, '')
  set(0x1ab0, 0x1aff, '')
  set(0x1dc0, 0x1dff, '')
  set(0x20d0, 0x20ff, '')
  set(0xfe20, 0xfe2f, '')
  // Arabic marks: Quranic signs, harakat and tanwin, shadda, sukun, hamza above/below left by
  // NFKD of أ إ ؤ ئ, madda, superscript alef, small high letters
  set(0x0610, 0x061a, '')
  set(0x064b, 0x065f, '')
  table[0x0670] = ''
  set(0x06d6, 0x06dc, '')
  set(0x06df, 0x06e4, '')
  set(0x06e7, 0x06e8, '')
  set(0x06ea, 0x06ed, '')
  set(0x0898, 0x089f, '')
  set(0x08ca, 0x08ff, '')
  map({
    '\u0640': '', // tatweel
    '\u0674': '', // high hamza, left by NFKD of ٵ ٶ ٸ
    '\u0671': '\u0627', '\u0672': '\u0627', '\u0673': '\u0627', // alef wasla, alefs with wavy hamza
    '\u06cc': '\u064a', '\u0649': '\u064a', '\u06d2': '\u064a', '\u06d3': '\u064a', // Farsi yeh, alef maksura, yeh barree
    '\u06a9': '\u0643', '\u06aa': '\u0643', // keheh (Persian kaf), swash kaf
    '\u0629': '\u0647', '\u06c3': '\u0647', '\u06c1': '\u0647', '\u06c2': '\u0647', // teh marbuta, teh marbuta goal, heh goal
    'ß': 'ss', 'ẞ': 'ss', 'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd', 'ł': 'l', 'Ł': 'l', 'æ': 'ae', 'Æ': 'ae',
    'œ': 'oe', 'Œ': 'oe', 'þ': 'th', 'Þ': 'th', 'ð': 'd', 'Ð': 'd', 'ı': 'i', 'ς': 'σ'
  })
  for (let d = 0; d < 10; d++) {
    table[0x0660 + d] = String.fromCharCode(digitZero + d) // Arabic-Indic
    table[0x06f0 + d] = String.fromCharCode(digitZero + d) // Extended Arabic-Indic (Persian, Urdu)
  }
  return table
}

const fold = buildFoldTable()
const asciiOnly = /^\p{ASCII}*$/u
// ۀ decomposes to ە (Kurdish ae, kept) + hamza, so it is folded before NFKD
const hehWithYeh = /\u06c0/g

function foldCodeUnits (text: string): string {
  let out = ''
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    const replacement = fold[code]
    if (replacement === undefined) continue
    out += text.slice(start, i) + replacement
    start = i + 1
  }
  return start === 0 ? text : out + text.slice(start)
}

/*
 * Hamza for matching word forms: the seat a writer puts hamza on varies with the writer, the
 * country and the keyboard (مسئول / مسؤول, شئون / شؤون, يقرءون / يقرؤون), so the word-form index
 * (word-forms.ts) writes every seated or bare hamza as one letter ء. Alefs with hamza or madda
 * already fold to bare alef above. The exact-word index keeps the seat folded to its carrier
 * letter instead (ؤ → و, ئ → ي), which is how Persian readers type سؤال and رئیس without hamza.
 * Precomposed ؤ ئ and their decomposed spellings (carrier + U+0654) are both caught.
 */
const hamzaSeats = /[\u0624\u0626\u0621]|[\u0648\u064a\u06cc\u0649]\u0654/g

/**
 * The searchable form of a text: see the rules above. Word boundaries are left where they were.
 * `hamza: 'letter'` writes every hamza seat (ؤ ئ ء) as ء, for the word-form index.
 */
export function normalizeSearchText (text: string, options?: { hamza: 'letter' }): string {
  if (asciiOnly.test(text)) return text.toLowerCase()
  const seated = options === undefined ? text : text.replace(hamzaSeats, '\u0621')
  return foldCodeUnits(seated.replace(hehWithYeh, '\u0647').normalize('NFKD').toLowerCase())
}

/**
 * A token: letters, numbers and private-use characters; everything else separates tokens (combining
 * marks other than Latin diacritics included, which is why normalization removes the Arabic ones).
 * The index's tokenizer (FTS5 `ascii`) decides nothing: it is given the tokens one space apart.
 */
export const tokenPattern = /[\p{L}\p{N}\p{Co}]+/gu

/** Index tokens of a text, exactly as the index holds them. */
export function searchTokens (text: string): string[] {
  return normalizeSearchText(text).match(tokenPattern) ?? []
}

/**
 * The text the index holds for a text's exact words: its tokens one space apart. FTS5's `ascii`
 * tokenizer splits on ASCII spaces and punctuation only and copies every other character, so it
 * reads exactly these tokens, and non-ASCII punctuation (، « » — ’) never joins a word.
 */
export function indexedWords (text: string): string {
  return searchTokens(text).join(' ')
}
