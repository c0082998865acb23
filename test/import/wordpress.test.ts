import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { runImportCommand } from '../../src/cli/import-wordpress.js'
import { openDatabase } from '../../src/database.js'
import { testConfig } from '../helpers/app.js'

const fixture = join(import.meta.dirname, '../../fixtures/wordpress/publisher.xml')
const uploads = join(import.meta.dirname, '../../fixtures/wordpress/uploads')
const dir = mkdtempSync(join(tmpdir(), 'quire-wp-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let n = 0
async function runImport (args: string[], databasePath = join(dir, `db-${++n}.db`)) {
  const config = testConfig({ databasePath })
  const db = openDatabase(databasePath, { synchronous: 'normal' })
  let out = ''
  let err = ''
  try {
    const code = await runImportCommand(db, config, ['wordpress', ...args], { out: (t) => { out += t }, err: (t) => { err += t }, isTty: false })
    const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n
    return { code, out, err, databasePath, changes: count('select count(*) as n from changes where entity_type <> \'key\''), articles: count('select count(*) as n from articles') }
  } finally {
    db.$client.close()
  }
}

const wxr = (items: string, channelExtra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>T</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>${channelExtra}
${items}</channel></rss>`
const post = (id: number, slug: string, extra = '', content = '<p>Body</p>') => `<item><title>Post ${id}</title><link>https://old.example/${slug}/</link><dc:creator><![CDATA[ghost]]></dc:creator>
<content:encoded><![CDATA[${content}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2022-11-07 10:00:00</wp:post_date_gmt>
<wp:post_name><![CDATA[${slug}]]></wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`
const file = (name: string, text: string) => { const path = join(dir, name); writeFileSync(path, text); return path }

describe('quire import wordpress: the publisher fixture', () => {
  let first: Awaited<ReturnType<typeof runImport>>
  let app: Awaited<ReturnType<typeof buildApp>>
  beforeAll(async () => {
    first = await runImport([fixture, '--uploads', uploads, '--json'])
    app = await buildApp({ config: testConfig({ databasePath: first.databasePath }) })
  })
  afterAll(async () => { await app.close() })

  it('imports the four editions, posts, pages, comments and menus', async () => {
    expect(first.code).toBe(0)
    const report = JSON.parse(first.out)
    expect(report.counts.edition.imported).toBe(4)
    expect(report.counts.article.imported).toBe(20)
    expect(report.counts.page.imported).toBe(12)
    expect(report.counts.comment.imported).toBeGreaterThan(0)
    expect(report.missingFiles).toEqual(['2022/10/missing-scan.jpg'])
    const editions = (await app.inject('/v1/editions')).json().data as Array<{ code: string, direction: string }>
    expect(Object.fromEntries(editions.map((e) => [e.code, e.direction]))).toEqual({ en: 'ltr', ar: 'rtl', fa: 'rtl', sq: 'ltr' })
    const menu = (await app.inject('/v1/menus?edition=en')).json().data[0]
    expect(menu.items.map((i: { label: string }) => i.label).slice(0, 6)).toEqual(['Home', 'Articles', 'Media', 'Publications', 'About Us', 'Contact us'])
    expect(menu.items[2].children.map((i: { label: string }) => i.label)).toEqual(['Cartoons', 'NewsPics', 'Photo Gallery', 'Videos'])
  })

  it('links translations (posts and categories) and decodes Arabic slugs', async () => {
    const en = (await app.inject('/v1/articles?edition=en&slug=press-law&include=translations')).json().data[0]
    expect(en.featured).toBe(true)
    const ar = (await app.inject(`/v1/articles?edition=ar&slug=${encodeURIComponent('قانون-الصحافة-الجديد-يثير-الانتقادات')}`)).json().data[0]
    expect(ar).toBeDefined()
    const raw = await app.inject(`/v1/articles/${en.id}?include=translations`)
    expect(JSON.stringify(raw.json())).toContain('قانون-الصحافة-الجديد-يثير-الانتقادات')
    const cats = (await app.inject('/v1/categories?edition=ar&limit=100')).json().data as Array<{ id: number, slug: string, parentId: number | null }>
    expect(cats.find((c) => c.slug === 'cartoons-ar')?.parentId).toBe(cats.find((c) => c.slug === 'media-ar')?.id ?? -1)
  })

  it('converts shortcodes and blocks and counts the unknown ones', async () => {
    const report = JSON.parse(first.out)
    expect(report.unknownShortcodes).toEqual({ gallery: 4 })
    const video = (await app.inject('/v1/articles?edition=en&slug=interview-video&fields=id,body')).json().data[0]
    expect(video.body).toContain('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"')
    expect(video.body).toContain('<figcaption>Photo: News Example</figcaption>')
    expect(video.body).not.toContain('wp:')
    expect(video.body).toContain('href="https://example.org/en/press-law"')
  })

  it('answers old URLs with the new location, and 404 problem+json for unknown ones', async () => {
    const hit = await app.inject('/v1/redirects?path=/2022/11/07/press-law/')
    expect(hit.statusCode).toBe(200)
    expect(hit.json().data).toEqual({ from: '/2022/11/07/press-law/', to: 'https://example.org/en/press-law', status: 301 })
    const arabic = await app.inject(`/v1/redirects?path=${encodeURIComponent('/2022/11/07/' + encodeURIComponent('قانون-الصحافة-الجديد-يثير-الانتقادات') + '/')}`)
    expect(arabic.json().data.to).toContain('/ar/')
    const byId = await app.inject('/v1/redirects?path=' + encodeURIComponent('/?p=1008'))
    expect(byId.json().data.to).toBe('https://example.org/en/press-law')
    const miss = await app.inject('/v1/redirects?path=/nothing/here/')
    expect(miss.statusCode).toBe(404)
    expect(miss.headers['content-type']).toContain('application/problem+json')
    const csv = await app.inject('/v1/redirects/export?format=csv')
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain('/2022/11/07/press-law/,https://example.org/en/press-law,301')
    const nginx = await app.inject('/v1/redirects/export?format=nginx')
    expect(nginx.body).toContain('"/2022/11/07/press-law/" "https://example.org/en/press-law";')
    expect((await app.inject('/v1/redirects/export?format=xml')).statusCode).toBe(400)
  })

  it('stores the attachment files of the uploads folder in the media library; the missing one stays a URL', async () => {
    const media = (await app.inject('/v1/media?limit=100')).json().data as Array<{ id: number, url: string, mimeType: string, file: { sha256: string, originalFilename: string, url: string, pageCount: number | null } | null }>
    const uploaded = media.filter((m) => m.file !== null)
    expect(uploaded.map((m) => m.file!.originalFilename).sort()).toEqual(['cartoon-week.png', 'detained-bloggers.png', 'interview-video.png', 'policy-brief-1.pdf', 'press-law.png', 'republished-report.png'])
    const pdf = uploaded.find((m) => m.mimeType === 'application/pdf')!
    expect(pdf.file!.pageCount).toBeGreaterThan(0)
    const served = await app.inject(new URL(pdf.file!.url).pathname)
    expect(served.statusCode).toBe(200)
    // a PDF is stored as uploaded: the bytes served are the fixture's
    expect(Buffer.compare(served.rawPayload, readFileSync(join(uploads, '2022/11/policy-brief-1.pdf')))).toBe(0)
    expect(media.filter((m) => m.file === null).map((m) => m.url)).toEqual([expect.stringContaining('missing-scan.jpg')])
    const article = (await app.inject('/v1/articles?edition=en&slug=press-law&include=featuredMedia')).json().data[0]
    expect(article.featuredMedia.file.originalFilename).toBe('press-law.png')
  })

  it('gives media imported earlier as URLs their files when the uploads folder comes later, keeping their ids', async () => {
    const withoutFiles = await runImport([fixture, '--json'])
    const before = openDatabase(withoutFiles.databasePath, { migrate: false })
    const ids = before.$client.prepare('select id from media order by id').pluck().all()
    expect(before.$client.prepare('select count(*) from media_uploads').pluck().get()).toBe(0)
    before.$client.close()
    const withFiles = await runImport([fixture, '--uploads', uploads, '--json'], withoutFiles.databasePath)
    expect(JSON.parse(withFiles.out).counts.media).toMatchObject({ imported: 0, updated: 6 })
    const after = openDatabase(withoutFiles.databasePath, { migrate: false })
    try {
      expect(after.$client.prepare('select id from media order by id').pluck().all()).toEqual(ids)
      expect(after.$client.prepare('select count(*) from media_uploads').pluck().get()).toBe(6)
    } finally {
      after.$client.close()
    }
    const again = await runImport([fixture, '--uploads', uploads, '--json'], withoutFiles.databasePath)
    expect(JSON.parse(again.out).counts.media).toMatchObject({ imported: 0, updated: 0 })
  })

  it('changes nothing on a second import, and updates what changed in WordPress', async () => {
    const again = await runImport([fixture, '--uploads', uploads, '--json'], first.databasePath)
    expect(again.code).toBe(0)
    expect(again.changes).toBe(first.changes)
    expect(JSON.parse(again.out).counts.article).toMatchObject({ imported: 0, updated: 0, unchanged: 20 })
    const edited = file('edited.xml', readFileSync(fixture, 'utf8').replace('<title>New press law draws criticism</title>', '<title>New press law draws wide criticism</title>'))
    const third = await runImport([edited, '--uploads', uploads, '--json'], first.databasePath)
    expect(JSON.parse(third.out).counts.article).toMatchObject({ imported: 0, updated: 1, unchanged: 19 })
  })
})

describe('quire import wordpress: bad input writes nothing', () => {
  it.each([
    ['an HTML page', '<!doctype html><html><body>Not found</body></html>', /not a WordPress export/],
    ['an RSS feed', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>', /no <wp:wxr_version>/],
    ['a truncated export', wxr(post(1, 'one')).slice(0, -60), /truncated/],
    ['an undefined entity', wxr(post(1, 'one', '', '').replace('<title>Post 1</title>', '<title>Caf&eacute;</title>')), /undefined entity/],
    ['an empty file', '', /empty/]
  ])('refuses %s', async (_name, text, message) => {
    const result = await runImport([file(`bad-${++n}.xml`, text)])
    expect(result.code).toBe(1)
    expect(result.err).toMatch(message)
    expect(result.changes).toBe(0)
  })

  it('reports a missing author, a missing category, a duplicate slug and an oversized body, and imports the rest', async () => {
    const items = [
      post(1, 'same', '<category domain="category" nicename="nowhere"><![CDATA[Nowhere]]></category>'),
      post(2, 'same'),
      post(3, 'huge', '', 'x'.repeat(600_000))
    ].join('\n')
    const result = await runImport([file('mixed.xml', wxr(items)), '--edition', 'en', '--json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.out)
    expect(report.counts.article).toMatchObject({ imported: 2, failed: 1 })
    const messages = report.warnings.map((w: { wpId: string, message: string }) => `${w.wpId}: ${w.message}`).join('\n')
    expect(messages).toContain('1: author "ghost" is not in the export')
    expect(messages).toContain('1: category "nowhere" is not in the export')
    expect(messages).toContain('2: duplicate slug "same" in its edition: imported as "same-2"')
    expect(messages).toMatch(/3: the body is .* MB, over the 500,000-character limit/)
  })

  it('exits non-zero when nothing useful could be imported, and a dry run writes nothing', async () => {
    const empty = await runImport([file('empty-channel.xml', wxr(''))])
    expect(empty.code).toBe(1)
    expect(empty.err).toMatch(/nothing could be imported/)
    const dry = await runImport([fixture, '--dry-run', '--json'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.out).counts.article.imported).toBe(20)
    expect(dry.articles).toBe(0)
  })
})

describe('the demo start-up', () => {
  // the whole demo start-up — seed, import, generated media files — is slow on a busy 2-core machine
  it('imports the publisher fixture after the demo content into a fresh database', async () => {
    const clips = join(import.meta.dirname, '../../fixtures/demo-media')
    const app = await buildApp({ config: testConfig({ databasePath: join(dir, 'demo.db'), seedDemo: true }), demoImport: { file: fixture, uploads, clips } })
    try {
      // every demo media item is a real file the API serves, none a link to the made-up CDN
      const media = (await app.inject('/v1/media?limit=100')).json().data as Array<{ kind: string, url: string, file: { url: string, downloadUrl: string } | null }>
      expect(media.filter((m) => m.url.includes('example.org'))).toEqual([])
      expect(new Set(media.map((m) => m.kind))).toEqual(new Set(['image', 'video', 'audio', 'document']))
      for (const kind of ['image', 'video', 'audio', 'document']) {
        const item = media.find((m) => m.kind === kind && m.file !== null)!
        const served = await app.inject({ url: new URL(item.file!.url).pathname, headers: { range: 'bytes=0-99' } })
        expect(served.statusCode).toBe(206)
        expect(served.rawPayload).toHaveLength(100)
      }
      const video = media.find((m) => m.kind === 'video')!
      expect((await app.inject(new URL(video.file!.downloadUrl).pathname + new URL(video.file!.downloadUrl).search)).headers['content-disposition']).toMatch(/^attachment; /)
      const found = await app.inject('/v1/redirects?path=/2022/11/07/press-law/')
      expect(found.statusCode).toBe(200)
      expect(found.json().data.to).toBe('https://example.org/en/press-law')
      const ar = await app.inject('/v1/articles?edition=ar&limit=100&fields=id,slug')
      expect(ar.json().data.map((a: { slug: string }) => a.slug)).toContain('قانون-الصحافة-الجديد-يثير-الانتقادات')
    } finally {
      await app.close()
    }
  }, 120_000)
})
