/** No retry waits longer than this, however many came before. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000

/**
 * The wait before the next try after `attempts` failed ones: base · 2^(attempts−1), capped, with
 * "equal jitter" (half fixed, half random) so endpoints that failed together do not retry together.
 * With the defaults (30 s base, 12 attempts) the last try is about 14 hours after the first.
 */
export function retryDelay (attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(exponential / 2 + random() * exponential / 2)
}
