// The same-data limit: what a hand-written route costs for the very response a Quire scenario serves.
// Bare Fastify 5 (logger off) over Quire's own seeded database, opened read-only; ONE SQL statement per
// request that builds the JSON document in SQLite (json_object / json_group_array), plain JS for what SQL
// does badly, and a response schema so Fastify serializes with fast-json-stringify. No cache, no
// validation beyond the route params, no hooks: the ceiling a Quire scenario's `× same-data` ratio is
// taken against.
//
// One article (`/editions/:edition/articles/:slug`) is Quire's document for a plain GET (no `fields`,
// `include`), field for field: bylines in the article's edition, categories primary first, tags, visible
// translations, the featured media and the attachments shaped as Quire shapes media (text in the
// article's edition, every edition's text, renditions, srcset, the uploaded file), the source, the
// comment status under the edition's discussion settings, URLs from the frontend templates
// (percent-encoded), share links of the edition's networks. The runner compares whole documents with
// Quire's before measuring. What it leaves out: Quire's other answers on that path (the 301 of an old
// slug, `fields`/`include`/`adjacent`/`related`, the 400s of bad parameters), every response header
// Quire adds (ETag, Last-Modified, Cache-Control, surrogate keys, security headers), and freshness of
// settings: the share networks are read once at start-up (Quire's follow a write).
// Uploaded files' URLs (none in the seeded database) start with PUBLIC_BASE_URL, which must then be set
// for both servers alike: Quire's own default is its host and port, which this process does not know.
//
// What the list (`/list-full-bodies/:edition`) leaves out of Quire's response (so that ratio flatters
// the baseline slightly): `links`/`meta.nextCursor` (a signed cursor), and of `meta` all but `limit`
// (`total`, `prevCursor`, `page`, `totalPages`). The articles, their order, bodies, bylines and
// categories are the same; the runner checks ids, slugs and count against Quire.
import Database from 'better-sqlite3'
import Fastify from 'fastify'
// the excerpt of an article whose stored one is blank (none in the seeded database): Quire's HTML-to-text
import { excerptFromHtml } from '../src/editorial/html-text.js'
// share links and image variant names as Quire builds them: the baseline measures SQL and serialization, not a second copy of these
import { defaultShareNetworks, isShareNetwork, shareLinksFor, type ShareLink, type ShareNetwork } from '../src/editorial/share-links.js'
import { imageRenditions, srcset, toMediaFile } from '../src/modules/media/dto.js'
import type { Media } from '../src/modules/media/schemas.js'

const port = Number(process.env.PORT ?? 3002)
const host = process.env.HOST ?? '127.0.0.1'
const databasePath = process.env.DATABASE_PATH
if (databasePath === undefined || databasePath === '') throw new Error('DATABASE_PATH is required')
// Quire's default public URL templates (src/config.ts); the bench runs Quire with the defaults.
const site = 'https://example.org'
// The single article's URLs follow the same variables Quire reads (both processes inherit the runner's
// environment), with Quire's defaults (src/config.ts).
const templates = {
  article: process.env.ARTICLE_URL_TEMPLATE ?? 'https://example.org/{edition}/{slug}',
  category: process.env.CATEGORY_URL_TEMPLATE ?? 'https://example.org/{edition}/category/{slug}',
  tag: process.env.TAG_URL_TEMPLATE ?? 'https://example.org/{edition}/tag/{slug}',
  author: process.env.AUTHOR_URL_TEMPLATE ?? 'https://example.org/{edition}/author/{slug}'
}
const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? `http://${host}:${port}`).replace(/\/+$/, '')
const imageWidths = [...new Set((process.env.MEDIA_IMAGE_WIDTHS ?? '320,640,960,1280,1920,2560').split(',').map(Number))].sort((a, b) => a - b)

const db = new Database(databasePath, { readonly: true, fileMustExist: true })
// encodeURIComponent inside the statement: Quire percent-encodes the edition and slug of every URL
db.function('uri', { deterministic: true }, (text: unknown) => encodeURIComponent(String(text)))

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

// ---- one article: Quire's whole document ----

/** An ISO 8601 instant of epoch milliseconds, exactly as Date#toISOString writes it (integer arithmetic; null stays null). */
const isoExact = (column: string): string => `strftime('%Y-%m-%dT%H:%M:%S', ${column} / 1000, 'unixepoch') || printf('.%03dZ', ${column} % 1000)`

const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`

/** A frontend URL template as SQL: the literal parts concatenated with the percent-encoded edition and slug. */
function urlOf (template: string, edition: string, slug: string): string {
  return template.split(/(\{edition\}|\{slug\})/).filter((part) => part !== '')
    .map((part) => part === '{edition}' ? `uri(${edition})` : part === '{slug}' ? `uri(${slug})` : sqlText(part)).join(' || ')
}

/**
 * A media item as Quire embeds it (src/modules/media/dto.ts): its text in the edition `editionId`
 * names, field by field over the default, and every edition's text; srcset and an uploaded file's
 * URLs are JS's (finishMedia), from the `upload` this adds.
 */
const mediaOf = (m: string, editionId: string, editionCode: string): string => `json_object('id', ${m}.id, 'kind', ${m}.kind, 'url', ${m}.url,
    'mimeType', ${m}.mime_type, 'bytes', ${m}.bytes, 'width', ${m}.width, 'height', ${m}.height, 'durationSeconds', ${m}.duration_seconds,
    'title', coalesce(mt.title, ${m}.title), 'altText', coalesce(mt.alt_text, ${m}.alt_text), 'caption', coalesce(mt.caption, ${m}.caption),
    'credit', coalesce(mt.credit, ${m}.credit), 'textEdition', case when mt.media_id is null then null else ${editionCode} end,
    'translations', json((select json_group_array(json_object('edition', te.code, 'title', t.title, 'altText', t.alt_text, 'caption', t.caption, 'credit', t.credit) order by t.edition_id)
      from media_translations t join editions te on te.id = t.edition_id where t.media_id = ${m}.id)),
    'renditions', json(${m}.renditions), 'srcset', null, 'file', null,
    'upload', json((select json_object('sha256', f.sha256, 'bytes', f.bytes, 'mimeType', f.mime_type, 'width', f.width, 'height', f.height,
        'originalFilename', u.original_filename, 'placeholder', u.placeholder, 'dominantColor', u.dominant_color, 'focalX', u.focal_x, 'focalY', u.focal_y, 'pageCount', u.page_count)
      from media_uploads u join media_files f on f.sha256 = u.file_sha256 where u.media_id = ${m}.id)),
    'createdAt', ${isoExact(`${m}.created_at`)}, 'updatedAt', ${isoExact(`${m}.updated_at`)})
  from media ${m} left join media_translations mt on mt.media_id = ${m}.id and mt.edition_id = ${editionId}`

// Comment status (src/modules/comments/settings.ts): the article's own, else the edition's default; an open
// section closes by itself close_after_days after publication.
const statusOf = "coalesce(a.comment_status, ds.default_comment_status, 'open')"
const commentStatus = `case when ${statusOf} = 'open' and ds.close_after_days is not null and a.published_at is not null
    and @now > a.published_at + ds.close_after_days * 86400000 then 'closed' else ${statusOf} end`

const articleStatement = db.prepare<[{ edition: string, slug: string, now: number }]>(`
  select json_object('id', a.id, 'edition', e.code, 'direction', e.direction, 'slug', a.slug, 'title', a.title,
    'excerpt', a.excerpt, 'body', a.body, 'publishedAt', ${isoExact('coalesce(a.published_at, a.created_at)')},
    'createdAt', ${isoExact('a.created_at')}, 'updatedAt', ${isoExact('a.updated_at')},
    'featured', json(case when a.featured then 'true' else 'false' end), 'wordCount', a.word_count, 'readingTimeMinutes', a.reading_time_minutes,
    'commentStatus', ${commentStatus}, 'commentCount', a.comment_count, 'url', ${urlOf(templates.article, 'e.code', 'a.slug')},
    'seo', json_object('title', a.seo_title, 'description', a.seo_description),
    'source', json(case when a.source_name is null then null else json_object('name', a.source_name, 'url', a.source_url,
      'publishedAt', ${isoExact('a.source_published_at')}, 'originalAuthor', a.source_author, 'originalTitle', a.source_title) end),
    'primaryCategoryId', (select category_id from article_categories where article_id = a.id and is_primary order by position limit 1),
    'featuredMedia', json((select ${mediaOf('fm', 'e.id', 'e.code')} where fm.id = a.featured_media_id)),
    'attachments', json((select json_group_array(json_object('mediaId', at.media_id, 'label', at.label, 'media', json(
        (select ${mediaOf('am', 'e.id', 'e.code')} where am.id = at.media_id))) order by at.position)
      from attachments at where at.owner_type = 'article' and at.owner_id = a.id and exists (select 1 from media where id = at.media_id))),
    'authors', json((select json_group_array(json_object('id', au.id, 'slug', au.slug, 'name', coalesce(atr.name, au.name),
        'url', ${urlOf(templates.author, 'e.code', 'au.slug')}) order by aa.position, aa.author_id)
      from article_authors aa join authors au on au.id = aa.author_id
        left join author_translations atr on atr.author_id = au.id and atr.edition_id = a.edition_id
      where aa.article_id = a.id)),
    'categories', json((select json_group_array(json_object('id', c.id, 'edition', ce.code, 'slug', c.slug, 'name', c.name, 'parentId', c.parent_id,
        'primary', json(case when ac.is_primary then 'true' else 'false' end), 'url', ${urlOf(templates.category, 'ce.code', 'c.slug')})
        order by ac.is_primary desc, ac.position, ac.category_id)
      from article_categories ac join categories c on c.id = ac.category_id join editions ce on ce.id = c.edition_id
      where ac.article_id = a.id)),
    'tags', json((select json_group_array(json_object('id', t.id, 'edition', te.code, 'slug', t.slug, 'name', t.name,
        'url', ${urlOf(templates.tag, 'te.code', 't.slug')}) order by at.position, at.tag_id)
      from article_tags at join tags t on t.id = at.tag_id join editions te on te.id = t.edition_id
      where at.article_id = a.id)),
    'translations', json((select json_group_array(json_object('id', o.id, 'edition', oe.code, 'direction', oe.direction, 'slug', o.slug, 'title', o.title,
        'url', ${urlOf(templates.article, 'oe.code', 'o.slug')}) order by o.edition_id, o.id)
      from articles o join editions oe on oe.id = o.edition_id
      where a.translation_group is not null and o.translation_group = a.translation_group and o.id <> a.id and o.visible_from <= @now))
  ) as doc
  from editions e join articles a on a.edition_id = e.id and a.slug = @slug
    left join discussion_settings ds on ds.edition_id = e.id
  where e.code = @edition and a.visible_from <= @now`).pluck()

// ---- share links: Quire's own builder (src/editorial/share-links.ts), over settings read once ----

// Each edition's networks, read once (a hand-written server caches its settings): the site settings'
// list, known names only; the default list without settings or a list.
const networksByEdition = new Map((db.prepare('select e.code, s.share_networks as networks from editions e left join site_settings s on s.edition_id = e.id')
  .all() as Array<{ code: string, networks: string | null }>)
  .map(({ code, networks }): [string, readonly ShareNetwork[]] => [code, networks === null ? defaultShareNetworks : (JSON.parse(networks) as string[]).filter(isShareNetwork)]))

const shareLinksOf = (edition: string, url: string, title: string): ShareLink[] =>
  shareLinksFor(networksByEdition.get(edition) ?? defaultShareNetworks, url, title)

// ---- media: srcset and uploaded files (src/modules/media/dto.ts) ----

interface Upload {
  sha256: string, bytes: number, mimeType: string, width: number | null, height: number | null, originalFilename: string,
  placeholder: string | null, dominantColor: string | null, focalX: number | null, focalY: number | null, pageCount: number | null
}
interface MediaDoc { kind: string, url: string, mimeType: string, width: number | null, renditions: Media['renditions'], srcset: string | null, file: unknown, upload: Upload | null }

const fileLinks = { baseUrl: publicBaseUrl, imageWidths }

/** srcset, the uploaded file and its renditions: what Quire derives from the row in JS, with Quire's own functions (toMedia). */
function finishMedia (item: MediaDoc): void {
  const upload = item.upload
  const fields = upload === null
    ? null
    : { ...upload, file: { sha256: upload.sha256, bytes: upload.bytes, mimeType: upload.mimeType, width: upload.width, height: upload.height } }
  const file = fields === null ? null : toMediaFile(fields, fileLinks)
  if (file !== null) item.file = file
  if (fields !== null && item.kind === 'image') item.renditions = imageRenditions(fields, fileLinks)
  // the row's url and width take part in srcset; an upload is then served at its file's url
  if (item.kind === 'image') item.srcset = srcset(item.width, item.url, item.renditions, upload !== null ? item.mimeType : null)
  if (file !== null) item.url = file.url
}

interface ArticleDoc { edition: string, title: string, excerpt: string | null, body: string, url: string, shareLinks?: unknown, featuredMedia: MediaDoc | null, attachments: Array<{ media: MediaDoc }> }

/** What the statement leaves to JS: share links, srcset and files, a blank excerpt's fallback. */
function finishArticle (doc: ArticleDoc): ArticleDoc {
  doc.shareLinks = shareLinksOf(doc.edition, doc.url, doc.title)
  if (doc.excerpt === null || doc.excerpt.trim() === '') doc.excerpt = excerptFromHtml(doc.body)
  if (doc.featuredMedia !== null) finishMedia(doc.featuredMedia)
  for (const attachment of doc.attachments) finishMedia(attachment.media)
  return doc
}

// ---- response schemas ----

const nullableString = { type: ['string', 'null'] }
const nullableInteger = { type: ['integer', 'null'] }
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

// src/modules/media/schemas.ts: Media (as embedded), in its field order
const media = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    url: { type: 'string' },
    mimeType: { type: 'string' },
    bytes: nullableInteger,
    width: nullableInteger,
    height: nullableInteger,
    durationSeconds: nullableInteger,
    title: nullableString,
    altText: nullableString,
    caption: nullableString,
    credit: nullableString,
    textEdition: nullableString,
    translations: {
      type: 'array',
      items: { type: 'object', properties: { edition: { type: 'string' }, title: nullableString, altText: nullableString, caption: nullableString, credit: nullableString } }
    },
    renditions: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string' }, width: nullableInteger, height: nullableInteger, mimeType: { type: 'string' }, bytes: nullableInteger } }
    },
    srcset: nullableString,
    file: {
      type: ['object', 'null'],
      properties: {
        sha256: { type: 'string' },
        bytes: { type: 'integer' },
        mimeType: { type: 'string' },
        originalFilename: { type: 'string' },
        url: { type: 'string' },
        downloadUrl: { type: 'string' },
        placeholder: nullableString,
        dominantColor: nullableString,
        focalPoint: { type: ['object', 'null'], properties: { x: { type: 'number' }, y: { type: 'number' } } },
        pageCount: nullableInteger,
        sizes: nullableString,
        sources: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, srcset: { type: 'string' } } } },
        crops: {
          type: 'array',
          items: { type: 'object', properties: { ratio: { type: 'string' }, url: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' }, srcset: { type: 'string' } } }
        }
      }
    },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' }
  }
}

// src/modules/articles/schemas.ts: Article, every field of a plain GET, in its field order
const articleSchema = {
  200: {
    type: 'object',
    properties: {
      data: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          edition: { type: 'string' },
          direction: { type: 'string' },
          slug: { type: 'string' },
          title: { type: 'string' },
          excerpt: { type: 'string' },
          body: { type: 'string' },
          publishedAt: { type: 'string' },
          createdAt: { type: 'string' },
          updatedAt: { type: 'string' },
          featured: { type: 'boolean' },
          wordCount: { type: 'integer' },
          readingTimeMinutes: { type: 'integer' },
          commentStatus: { type: 'string' },
          commentCount: { type: 'integer' },
          url: { type: 'string' },
          shareLinks: { type: 'array', items: { type: 'object', properties: { network: { type: 'string' }, label: { type: 'string' }, href: { type: 'string' } } } },
          seo: { type: 'object', properties: { title: nullableString, description: nullableString } },
          source: {
            type: ['object', 'null'],
            properties: { name: { type: 'string' }, url: nullableString, publishedAt: nullableString, originalAuthor: nullableString, originalTitle: nullableString }
          },
          primaryCategoryId: nullableInteger,
          featuredMedia: { ...media, type: ['object', 'null'] },
          attachments: { type: 'array', items: { type: 'object', properties: { mediaId: { type: 'integer' }, label: nullableString, media } } },
          authors: { type: 'array', items: author },
          categories: { type: 'array', items: category },
          tags: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, edition: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } } } },
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
    return { data: finishArticle(JSON.parse(doc) as ArticleDoc) }
  })

await app.listen({ port, host })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(() => { db.close(); process.exit(0) }, () => process.exit(1))
  })
}
