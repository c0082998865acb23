import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { test, type TestApp } from '../../helpers/app.js'
import { TEST_NOW } from '../../helpers/clock.js'
import { openWriter, type Writer } from '../../helpers/db.js'

let m: { app: TestApp, sql: Database.Database, writer: Writer, now: number }
test.beforeAll(({ app, sql }) => { m = { app, sql, writer: openWriter(app), now: TEST_NOW.getTime() } })
test.afterAll(() => { m.writer.close() })

const get = async (url: string) => {
  const res = await m.app.inject({ method: 'GET', url })
  return { res, body: res.json() }
}

const expectedSettings = (edition?: string) => (m.sql.prepare(`select e.code edition, s.title, s.tagline, s.copyright, s.social_links socialLinks, s.share_networks shareNetworks, s.updated_at updatedAt
  from site_settings s join editions e on e.id = s.edition_id where (? is null or e.code = ?) order by e.position, e.id`)
  .all(edition ?? null, edition ?? null) as Array<{ edition: string, title: string, tagline: string | null, copyright: string | null, socialLinks: string, shareNetworks: string | null, updatedAt: number }>)
  // without networks of its own an edition shows the default share buttons
  .map((row) => ({
    ...row,
    // each profile link carries the network's own name
    socialLinks: (JSON.parse(row.socialLinks) as Array<{ network: string, url: string }>).map((link) => ({ ...link, label: labels[link.network] })),
    shareNetworks: row.shareNetworks === null ? ['facebook', 'x', 'whatsapp', 'telegram', 'email'] : JSON.parse(row.shareNetworks),
    // the demo sets no identity: no logos, no copyright holder, no contact details
    logo: null, logoDark: null, favicon: null, copyrightNotice: null, contact: { email: null, phone: null, address: null },
    updatedAt: new Date(row.updatedAt).toISOString()
  }))
const labels: Record<string, string> = { x: 'X', facebook: 'Facebook', youtube: 'YouTube', telegram: 'Telegram', instagram: 'Instagram' }

describe('GET /v1/settings', () => {
  it('lists the settings of every edition, in edition order', async () => {
    const expected = expectedSettings()
    expect(expected.length).toBe((m.sql.prepare('select count(*) n from editions').get() as { n: number }).n)
    const { res, body } = await get('/v1/settings')
    expect(res.statusCode).toBe(200)
    expect(body).toEqual({ data: expected, meta: { total: expected.length } })
    for (const settings of body.data) {
      expect(settings.socialLinks.length).toBeGreaterThan(0)
      for (const link of settings.socialLinks) expect(Object.keys(link).sort()).toEqual(['label', 'network', 'url'])
    }
  })

  it('refuses query parameters with 400', async () => {
    const { res, body } = await get('/v1/settings?edition=en')
    expect(res.statusCode).toBe(400)
    expect(body.errors).toEqual([{ name: 'query.edition', reason: 'is not a recognised parameter' }])
  })
})

describe('GET /v1/editions/:code/settings', () => {
  it('returns the settings of one edition, nulls kept', async () => {
    for (const code of ['en', 'ar', 'fa', 'sq']) {
      const { res, body } = await get(`/v1/editions/${code}/settings`)
      expect(res.statusCode).toBe(200)
      expect(body).toEqual({ data: expectedSettings(code)[0] })
    }
    m.writer.prepare(`update site_settings set tagline = null, copyright = null, social_links = '[]'
      where edition_id = (select id from editions where code = 'sq')`).run()
    const { body } = await get('/v1/editions/sq/settings')
    expect(body.data).toMatchObject({ edition: 'sq', tagline: null, copyright: null, socialLinks: [] })
  })

  it('404s for an unknown edition and for an edition without settings', async () => {
    m.writer.prepare(`insert into editions (code, name, native_name, direction, is_default, position, created_at, updated_at)
      values ('de', 'German', 'Deutsch', 'ltr', 0, 9, ?, ?)`).run(m.now, m.now)
    for (const url of ['/v1/editions/zz/settings', '/v1/editions/de/settings']) {
      const { res, body } = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(body).toMatchObject({ type: 'http://quire.test/problems/not-found', status: 404, instance: url })
    }
    // and the list skips it rather than inventing empty settings
    const { body } = await get('/v1/settings')
    expect(body.data.map((s: { edition: string }) => s.edition)).not.toContain('de')
  })

  it.each(['/v1/editions/EN/settings', '/v1/editions/e/settings', '/v1/editions/en/settings?x=1'])('refuses %s with 400', async (url) => {
    const { res } = await get(url)
    expect(res.statusCode).toBe(400)
  })
})
