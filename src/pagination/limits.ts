/**
 * Page sizes of every keyset list, REST `limit` and GraphQL `first`/`last` alike: one default and
 * one ceiling, so no protocol pages differently. Sync (its own stream) and search suggestions
 * have limits of their own.
 */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
