import { describe, expect, it } from 'vitest'
import { toGlobalId } from '../../../src/graphql/global-id.js'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const mediaIds = () => (context.sql.prepare("select id from media where mime_type like 'image/%' order by id limit 3").all() as Array<{ id: number }>).map((m) => m.id)
const version = (code: string) => (context.sql.prepare('select s.version from site_settings s join editions e on e.id = s.edition_id where e.code = ?').get(code) as { version: number }).version
const stored = () => context.sql.prepare('select * from site_settings order by edition_id').all()
const changes = () => (context.sql.prepare('select count(*) n from changes').get() as { n: number }).n
const patch = (code: string, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/editions/${code}/settings`, headers: { ...context.keys.admin.auth, ...headers }, payload: payload as object })
const get = async (url: string) => (await context.app.inject({ url })).json().data

describe('site identity per edition', () => {
  it('stores logos, favicon, copyright holder and first year, contact details and profiles; serves them with urls and the rendered line', async () => {
    const [logo, dark, favicon] = mediaIds()
    const res = await patch('fa', {
      logoMediaId: logo, logoDarkMediaId: dark, faviconMediaId: favicon,
      copyrightHolder: 'کوایر نیوز', copyrightStartYear: 2003,
      contactEmail: 'newsroom@example.org', contactPhone: '+44 20 7946 0958', contactAddress: 'خیابان نمونه ۱۲\nتهران',
      socialLinks: [{ network: 'telegram', url: 'https://t.me/quire_fa' }, { network: 'youtube', url: 'https://www.youtube.com/@quirefa' }]
    }, { 'if-match': `"v${version('fa')}"` })
    expect(res.statusCode, res.body).toBe(200)
    const settings = await get('/v1/editions/fa/settings')
    expect(settings).toMatchObject({
      edition: 'fa',
      copyrightNotice: { holder: 'کوایر نیوز', startYear: 2003, currentYear: 2026, line: '© 2003 - 2026 کوایر نیوز' },
      contact: { email: 'newsroom@example.org', phone: '+44 20 7946 0958', address: 'خیابان نمونه ۱۲\nتهران' },
      socialLinks: [
        { network: 'telegram', label: 'Telegram', url: 'https://t.me/quire_fa' },
        { network: 'youtube', label: 'YouTube', url: 'https://www.youtube.com/@quirefa' }
      ]
    })
    // each media item as its own endpoint serves it: the url a frontend puts in <img> and <link rel="icon">
    for (const [field, id] of [['logo', logo], ['logoDark', dark], ['favicon', favicon]] as const) {
      const item = await get(`/v1/media/${id}`)
      expect(settings[field]).toEqual(item)
      expect(settings[field].url).toMatch(/^https?:\/\//)
    }
    // per edition: the others keep theirs
    expect(await get('/v1/editions/en/settings')).toMatchObject({ logo: null, favicon: null, copyrightNotice: null, contact: { email: null } })
    expect((await get('/v1/settings')).find((s: { edition: string }) => s.edition === 'fa')).toEqual(settings)

    // a first year that is this year is a single year; null clears the holder and the notice
    expect((await patch('fa', { copyrightStartYear: 2026 })).json().data.copyrightNotice.line).toBe('© 2026 کوایر نیوز')
    expect((await patch('fa', { copyrightHolder: null })).json().data.copyrightNotice).toBeNull()
    expect((await patch('fa', { logoDarkMediaId: null })).json().data.logoDark).toBeNull()
  })

  it('serves the same over GraphQL and writes through updateSettings with global media ids', async () => {
    const [logo] = mediaIds()
    const updated = await gql(context.app, `mutation($input: UpdateSettingsInput!) { updateSettings(edition: "ar", input: $input) { version logo { databaseId } } }`, {
      input: { logoMediaId: toGlobalId('Media', logo!), copyrightHolder: 'كواير', copyrightStartYear: 2010, contactEmail: 'ar@example.org', socialLinks: [{ network: 'telegram', url: 'https://t.me/quire_ar' }] }
    }, context.keys.admin.auth)
    expect(updated.body.errors).toBeUndefined()
    expect(updated.body.data.updateSettings.logo).toEqual({ databaseId: logo })
    const read = await gql(context.app, `{
      settings(edition: "ar") { logo { url altText } logoDark { url } favicon { url } copyrightNotice { holder startYear currentYear line } contact { email phone address } socialLinks { network label url } }
      edition(code: "ar") { direction settings { copyrightNotice { line } } }
    }`)
    expect(read.body.errors).toBeUndefined()
    const rest = await get('/v1/editions/ar/settings')
    expect(read.body.data.settings).toEqual({
      logo: { url: rest.logo.url, altText: rest.logo.altText }, logoDark: null, favicon: null,
      copyrightNotice: rest.copyrightNotice, contact: rest.contact, socialLinks: rest.socialLinks
    })
    expect(read.body.data.edition).toEqual({ direction: 'RTL', settings: { copyrightNotice: { line: '© 2010 - 2026 كواير' } } })

    const before = [stored(), changes()]
    const bad = await gql(context.app, 'mutation { updateSettings(edition: "ar", input: { socialLinks: [{ network: "myspace", url: "https://myspace.com/q" }] }) { version } }', undefined, context.keys.admin.auth)
    expect(codes(bad)).toEqual(['BAD_USER_INPUT'])
    expect([stored(), changes()]).toEqual(before)
  })

  it.each([
    ['an unknown network', () => ({ socialLinks: [{ network: 'myspace', url: 'https://myspace.com/q' }] }), 'body.socialLinks.0.network'],
    ['a profile link that is not a URL', () => ({ socialLinks: [{ network: 'x', url: 'javascript:alert(1)' }] }), 'body.socialLinks.0.url'],
    ['a logo that does not exist', () => ({ logoMediaId: 999999 }), 'body.logoMediaId'],
    ['a favicon id that is not an integer', () => ({ faviconMediaId: '1' }), 'body.faviconMediaId'],
    ['a copyright range starting next year', () => ({ copyrightHolder: 'Q', copyrightStartYear: 2027 }), 'body.copyrightStartYear'],
    ['a three-digit year', () => ({ copyrightStartYear: 999 }), 'body.copyrightStartYear'],
    ['a blank copyright holder', () => ({ copyrightHolder: '  ' }), 'body.copyrightHolder'],
    ['an email that is not one', () => ({ contactEmail: 'newsroom at example' }), 'body.contactEmail'],
    ['a phone number with letters', () => ({ contactPhone: '+44 CALL NOW' }), 'body.contactPhone'],
    ['an address with control characters', () => ({ contactAddress: 'Street\u0007 1' }), 'body.contactAddress'],
    ['an unknown field', () => ({ logoUrl: 'https://example.org/logo.png' }), 'body.logoUrl']
  ])('refuses %s with problem+json and changes nothing', async (_what, payload, field) => {
    const before = [stored(), changes()]
    const res = await patch('sq', payload(), { 'if-match': `"v${version('sq')}"` })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().errors.map((e: { name: string }) => e.name)).toContain(field)
    expect([stored(), changes()]).toEqual(before)
  })

  it('refuses a stale If-Match, and deleting a media item an edition uses as its logo', async () => {
    const before = [stored(), changes()]
    expect((await patch('sq', { contactEmail: 'sq@example.org' }, { 'if-match': '"v999"' })).statusCode).toBe(412)
    expect([stored(), changes()]).toEqual(before)
    const upload = context.sql.prepare('select id from media m where not exists (select 1 from articles a where a.featured_media_id = m.id) and not exists (select 1 from authors a where a.avatar_media_id = m.id) and not exists (select 1 from gallery_items g where g.media_id = m.id) order by id limit 1').get() as { id: number } | undefined
    expect(upload).toBeDefined()
    expect((await patch('sq', { faviconMediaId: upload!.id })).statusCode).toBe(200)
    const refused = await context.app.inject({ method: 'DELETE', url: `/v1/media/${upload!.id}`, headers: context.keys.admin.auth })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain('logo or favicon')
    expect((await get('/v1/editions/sq/settings')).favicon.id).toBe(upload!.id)
  })
})
