/**
 * Search pages are positions in a ranking, not keyset positions: a cursor holds the index of an
 * item (signed, like every cursor). Relevance pages are read from the top, so depth is capped:
 * only the first MAX_RESULTS results can be paged to; `total` still counts every match.
 */
export const MAX_RESULTS = 1000
/** Last-term prefixes shorter than this match whole words only in search (suggestions take any). */
export const MIN_PREFIX = 3
export const MAX_SUGGESTIONS = 10
export const DEFAULT_SUGGESTIONS = 5
