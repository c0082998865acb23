import { codings } from './encoding-etags.js'

/**
 * Entity tags of editable resources for authenticated clients: the row's version counter, so a tag
 * changes on every write and `If-Match` can be checked inside the write's own transaction.
 * (Public responses carry the content-version tags of caching.ts instead.)
 */
export const versionEtag = (version: number): string => `"v${version}"`

const versionTag = new RegExp(`^"v([1-9][0-9]{0,15})(?:-(?:${codings.join('|')}))?"$`)

/**
 * The version an `If-Match` header names: undefined without the header, null when it names no
 * version this server issued (or `*` is combined with others), so the write fails with 412.
 * `*` means "any current representation" (RFC 9110 §13.1.1) and sets no expectation.
 */
export function expectedVersionFrom (ifMatch: string | undefined): number | null | undefined {
  if (ifMatch === undefined) return undefined
  const tags = ifMatch.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '')
  if (tags.length === 1 && tags[0] === '*') return undefined
  // a weak tag never matches in If-Match (strong comparison, RFC 9110 §13.1.1)
  // a tag read from a compressed response names its coding ("v3-gzip", encoding-etags.ts): the same
  // version of the entity, which is what a write is conditional on, so it is accepted as "v3"
  const versions = tags.map((tag) => versionTag.exec(tag)?.[1]).filter((v): v is string => v !== undefined)
  if (versions.length !== 1 || tags.length !== 1) return null
  return Number(versions[0])
}
