// One definition for writes and for the seed, so seeded and edited articles are counted alike.

const tagPattern = /<[^>]*>/g

/** Words in an HTML body: tags become spaces so adjacent blocks never merge into one word. */
export function countWords (html: string): number {
  const text = html.replace(tagPattern, ' ').trim()
  return text === '' ? 0 : text.split(/\s+/).length
}

export function readingTimeMinutes (words: number): number {
  return Math.max(1, Math.ceil(words / 200))
}
