import { ar } from './ar.js'
import { en } from './en.js'
import { fa } from './fa.js'
import { sq } from './sq.js'
import type { EditionContent } from './types.js'

/** In edition position order; the first is the default edition. */
export const editionContents: readonly EditionContent[] = [en, ar, fa, sq]

/** Editions created outside the demo fall back to English phrase banks. */
export function contentFor (code: string): EditionContent {
  return editionContents.find((c) => c.code === code) ?? en
}
