/*
 * Albanian word forms: a light suffix stripper for the definite article and case endings of nouns
 * and adjectives (Snowball has no Albanian stemmer). Input is a normalized token: diacritics are
 * already gone, so ë is e and ç is c (qytetë → qytete, rrugës → rruges).
 *
 * The endings of the paradigms, e.g. qytet qyteti qytetin qytetit qytete qytetet qyteteve,
 * vajzë vajza vajzën vajzës vajzat vajzave, shtëpi shtëpia shtëpinë shtëpisë shtëpitë shtëpive,
 * mal mali malin malit, zog zogu zogun zogut, zgjedhje zgjedhjet zgjedhjeve: endings are removed repeatedly, longest first,
 * while at least three letters remain. That takes every form of a noun to one stem, shorter than
 * the linguistic one (qytet → qyt) but the same at index and query time, which is all matching needs.
 */

// ë/ë after a stem in -i (shtëpitë, shtëpisë, shtëpinë, shtëpive) is taken with the i, so a plain
// -të/-së/-në/-ve never cuts a stem; the -u endings (zogu, miku, shoku) follow only g, k and h,
// where Albanian writes them, so mësues does not lose its u
const endings = ['jeve', 'jet', 'jen', 'jes', 'eve', 'ave', 'ive', 'ite', 'ise', 'ine', 'it', 'in', 'et', 'at', 'es', 'en', 'ia', 'ja', 'je', 'i', 'a', 'e']
  .sort((a, b) => b.length - a.length)
const afterVelar = /[gkh](u|ut|un)$/
const MIN_STEM = 3

const leavesStem = (word: string, ending: string) => word.endsWith(ending) && word.length - ending.length >= MIN_STEM

/** The longest ending that leaves a stem (grevë: not -eve, which would leave gr, but -e). */
function endingOf (word: string): string | undefined {
  const velar = afterVelar.exec(word)?.[1]
  return endings.find((e) => leavesStem(word, e)) ?? (velar !== undefined && leavesStem(word, velar) ? velar : undefined)
}

export function stemAlbanian (token: string): string {
  let word = token
  for (let ending = endingOf(word); ending !== undefined; ending = endingOf(word)) word = word.slice(0, -ending.length)
  return word
}
