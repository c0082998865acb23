import type { Db } from '../connection.js'
import { headline, headlineCount } from './compose.js'
import { contentFor } from './content/index.js'
import type { EditionContent } from './content/types.js'
import { DAY, MINUTE } from './demo-articles.js'
import { seedDemo } from './demo.js'
import { countWords, readingTimeMinutes } from './text.js'

const bodyVariants = 16
const bodyTargetBytes = 5000
const spanDays = 3 * 365

interface Body { html: string, words: number }

interface EditionPlan {
  id: number
  headlines: Array<{ title: string, slug: string, excerpt: string, lead: Body }>
  bodies: Body[]
  categories: number[]
  tags: number[]
  authors: number[]
}

/** About 5 KB of HTML after the lead, rotated through the phrase bank by variant. */
function bodyAfterLead (c: EditionContent, variant: number): Body {
  const n = c.paragraphs.length
  let html = ''
  for (let j = 0; Buffer.byteLength(html) < bodyTargetBytes; j++) {
    html += `<p>${c.paragraphs[(variant + j) % n] ?? ''}</p>`
    if (j % 3 === 2) html += `<h2>${c.subheads[(variant + j) % c.subheads.length] ?? ''}</h2>`
    if (j % 5 === 4) html += `<blockquote><p>${c.quotes[(variant + j) % c.quotes.length] ?? ''}</p></blockquote>`
    if (j % 7 === 6) html += `<ul>${c.keyPoints.items.map((item) => `<li>${item}</li>`).join('')}</ul>`
  }
  return { html, words: countWords(html) }
}

function planEdition (db: Db, edition: { id: number, code: string }): EditionPlan {
  const client = db.$client
  const c = contentFor(edition.code)
  const ids = (sql: string, ...params: unknown[]): number[] => client.prepare(sql).pluck().all(...params) as number[]
  const ownAuthors = ids(`select distinct aa.author_id from article_authors aa join articles a on a.id = aa.article_id
    where a.edition_id = ? order by aa.author_id`, edition.id)
  return {
    id: edition.id,
    headlines: Array.from({ length: headlineCount }, (_, k) => {
      const h = headline(c, k)
      const lead = `<p>${h.excerpt}</p>`
      return { title: h.title, slug: h.slug, excerpt: h.excerpt, lead: { html: lead, words: countWords(lead) } }
    }),
    bodies: Array.from({ length: bodyVariants }, (_, v) => bodyAfterLead(c, v)),
    categories: ids('select id from categories where edition_id = ? order by id', edition.id),
    tags: ids('select id from tags where edition_id = ? order by id', edition.id),
    authors: ownAuthors.length > 0 ? ownAuthors : ids('select id from authors order by id')
  }
}

/** Cheap integer hash, so dates look scattered but stay reproducible. */
function scramble (n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * Appends `articles` published articles for load and pagination tests. Ids are
 * assigned from the current maximum, so slugs (`<headline>-<id>`) never collide with
 * earlier runs; rows are streamed in batched transactions, so memory stays flat.
 */
export function seedSynthetic (db: Db, options: { articles: number, now: Date, batchSize?: number }): { inserted: number } {
  const client = db.$client
  const total = Math.max(0, Math.floor(options.articles))
  if (total === 0) return { inserted: 0 }
  if (client.prepare('select 1 from editions limit 1').get() === undefined) seedDemo(db, { now: options.now })

  const now = options.now.getTime()
  const editions = (client.prepare('select id, code from editions order by position, id').all() as Array<{ id: number, code: string }>)
    .map((e) => planEdition(db, e))
  const images = client.prepare("select id from media where kind = 'image' order by id").pluck().all() as number[]
  const offset = client.prepare('select coalesce(max(id), 0) from articles').pluck().get() as number

  const insertArticle = client.prepare(`insert into articles (id, edition_id, slug, title, excerpt, body, status, published_at, featured,
      featured_media_id, word_count, reading_time_minutes, created_at, updated_at)
    values (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?)`)
  const insertAuthor = client.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, ?)')
  const insertCategory = client.prepare('insert into article_categories (article_id, category_id, is_primary, position) values (?, ?, ?, ?)')
  const insertTag = client.prepare('insert into article_tags (article_id, tag_id, position) values (?, ?, 0)')

  const insertRange = client.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = offset + i + 1
      const e = editions[i % editions.length]
      if (e === undefined) return
      const round = Math.floor(i / editions.length)
      const h = e.headlines[round % e.headlines.length]
      const b = e.bodies[(round * 7 + i) % e.bodies.length]
      if (h === undefined || b === undefined) return
      const words = h.lead.words + b.words
      const hash = scramble(id)
      const publishedAt = now - MINUTE - (hash % spanDays) * DAY - (scramble(hash) % DAY)
      const imageId = images.length > 0 && id % 20 !== 0 ? images[id % images.length] ?? null : null
      insertArticle.run(id, e.id, `${h.slug}-${id}`, h.title, h.excerpt, h.lead.html + b.html, publishedAt, id % 50 === 0 ? 1 : 0,
        imageId, words, readingTimeMinutes(words), publishedAt, publishedAt)

      const authorCount = e.authors.length
      if (authorCount > 0) {
        const first = e.authors[id % authorCount] ?? 0
        insertAuthor.run(id, first, 0)
        const second = e.authors[(id + 1) % authorCount] ?? first
        if (id % 4 === 0 && second !== first) insertAuthor.run(id, second, 1)
      }
      const categoryCount = e.categories.length
      if (categoryCount > 0) {
        const primary = e.categories[id % categoryCount] ?? 0
        insertCategory.run(id, primary, 1, 0)
        const secondary = e.categories[(id * 7 + 3) % categoryCount] ?? primary
        if (id % 2 === 0 && secondary !== primary) insertCategory.run(id, secondary, 0, 1)
      }
      if (e.tags.length > 0) insertTag.run(id, e.tags[id % e.tags.length] ?? 0)
    }
  })

  const batch = Math.max(1, Math.floor(options.batchSize ?? 10_000))
  for (let from = 0; from < total; from += batch) insertRange(from, Math.min(total, from + batch))
  return { inserted: total }
}
