// The same-data limit: what a hand-written route costs for the very response a Quire scenario serves.
// Bare Fastify 5 (logger off) over Quire's own seeded database, opened read-only; ONE SQL statement per
// request that builds the whole JSON document in SQLite (json_object / json_group_array), and a
// response schema so Fastify serializes with fast-json-stringify. No cache, no validation beyond the
// route params, no hooks: the ceiling a Quire scenario's `× same-data` ratio is taken against.
//
// What it leaves out of Quire's responses (so the ratio flatters the baseline slightly): the list's
// `links`/`meta.nextCursor` (a signed cursor) and, for one article, `shareLinks` and `featuredMedia`
// (computed or media-table work). The articles, their order, bodies, bylines and categories are the same;
// the runner checks ids, slugs and count against Quire before measuring.
import Database from 'better-sqlite3'
import Fastify from 'fastify'

const port = Number(process.env.PORT ?? 3002)
const host = process.env.HOST ?? '127.0.0.1'
const databasePath = process.env.DATABASE_PATH
if (databasePath === undefined || databasePath === '') throw new Error('DATABASE_PATH is required')
// Quire's default public URL templates (src/config.ts); the bench runs Quire with the defaults.
const site = 'https://example.org'

const db = new Database(databasePath, { readonly: true, fileMustExist: true })

const iso = (column: string): string => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`

const authorsOf = (article: string): string => `(select json_group_array(json_object('id', au.id, 'slug', au.slug, 'name', au.name, 'url', '${site}/' || e.code || '/author/' || au.slug))
    from (select au.id, au.slug, au.name from article_authors aa join authors au on au.id = aa.author_id where aa.article_id = ${article} order by aa.position) au)`

const categoriesOf = (article: string): string => `(select json_group_array(json_object('id', c.id, 'edition', e.code, 'slug', c.slug, 'name', c.name, 'parentId', c.parent_id,
      'primary', json(case when c.is_primary then 'true' else 'false' end), 'url', '${site}/' || e.code || '/category/' || c.slug))
    from (select c.id, c.slug, c.name, c.parent_id, ac.is_primary from article_categories ac join categories c on c.id = ac.category_id where ac.article_id = ${article} order by ac.position) c)`

// The list-full-bodies page: the 20 newest visible articles of the edition, newest first, as Quire orders them.
const listStatement = db.prepare<[string, number, number]>(`
  select json_object('data', coalesce(json_group_array(json(doc)), json('[]')), 'meta', json_object('limit', 20)) as doc
  from (
    select json_object('id', a.id, 'slug', a.slug, 'title', a.title, 'excerpt', a.excerpt, 'body', a.body,
      'publishedAt', ${iso('coalesce(a.published_at, a.created_at)')}, 'updatedAt', ${iso('a.updated_at')},
      'url', '${site}/' || e.code || '/' || a.slug,
      'authors', json(${authorsOf('a.id')}), 'categories', json(${categoriesOf('a.id')})) as doc
    from editions e join articles a on a.edition_id = e.id
    where e.code = ? and a.visible_from <= ?
    order by a.visible_from desc, a.id desc
    limit ?
  )`).pluck()

const articleStatement = db.prepare<[{ edition: string, slug: string, now: number }]>(`
  select json_object('data', json_object('id', a.id, 'edition', e.code, 'direction', e.direction, 'slug', a.slug, 'title', a.title,
    'excerpt', a.excerpt, 'body', a.body, 'publishedAt', ${iso('coalesce(a.published_at, a.created_at)')},
    'createdAt', ${iso('a.created_at')}, 'updatedAt', ${iso('a.updated_at')},
    'featured', json(case when a.featured then 'true' else 'false' end), 'wordCount', a.word_count, 'readingTimeMinutes', a.reading_time_minutes,
    'commentStatus', coalesce(a.comment_status, 'open'), 'commentCount', a.comment_count, 'url', '${site}/' || e.code || '/' || a.slug,
    'seo', json_object('title', a.seo_title, 'description', a.seo_description),
    'primaryCategoryId', (select category_id from article_categories where article_id = a.id and is_primary),
    'authors', json(${authorsOf('a.id')}), 'categories', json(${categoriesOf('a.id')}),
    'tags', json((select json_group_array(json_object('id', t.id, 'slug', t.slug, 'name', t.name, 'url', '${site}/' || e.code || '/tag/' || t.slug))
      from article_tags at join tags t on t.id = at.tag_id where at.article_id = a.id)),
    'translations', json((select json_group_array(json_object('id', o.id, 'edition', oe.code, 'direction', oe.direction, 'slug', o.slug, 'title', o.title,
        'url', '${site}/' || oe.code || '/' || o.slug))
      from articles o join editions oe on oe.id = o.edition_id
      where a.translation_group is not null and o.translation_group = a.translation_group and o.id <> a.id and o.visible_from <= @now))
  )) as doc
  from editions e join articles a on a.edition_id = e.id and a.slug = @slug
  where e.code = @edition and a.visible_from <= @now`).pluck()

const nullableString = { type: ['string', 'null'] }
const author = { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } } }
const category = {
  type: 'object',
  properties: { id: { type: 'integer' }, edition: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, parentId: { type: ['integer', 'null'] }, primary: { type: 'boolean' }, url: { type: 'string' } }
}
const common = {
  id: { type: 'integer' },
  slug: { type: 'string' },
  title: { type: 'string' },
  excerpt: nullableString,
  body: { type: 'string' },
  publishedAt: { type: 'string' },
  updatedAt: { type: 'string' },
  url: { type: 'string' },
  authors: { type: 'array', items: author },
  categories: { type: 'array', items: category }
}
const listSchema = {
  200: {
    type: 'object',
    properties: {
      data: { type: 'array', items: { type: 'object', properties: common } },
      meta: { type: 'object', properties: { limit: { type: 'integer' } } }
    }
  }
}
const articleSchema = {
  200: {
    type: 'object',
    properties: {
      data: {
        type: 'object',
        properties: {
          ...common,
          edition: { type: 'string' },
          direction: { type: 'string' },
          createdAt: { type: 'string' },
          featured: { type: 'boolean' },
          wordCount: { type: 'integer' },
          readingTimeMinutes: { type: 'integer' },
          commentStatus: { type: 'string' },
          commentCount: { type: 'integer' },
          seo: { type: 'object', properties: { title: nullableString, description: nullableString } },
          primaryCategoryId: { type: ['integer', 'null'] },
          tags: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } } } },
          translations: {
            type: 'array',
            items: { type: 'object', properties: { id: { type: 'integer' }, edition: { type: 'string' }, direction: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' }, url: { type: 'string' } } }
          }
        }
      }
    }
  }
}

const app = Fastify({ logger: false })
app.get('/ready', async () => ({ ok: true }))
// SQLite hands back the document as text; parsing it is the price of handing Fastify an object its
// compiled serializer can write, which is the shape of a hand-written route with a response schema.
app.get<{ Params: { edition: string } }>('/list-full-bodies/:edition', { schema: { response: listSchema } },
  async (request) => JSON.parse(listStatement.get(request.params.edition, Date.now(), 20) as string) as unknown)
app.get<{ Params: { edition: string, slug: string } }>('/editions/:edition/articles/:slug', { schema: { response: articleSchema } },
  async (request, reply) => {
    const doc = articleStatement.get({ edition: request.params.edition, slug: request.params.slug, now: Date.now() }) as string | undefined
    if (doc === undefined) return await reply.code(404).send({ status: 404 })
    return JSON.parse(doc) as unknown
  })

await app.listen({ port, host })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => { db.close(); process.exit(0) }, () => process.exit(1))
  })
}
