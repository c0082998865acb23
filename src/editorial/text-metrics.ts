// One definition for the seed and for writes, so seeded and edited articles are counted alike.
export { countWords, readingTimeMinutes } from '../db/seed/text.js'
