import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { Db } from '../../src/db/connection.js'
import { openDatabase } from '../../src/database.js'
import { createFrontendUrls } from '../../src/frontend-urls.js'
import { importWordPress } from '../../src/importers/wordpress/importer.js'
import { createServices, type Services } from '../../src/services.js'
import { testConfig } from '../helpers/app.js'

/**
 * The import writes new articles, comments and media through a bulk path (one row, one revision,
 * one change each, in batches): what integrators see — revisions, the change log, the webhook
 * outbox, the sync API — must be what the ordinary commands would have left.
 */
const dir = mkdtempSync(join(tmpdir(), 'quire-wp-view-'))
const databasePath = join(dir, 'quire.db')
const config = testConfig({ databasePath })
let db: Db
let services: Services
let actor: { keyId: number, name: string, role: 'admin' }

const item = (id: number, slug: string, status: string, date: string, extra = '') => `<item><title>Story ${id}</title><link>https://old.example/${slug}/</link>
<dc:creator><![CDATA[ed]]></dc:creator><content:encoded><![CDATA[<p>Body of ${id}</p><script>alert(1)</script>]]></content:encoded><wp:post_id>${id}</wp:post_id>
<wp:post_date_gmt>${date}</wp:post_date_gmt><wp:post_name><![CDATA[${slug}]]></wp:post_name><wp:status>${status}</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`
const comment = (id: number, parent: number) => `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id}]]></wp:comment_author>
<wp:comment_date_gmt>2022-11-08 10:00:0${id % 10}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${id}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`
const attachment = `<item><title>Photo</title><link>https://old.example/?attachment_id=9</link><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type>
<wp:status>inherit</wp:status><wp:attachment_url>https://old.example/wp-content/uploads/2022/11/photo.jpg</wp:attachment_url></item>`
const file = join(dir, 'export.xml')
writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>T</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url><language>en</language>
<wp:author><wp:author_login><![CDATA[ed]]></wp:author_login><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
${attachment}
${item(1, 'published-story', 'publish', '2022-11-07 10:00:00', `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>${comment(11, 0)}${comment(12, 11)}`)}
${item(2, 'scheduled-story', 'future', '2099-01-01 08:00:00')}
${item(3, 'draft-story', 'draft', '2022-11-07 11:00:00')}
</channel></rss>`)

const run = () => importWordPress({ db, clock: () => new Date(), embedHosts: config.videoEmbedHosts, actor, ...services, urls: createFrontendUrls(config) }, { file })
const rows = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as T[]

beforeAll(async () => {
  db = openDatabase(databasePath, { synchronous: 'normal' })
  services = createServices({ db, clock: () => new Date(), config })
  const key = services.keys.create({ name: 'import', role: 'admin' })
  actor = { keyId: key.id, name: key.name, role: 'admin' }
  await services.webhooks.create({ url: 'http://127.0.0.1:9/hook', events: ['*'] }, actor)
  await run()
})
afterAll(() => {
  db.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the WordPress import as integrators see it', () => {
  it('writes each article in its final state with one revision and one created change', () => {
    const articles = rows<{ id: number, slug: string, status: string, version: number, body: string, featured_media_id: number | null }>('select id, slug, status, version, body, featured_media_id from articles order by slug')
    expect(articles.map((a) => [a.slug, a.status, a.version])).toEqual([['draft-story', 'draft', 1], ['published-story', 'published', 1], ['scheduled-story', 'scheduled', 1]])
    expect(articles.every((a) => !a.body.includes('<script'))).toBe(true)
    expect(articles.find((a) => a.slug === 'published-story')!.featured_media_id).not.toBeNull()
    for (const article of articles) {
      expect(rows<{ version: number, action: string }>("select version, action from revisions where entity_type = 'article' and entity_id = ?", article.id)).toEqual([{ version: 1, action: 'created' }])
      expect(rows<{ action: string }>("select action from changes where entity_type = 'article' and entity_id = ?", article.id)).toEqual([{ action: 'created' }])
    }
  })

  it('queues the webhook events the ordinary commands would: published now, published later, nothing for a draft', () => {
    const events = rows<{ type: string, entity_type: string, slug: string | null, deliver_after: number }>(
      "select e.type, e.entity_type, a.slug, e.deliver_after from webhook_events e left join articles a on e.entity_type = 'article' and a.id = e.entity_id order by e.id")
    expect(events.filter((e) => e.entity_type === 'article').map((e) => [e.type, e.slug])).toEqual([['article.published', 'published-story'], ['article.published', 'scheduled-story']])
    expect(events.find((e) => e.slug === 'scheduled-story')!.deliver_after).toBe(Date.parse('2099-01-01T08:00:00Z'))
    expect(events.filter((e) => e.entity_type === 'comment').map((e) => e.type)).toEqual(['comment.created', 'comment.created'])
    expect(events.filter((e) => e.entity_type === 'media').map((e) => e.type)).toEqual(['media.published'])
  })

  it('threads and counts the comments, and the sync API serves the public articles', async () => {
    const comments = rows<{ depth: number, parent_id: number | null }>('select depth, parent_id from comments order by id')
    expect(comments.map((c) => c.depth)).toEqual([0, 1])
    expect(rows<{ comment_count: number }>("select comment_count from articles where slug = 'published-story'")[0]!.comment_count).toBe(2)
    const app = await buildApp({ config })
    try {
      const res = await app.inject('/v1/sync?types=article&limit=100')
      expect(res.statusCode).toBe(200)
      expect(res.json().data.map((e: { entity: { slug: string } }) => e.entity.slug)).toEqual(['published-story'])
    } finally {
      await app.close()
    }
  })

  it('changes nothing on a second run', async () => {
    const count = () => rows<{ n: number }>('select count(*) as n from changes')[0]!.n
    const before = count()
    const report = await run()
    expect(count()).toBe(before)
    expect(report.counts.article).toMatchObject({ imported: 0, updated: 0, unchanged: 3 })
    // an unchanged post is skipped whole, its comments with it
    expect(report.counts.comment).toMatchObject({ imported: 0, updated: 0 })
    expect(report.counts.media).toMatchObject({ imported: 0, updated: 0, unchanged: 1 })
  })
})
