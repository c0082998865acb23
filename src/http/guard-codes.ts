/** Error codes of requests the edge guards refuse (mapped to problems in problem.ts). */
export const RATE_LIMITED = 'QUIRE_RATE_LIMITED'
export const OVERLOADED = 'QUIRE_OVERLOADED'
/** Seconds an overloaded server asks clients to wait. */
export const LOAD_SHED_RETRY_AFTER_SECONDS = 10
