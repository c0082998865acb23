import { duringBulkLoad, type Db } from '../connection.js'
import { headline, headlineCount } from './compose.js'
import { contentFor } from './content/index.js'
import type { EditionContent } from './content/types.js'
import { DAY, MINUTE } from './demo-articles.js'
import { seedDemo } from './demo.js'
import { countWords, readingTimeMinutes } from '../../editorial/html-text.js'

const bodyVariants = 8
const bodyTargetBytes = 4600
const spanDays = 3 * 365
const PARALLEL_INDEX_FROM = 10_000

interface Template {
  slug: string
  title: string
  excerpt: string
  /** UTF-8 bytes, bound as a blob and cast to text by SQLite (see `insertArticle`). */
  body: Buffer
  words: number
  readingTime: number
}

interface EditionPlan {
  id: number
  /** Indexed by headline * bodyVariants + variant. */
  templates: Template[]
  categories: number[]
  tags: number[]
  authors: number[]
}

/** About 5 KB of HTML with the lead, rotated through the phrase bank by variant. */
function bodyAfterLead (c: EditionContent, variant: number): string {
  const n = c.paragraphs.length
  let html = ''
  for (let j = 0; Buffer.byteLength(html) < bodyTargetBytes; j++) {
    html += `<p>${c.paragraphs[(variant + j) % n] ?? ''}</p>`
    if (j % 3 === 2) html += `<h2>${c.subheads[(variant + j) % c.subheads.length] ?? ''}</h2>`
    if (j % 5 === 4) html += `<blockquote><p>${c.quotes[(variant + j) % c.quotes.length] ?? ''}</p></blockquote>`
    if (j % 7 === 6) html += `<ul>${c.keyPoints.items.map((item) => `<li>${item}</li>`).join('')}</ul>`
  }
  return html
}

// Bodies are assembled once per headline and variant (a few MB in all), never per row:
// the hot loop then hands SQLite ready, flat strings.
function planEdition (db: Db, edition: { id: number, code: string }): EditionPlan {
  const client = db.$client
  const c = contentFor(edition.code)
  const rests = Array.from({ length: bodyVariants }, (_, v) => bodyAfterLead(c, v))
  const templates: Template[] = []
  for (let k = 0; k < headlineCount; k++) {
    const h = headline(c, k)
    for (const rest of rests) {
      const body = `<p>${h.excerpt}</p>${rest}`
      const words = countWords(body)
      templates.push({ slug: h.slug, title: h.title, excerpt: h.excerpt, body: Buffer.from(body), words, readingTime: readingTimeMinutes(words) })
    }
  }
  const ids = (sql: string, ...params: unknown[]): number[] => client.prepare(sql).pluck().all(...params) as number[]
  const ownAuthors = ids(`select distinct aa.author_id from article_authors aa join articles a on a.id = aa.article_id
    where a.edition_id = ? order by aa.author_id`, edition.id)
  return {
    id: edition.id,
    templates,
    categories: ids('select id from categories where edition_id = ? order by id', edition.id),
    tags: ids('select id from tags where edition_id = ? order by id', edition.id),
    authors: ownAuthors.length > 0 ? ownAuthors : ids('select id from authors order by id')
  }
}

/** Cheap integer hash, so timestamps look irregular but stay reproducible. */
function scramble (n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * Appends `articles` published articles for load and pagination tests. Ids continue
 * from the current maximum and end every slug (`<headline>-<id>`), so repeated runs
 * never collide; rows stream through batched transactions, so memory stays flat.
 */
export function seedSynthetic (db: Db, options: { articles: number, now: Date, batchSize?: number, parallelIndex?: boolean }): { inserted: number } {
  const client = db.$client
  const total = Math.max(0, Math.floor(options.articles))
  if (total === 0) return { inserted: 0 }
  if (client.prepare('select 1 from editions limit 1').get() === undefined) seedDemo(db, { now: options.now })

  const editions = (client.prepare('select id, code from editions order by position, id').all() as Array<{ id: number, code: string }>)
    .map((e) => planEdition(db, e))
  const images = client.prepare("select id from media where kind = 'image' order by id").pluck().all() as number[]
  const offset = client.prepare('select coalesce(max(id), 0) from articles').pluck().get() as number
  // Dates rise with ids, as in a real archive, so the date indexes grow at their right edge
  // instead of splitting pages all over the tree; the jitter keeps timestamps irregular.
  const newest = options.now.getTime() - MINUTE
  const step = spanDays * DAY / total
  const jitter = Math.max(1, Math.floor(step))

  // Encoding a 5 KB string to UTF-8 on every row was a large share of the run time for Arabic and
  // Persian text; binding pre-encoded bytes and casting them to text stores the same TEXT value.
  const insertArticle = client.prepare(`insert into articles (id, edition_id, slug, title, excerpt, body, status, published_at, featured,
      featured_media_id, word_count, reading_time_minutes, created_at, updated_at)
    values (?, ?, ?, ?, ?, cast(? as text), 'published', ?, ?, ?, ?, ?, ?, ?)`)
  const insertAuthor = client.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)')
  const insertCategory = client.prepare('insert into article_categories (article_id, category_id, is_primary, position) values (?, ?, ?, ?)')
  const insertTag = client.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, 0)')

  const insertRange = client.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = offset + i + 1
      const e = editions[i % editions.length] as EditionPlan
      const round = Math.floor(i / editions.length)
      const t = e.templates[(round % headlineCount) * bodyVariants + (round * 3 + i) % bodyVariants] as Template
      const publishedAt = newest - Math.floor((total - 1 - i) * step) - (scramble(id) % jitter)
      const imageId = images.length > 0 && id % 20 !== 0 ? images[id % images.length] ?? null : null
      insertArticle.run(id, e.id, `${t.slug}-${id}`, t.title, t.excerpt, t.body, publishedAt, id % 50 === 0 ? 1 : 0, imageId,
        t.words, t.readingTime, publishedAt, publishedAt)

      const authorCount = e.authors.length
      if (authorCount > 0) {
        const first = e.authors[id % authorCount] as number
        insertAuthor.run(id, first, 0)
        const second = e.authors[(id + 1) % authorCount] as number
        if (id % 4 === 0 && second !== first) insertAuthor.run(id, second, 1)
      }
      const categoryCount = e.categories.length
      if (categoryCount > 0) {
        const primary = e.categories[id % categoryCount] as number
        insertCategory.run(id, primary, 1, 0)
        const secondary = e.categories[(id * 7 + 3) % categoryCount] as number
        if (id % 2 === 0 && secondary !== primary) insertCategory.run(id, secondary, 0, 1)
      }
      if (e.tags.length > 0) insertTag.run(id, e.tags[id % e.tags.length])
    }
  })

  const batch = Math.max(1, Math.floor(options.batchSize ?? 10_000))
  // indexing each row as it is written costs a statement per row: the search index is built beside
  // the load on another core (rows only ever get new, higher ids here), or catches up at its end.
  // Starting a worker costs more than indexing a small seed.
  const appendOnly = options.parallelIndex ?? total >= PARALLEL_INDEX_FROM
  duringBulkLoad(db, () => { for (let from = 0; from < total; from += batch) insertRange(from, Math.min(total, from + batch)) }, { appendOnly })
  return { inserted: total }
}
