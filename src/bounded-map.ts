/**
 * A Map for memos whose keys repeat (Accept-Encoding values, URLs, words, validators) but come from
 * outside, so nothing of ours bounds how many there are: it holds at most `capacity` entries and
 * forgets them all when a new key would pass that. Clearing rather than evicting one at a time keeps a
 * hit to one lookup; a stream of fresh keys costs what it would without the memo.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #capacity: number

  constructor (capacity: number) {
    super()
    this.#capacity = capacity
  }

  override set (key: K, value: V): this {
    if (this.size >= this.#capacity && !this.has(key)) this.clear()
    return super.set(key, value)
  }
}
