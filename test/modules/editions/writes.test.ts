import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { codes, gql } from '../../helpers/graphql.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()

const count = (table: string) => (context.sql.prepare(`select count(*) n from ${table}`).get() as { n: number }).n
const counts = () => [count('editions'), count('site_settings'), count('changes')]
const admin = () => context.keys.admin.auth
const create = (payload: unknown, headers = admin()) => context.app.inject({ method: 'POST', url: '/v1/editions', headers, payload: payload as object })
const patch = (code: string, payload: unknown, headers: Record<string, string> = {}) =>
  context.app.inject({ method: 'PATCH', url: `/v1/editions/${code}`, headers: { ...admin(), ...headers }, payload: payload as object })
const remove = (code: string, headers: Record<string, string> = admin()) => context.app.inject({ method: 'DELETE', url: `/v1/editions/${code}`, headers })
const edition = (code: string) => context.sql.prepare('select id, name, native_name nativeName, direction, is_default isDefault, position, version from editions where code = ?').get(code) as
  { id: number, name: string, nativeName: string, direction: string, isDefault: number, position: number, version: number } | undefined
const settingsRow = (editionId: number) => context.sql.prepare('select title, tagline, copyright, social_links links, version from site_settings where edition_id = ?').get(editionId) as
  { title: string, tagline: string | null, copyright: string | null, links: string, version: number } | undefined
const lastChanges = (n: number) => (context.sql.prepare('select entity_type t, entity_id id, action, key_id k, summary from changes order by seq desc limit ?').all(n) as
  Array<{ t: string, id: number, action: string, k: number | null, summary: string }>).reverse().map((c) => ({ ...c, summary: JSON.parse(c.summary) as Record<string, unknown> }))
const withWriter = (write: (db: Database.Database) => void) => {
  const writer = new Database(context.app.databasePath)
  try { write(writer) } finally { writer.close() }
}

describe('edition writes over REST', () => {
  it('creates an edition with its site settings in one transaction; it is usable at once', async () => {
    const lastPosition = (context.sql.prepare('select max(position) p from editions').get() as { p: number }).p
    const res = await create({ code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'ltr' })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json().data
    expect(created).toMatchObject({ code: 'de', name: 'German', nativeName: 'Deutsch', direction: 'ltr', isDefault: false, position: lastPosition + 1, version: 1 })
    expect(res.headers.location).toBe('http://quire.test/v1/editions/de')
    expect(res.headers.etag).toBe('"v1"')
    expect(settingsRow(created.id)).toEqual({ title: 'German', tagline: null, copyright: null, links: '[]', version: 1 })
    expect(lastChanges(2)).toMatchObject([
      { t: 'edition', id: created.id, action: 'created', k: context.keys.admin.id, summary: { code: 'de' } },
      { t: 'settings', id: created.id, action: 'created', k: context.keys.admin.id, summary: { edition: 'de', title: 'German' } }
    ])
    const { version: _version, ...publicView } = created
    expect((await context.app.inject({ url: '/v1/editions/de' })).json().data).toEqual(publicView)
    expect(((await context.app.inject({ url: '/v1/editions' })).json().data as Array<{ code: string }>).at(-1)?.code).toBe('de')
    expect((await context.app.inject({ url: '/v1/editions/de/settings' })).json().data).toMatchObject({ edition: 'de', title: 'German', socialLinks: [] })
    const tag = await context.app.inject({ method: 'POST', url: '/v1/tags', headers: context.keys.editor.auth, payload: { edition: 'de', name: 'Wahlen' } })
    expect(tag.statusCode).toBe(201)
  })

  it('updates with If-Match; a stale version is a 412 and changes nothing', async () => {
    await create({ code: 'it', name: 'Italian', nativeName: 'Italiano', direction: 'ltr' })
    const ok = await patch('it', { nativeName: 'italiano', position: 40 }, { 'if-match': '"v1"' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data).toMatchObject({ code: 'it', nativeName: 'italiano', position: 40, version: 2 })
    expect(ok.headers.etag).toBe('"v2"')
    const stale = await patch('it', { name: 'Lost' }, { 'if-match': '"v1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(edition('it')).toMatchObject({ name: 'Italian', nativeName: 'italiano', version: 2 })
    const withKey = await context.app.inject({ url: '/v1/editions/it', headers: context.keys.preview.auth })
    expect(withKey.headers.etag).toBe('"v2"')
    expect(withKey.json().data).toMatchObject({ nativeName: 'italiano', version: 2 })
  })

  it('moves the default: the previous default is unset in the same transaction; the default cannot be unset', async () => {
    await create({ code: 'nl', name: 'Dutch', nativeName: 'Nederlands', direction: 'ltr' })
    const previous = context.sql.prepare('select code, version from editions where is_default = 1').get() as { code: string, version: number }
    const res = await patch('nl', { isDefault: true })
    expect(res.json().data).toMatchObject({ isDefault: true, version: 2 })
    expect(context.sql.prepare('select code from editions where is_default = 1').all()).toEqual([{ code: 'nl' }])
    expect(edition(previous.code)).toMatchObject({ isDefault: 0, version: previous.version + 1 })
    expect(lastChanges(2)).toMatchObject([
      { t: 'edition', id: edition(previous.code)!.id, action: 'updated', summary: { isDefault: { from: true, to: false } } },
      { t: 'edition', id: edition('nl')!.id, action: 'updated', summary: { isDefault: { from: false, to: true } } }
    ])
    expect((await context.app.inject({ url: `/v1/editions/${previous.code}` })).json().data.isDefault).toBe(false)

    const before = counts()
    const unset = await patch('nl', { isDefault: false })
    expect(unset.statusCode).toBe(409)
    expect(unset.json().detail).toMatch(/default/)
    expect(counts()).toEqual(before)
    // a new edition may take over as default from its creation
    const created = await create({ code: 'pt-BR', name: 'Portuguese (Brazil)', nativeName: 'Português', direction: 'ltr', isDefault: true })
    expect(created.json().data).toMatchObject({ code: 'pt-BR', isDefault: true })
    expect(edition('nl')).toMatchObject({ isDefault: 0, version: 3 })
    expect((await patch(previous.code, { isDefault: true })).statusCode).toBe(200)
    expect(context.sql.prepare('select code from editions where is_default = 1').all()).toEqual([{ code: previous.code }])
  })

  it.each([
    ['an upper-case code', { code: 'EN', name: 'X', nativeName: 'X', direction: 'ltr' }, 400],
    ['a one-letter code', { code: 'e', name: 'X', nativeName: 'X', direction: 'ltr' }, 400],
    ['a word for a code', { code: 'english', name: 'X', nativeName: 'X', direction: 'ltr' }, 400],
    ['a code with a space', { code: 'e n', name: 'X', nativeName: 'X', direction: 'ltr' }, 400],
    ['an unknown direction', { code: 'xq', name: 'X', nativeName: 'X', direction: 'up' }, 400],
    ['a missing native name', { code: 'xq', name: 'X', direction: 'ltr' }, 400],
    ['a blank name', { code: 'xq', name: ' ', nativeName: 'X', direction: 'ltr' }, 400],
    ['a string flag', { code: 'xq', name: 'X', nativeName: 'X', direction: 'ltr', isDefault: 'true' }, 400],
    ['an unknown property', { code: 'xq', name: 'X', nativeName: 'X', direction: 'ltr', locale: 'xq_XQ' }, 400],
    ['a server-owned id', { id: 9, code: 'xq', name: 'X', nativeName: 'X', direction: 'ltr' }, 400],
    ['a server-owned version', { code: 'xq', name: 'X', nativeName: 'X', direction: 'ltr', version: 1 }, 400],
    ['settings in the edition body', { code: 'xq', name: 'X', nativeName: 'X', direction: 'ltr', settings: { title: 'X' } }, 400],
    ['an existing code', { code: 'ar', name: 'X', nativeName: 'X', direction: 'rtl' }, 409]
  ])('refuses %s with problem+json and creates nothing', async (_what, payload, status) => {
    const before = counts()
    const res = await create(payload)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(counts()).toEqual(before)
  })

  it('refuses a code change, an empty patch and unknown editions', async () => {
    const before = counts()
    expect((await patch('ar', { code: 'ar-EG' })).statusCode).toBe(400)
    expect((await patch('ar', {})).statusCode).toBe(400)
    expect((await patch('zz', { name: 'X' })).statusCode).toBe(404)
    expect((await remove('zz')).statusCode).toBe(404)
    // a role that may not write editions learns nothing about which exist
    expect((await remove('zz', context.keys.editor.auth)).statusCode).toBe(403)
    expect((await patch('ar', { name: 'X' }, context.keys.editor.auth)).statusCode).toBe(403)
    expect(counts()).toEqual(before)
  })

  it('refuses to delete the default edition or one that holds content, saying what it holds', async () => {
    const defaultCode = (context.sql.prepare('select code from editions where is_default = 1').get() as { code: string }).code
    const before = counts()
    const refused = await remove(defaultCode)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toMatch(/default edition/)
    const sq = edition('sq')!.id
    const held = (['articles', 'pages', 'categories', 'tags', 'galleries', 'menus'] as const)
      .map((table) => [table, (context.sql.prepare(`select count(*) n from ${table} where edition_id = ?`).get(sq) as { n: number }).n] as const)
      .filter(([, n]) => n > 1)
    expect(held.length).toBeGreaterThan(0)
    const busy = await remove('sq')
    expect(busy.statusCode).toBe(409)
    for (const [table, n] of held) expect(busy.json().detail).toContain(`${n} ${table}`)
    expect(counts()).toEqual(before)
  })

  it('deletes an empty edition with its settings and the menu items linking to it, leaving tombstones', async () => {
    const created = (await create({ code: 'ur', name: 'Urdu', nativeName: 'اردو', direction: 'rtl' })).json().data as { id: number }
    const menu = context.sql.prepare("select m.id, m.version from menus m join editions e on e.id = m.edition_id where e.code = 'ar' order by m.id limit 1").get() as { id: number, version: number }
    withWriter((db) => db.prepare("insert into menu_items (menu_id, position, label, kind, target_edition_id) values (?, 99, 'اردو', 'edition', ?)").run(menu.id, created.id))
    const res = await remove('ur', { ...admin(), 'if-match': '"v1"' })
    expect(res.statusCode, res.body).toBe(204)
    expect(edition('ur')).toBeUndefined()
    expect(settingsRow(created.id)).toBeUndefined()
    expect(context.sql.prepare('select count(*) n from menu_items where target_edition_id = ?').get(created.id)).toEqual({ n: 0 })
    expect(context.sql.prepare('select version from menus where id = ?').get(menu.id)).toEqual({ version: menu.version + 1 })
    expect(lastChanges(3)).toMatchObject([
      { t: 'menu', id: menu.id, action: 'updated' },
      { t: 'settings', id: created.id, action: 'deleted', summary: { edition: 'ur', version: 2 } },
      { t: 'edition', id: created.id, action: 'deleted', k: context.keys.admin.id, summary: { code: 'ur', version: 2, menusUpdated: [menu.id] } }
    ])
    expect((await context.app.inject({ url: '/v1/editions/ur' })).statusCode).toBe(404)
    expect((await context.app.inject({ url: '/v1/editions/ur/settings' })).statusCode).toBe(404)
    expect((await remove('ur')).statusCode).toBe(404)
  })

  it('notices edition changes another connection commits', async () => {
    expect((await context.app.inject({ url: '/v1/editions/fa' })).json().data.name).toBe('Persian')
    withWriter((db) => db.prepare("update editions set name = 'Farsi', version = version + 1 where code = 'fa'").run())
    expect((await context.app.inject({ url: '/v1/editions/fa' })).json().data.name).toBe('Farsi')
    withWriter((db) => db.prepare(`insert into editions (code, name, native_name, direction, is_default, position, created_at, updated_at)
      values ('ku', 'Kurdish', 'Kurdî', 'ltr', 0, 90, 0, 0)`).run())
    expect((await context.app.inject({ url: '/v1/editions/ku' })).statusCode).toBe(200)
    expect((await context.app.inject({ url: '/v1/tags?edition=ku' })).statusCode).toBe(200)
  })
})

describe('site settings writes over REST', () => {
  const patchSettings = (code: string, payload: unknown, headers: Record<string, string> = {}) =>
    context.app.inject({ method: 'PATCH', url: `/v1/editions/${code}/settings`, headers: { ...admin(), ...headers }, payload: payload as object })

  it('reads with a version for keys, updates with If-Match, and logs the change against the edition', async () => {
    const ar = edition('ar')!.id
    const current = settingsRow(ar)!
    const read = await context.app.inject({ url: '/v1/editions/ar/settings', headers: admin() })
    expect(read.headers.etag).toBe(`"v${current.version}"`)
    expect(read.json().data.version).toBe(current.version)
    const links = [{ network: 'telegram', url: 'https://t.me/quire_ar' }, { network: 'youtube', url: 'http://example.org/ar' }]
    const res = await patchSettings('ar', { tagline: null, socialLinks: links }, { 'if-match': `"v${current.version}"` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toMatchObject({ edition: 'ar', title: current.title, tagline: null, socialLinks: links, version: current.version + 1 })
    expect(res.headers.etag).toBe(`"v${current.version + 1}"`)
    expect(settingsRow(ar)).toMatchObject({ tagline: null, links: JSON.stringify(links), version: current.version + 1 })
    expect(lastChanges(1)).toMatchObject([{ t: 'settings', id: ar, action: 'updated', k: context.keys.admin.id, summary: { edition: 'ar', tagline: { from: current.tagline, to: null } } }])
    const publicRead = await context.app.inject({ url: '/v1/editions/ar/settings' })
    expect(publicRead.json().data).not.toHaveProperty('version')
    expect(publicRead.json().data.socialLinks).toEqual([{ ...links[0], label: 'Telegram' }, { ...links[1], label: 'YouTube' }])

    const stale = await patchSettings('ar', { title: 'Lost' }, { 'if-match': `"v${current.version}"` })
    expect(stale.statusCode).toBe(412)
    expect(settingsRow(ar)).toMatchObject({ title: current.title, version: current.version + 1 })
  })

  it.each([
    ['a javascript: link', { socialLinks: [{ network: 'x', url: 'javascript:alert(1)' }] }],
    ['an ftp link', { socialLinks: [{ network: 'x', url: 'ftp://example.org/' }] }],
    ['a scheme-relative link', { socialLinks: [{ network: 'x', url: '//example.org/' }] }],
    ['a link without a host', { socialLinks: [{ network: 'x', url: 'https://' }] }],
    ['an empty network', { socialLinks: [{ network: '', url: 'https://example.org/' }] }],
    ['an unknown link property', { socialLinks: [{ network: 'x', url: 'https://example.org/', icon: 'x.svg' }] }],
    ['a single link instead of a list', { socialLinks: { network: 'x', url: 'https://example.org/' } }],
    ['an empty title', { title: '' }],
    ['the edition', { edition: 'en', title: 'X' }],
    ['a server-owned version', { version: 1 }],
    ['a server-owned timestamp', { updatedAt: '2026-01-01T00:00:00Z' }],
    ['nothing at all', {}]
  ])('refuses %s with problem+json and changes nothing', async (_what, payload) => {
    const before = [counts(), settingsRow(1)]
    const res = await patchSettings('en', payload)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect([counts(), settingsRow(1)]).toEqual(before)
  })

  it('is for admins only, and 404s an unknown edition', async () => {
    expect((await patchSettings('en', { title: 'X' }, context.keys.editor.auth)).statusCode).toBe(403)
    expect((await context.app.inject({ method: 'PATCH', url: '/v1/editions/en/settings', payload: { title: 'X' } })).statusCode).toBe(401)
    expect((await patchSettings('zz', { title: 'X' })).statusCode).toBe(404)
  })
})

describe('edition and settings mutations mirror REST', () => {
  const fields = 'id databaseId code name nativeName direction isDefault position version settings { title version }'
  it('createEdition, updateEdition with expectedVersion, deleteEdition', async () => {
    const created = await gql(context.app, 'mutation($i: CreateEditionInput!) { createEdition(input: $i) { ' + fields + ' } }',
      { i: { code: 'he', name: 'Hebrew', nativeName: 'עברית', direction: 'RTL' } }, admin())
    expect(created.body.errors).toBeUndefined()
    const he = created.body.data.createEdition
    expect(he).toMatchObject({ code: 'he', direction: 'RTL', isDefault: false, version: 1, settings: { title: 'Hebrew', version: 1 } })
    expect(edition('he')).toMatchObject({ direction: 'rtl', version: 1 })

    const updated = await gql(context.app, 'mutation { updateEdition(code: "he", input: { name: "Hebrew (IL)", direction: LTR }, expectedVersion: 1) { ' + fields + ' } }', {}, admin())
    expect(updated.body.data.updateEdition).toMatchObject({ name: 'Hebrew (IL)', direction: 'LTR', version: 2 })
    const stale = await gql(context.app, 'mutation { updateEdition(code: "he", input: { name: "Lost" }, expectedVersion: 1) { version } }', {}, admin())
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const invalid = await gql(context.app, 'mutation { createEdition(input: { code: "HE", name: "X", nativeName: "X", direction: LTR }) { id } }', {}, admin())
    expect(codes(invalid)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation { deleteEdition(code: "he") { databaseId } }', {}, context.keys.editor.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    const busy = await gql(context.app, 'mutation { deleteEdition(code: "en") { databaseId } }', {}, admin())
    expect(codes(busy)).toEqual(['CONFLICT'])
    const deleted = await gql(context.app, 'mutation { deleteEdition(code: "he", expectedVersion: 2) { deletedId databaseId } }', {}, admin())
    expect(deleted.body.data.deleteEdition).toEqual({ deletedId: he.id, databaseId: he.databaseId })
    expect(edition('he')).toBeUndefined()
    const missing = await gql(context.app, 'mutation { deleteEdition(code: "he") { databaseId } }', {}, admin())
    expect(codes(missing)).toEqual(['NOT_FOUND'])
  })

  it('updateSettings with expectedVersion', async () => {
    const fa = settingsRow(edition('fa')!.id)!
    const res = await gql(context.app, 'mutation($v: Int) { updateSettings(edition: "fa", input: { copyright: "© Quire", socialLinks: [{ network: "x", url: "https://x.com/quire_fa" }] }, expectedVersion: $v) { edition { code } copyright socialLinks { network url } version } }',
      { v: fa.version }, admin())
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.updateSettings).toEqual({ edition: { code: 'fa' }, copyright: '© Quire', socialLinks: [{ network: 'x', url: 'https://x.com/quire_fa' }], version: fa.version + 1 })
    const rest = (await context.app.inject({ url: '/v1/editions/fa/settings', headers: admin() })).json().data
    expect({ copyright: rest.copyright, version: rest.version }).toEqual({ copyright: '© Quire', version: fa.version + 1 })
    const stale = await gql(context.app, 'mutation($v: Int) { updateSettings(edition: "fa", input: { title: "Lost" }, expectedVersion: $v) { version } }', { v: fa.version }, admin())
    expect(codes(stale)).toEqual(['PRECONDITION_FAILED'])
    const badUrl = await gql(context.app, 'mutation { updateSettings(edition: "fa", input: { socialLinks: [{ network: "x", url: "javascript:alert(1)" }] }) { version } }', {}, admin())
    expect(codes(badUrl)).toEqual(['BAD_USER_INPUT'])
    const forbidden = await gql(context.app, 'mutation { updateSettings(edition: "fa", input: { title: "X" }) { version } }', {}, context.keys.editor.auth)
    expect(codes(forbidden)).toEqual(['FORBIDDEN'])
    expect(settingsRow(edition('fa')!.id)).toMatchObject({ copyright: '© Quire', version: fa.version + 1 })
  })
})
