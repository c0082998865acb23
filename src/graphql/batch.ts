/** Helpers for loaders: services answer batch finders in key order with nulls; loaders regroup per parent. */
export function indexById<T extends { id: number }> (items: ReadonlyArray<T | null>): Map<number, T> {
  const map = new Map<number, T>()
  for (const item of items) if (item !== null) map.set(item.id, item)
  return map
}

export const isPresent = <T> (value: T | null | undefined): value is T => value !== null && value !== undefined

/** The values of `ids` found in `map`, in order, skipping ids that are gone (not visible, deleted). */
export function pick<T> (map: ReadonlyMap<number, T>, ids: readonly number[]): T[] {
  return ids.map((id) => map.get(id)).filter(isPresent)
}

/** Each key's entry in `map`, or null. */
export function pickOne<T> (map: ReadonlyMap<number, T>, id: number | null): T | null {
  return id === null ? null : map.get(id) ?? null
}
