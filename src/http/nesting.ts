/**
 * How deeply brackets nest in a JSON or GraphQL text, read in one pass without recursion.
 *
 * Recursive-descent parsers (graphql-js) and the code that walks what they build use one stack
 * frame or more per level, so a few kilobytes of `[[[[…` can exhaust the stack before any size
 * or token limit applies. This scan runs first and costs one comparison per character. It knows
 * just enough of each syntax to skip what cannot nest: strings (with escapes), GraphQL block
 * strings and `#` comments. Unbalanced text is left for the real parser to reject.
 */
export type NestingSyntax = 'json' | 'graphql'

const OPEN = new Set([0x5b /* [ */, 0x7b /* { */, 0x28 /* ( */])
const CLOSE = new Set([0x5d /* ] */, 0x7d /* } */, 0x29 /* ) */])
const QUOTE = 0x22
const BACKSLASH = 0x5c
const HASH = 0x23
const LF = 0x0a
const CR = 0x0d

/** True when `text` opens more than `max` brackets, braces or parentheses inside one another. */
export function nestsDeeperThan (text: string, max: number, syntax: NestingSyntax): boolean {
  const graphql = syntax === 'graphql'
  let depth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      if (graphql && text.startsWith('"""', i)) {
        // a block string ends at the next unescaped """ (\""" is its only escape)
        i += 3
        while (i < n && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1
        i += 3
        continue
      }
      i++
      while (i < n) {
        const s = text.charCodeAt(i)
        if (s === BACKSLASH) { i += 2; continue }
        i++
        if (s === QUOTE || (graphql && (s === LF || s === CR))) break
      }
      continue
    }
    if (graphql && c === HASH) {
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++
      continue
    }
    if (OPEN.has(c)) {
      depth++
      if (depth > max) return true
    } else if (CLOSE.has(c) && depth > 0) {
      depth--
    }
    i++
  }
  return false
}
