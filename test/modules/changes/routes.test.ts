import { describe, expect, it } from 'vitest'
import { uniqueTitle } from '../../helpers/content.js'
import { useWriteContext } from '../../helpers/write-context.js'

const context = useWriteContext()
const list = (query: string, key = context.keys.editor) => context.app.inject({ url: `/v1/changes${query}`, headers: key.auth })

describe('GET /v1/changes, the audit log', () => {
  it('shows each write newest first with who made it and what changed', async () => {
    const title = uniqueTitle('Audited')
    const created = await context.app.inject({ method: 'POST', url: '/v1/articles', headers: context.keys.author.auth, payload: { edition: 'en', title } })
    const id = created.json().data.id as number
    await context.app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: context.keys.author.auth, payload: { title: 'Audited, renamed' } })
    const res = await list(`?entityType=article&entityId=${id}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-store')
    const body = res.json()
    expect(body.data.map((c: { action: string }) => c.action)).toEqual(['updated', 'created'])
    expect(body.data[0]).toMatchObject({
      entityType: 'article', entityId: id, key: { id: context.keys.author.id, name: 'author key' },
      summary: { title: { from: title, to: 'Audited, renamed' } }
    })
    expect(body.data[0].seq).toBeGreaterThan(body.data[1].seq)
    expect(body.meta.total).toBe(2)
  })

  it('pages through the whole log by cursor, each change once, in sequence order', async () => {
    const all = (context.sql.prepare('select seq from changes order by seq desc').all() as Array<{ seq: number }>).map((r) => r.seq)
    const seen: number[] = []
    let url: string | null = '/v1/changes?limit=7'
    while (url !== null) {
      const page: { data: Array<{ seq: number }>, links: { next: string | null } } = (await context.app.inject({ url, headers: context.keys.admin.auth })).json()
      seen.push(...page.data.map((c) => c.seq))
      url = page.links.next === null ? null : page.links.next.replace('http://quire.test', '')
    }
    expect(seen).toEqual(all)
    expect(all.length).toBeGreaterThan(0)
  })

  it('filters by key and action', async () => {
    const res = await list(`?keyId=${context.keys.author.id}&action=created`)
    const rows = context.sql.prepare("select seq from changes where key_id = ? and action = 'created' order by seq desc").all(context.keys.author.id) as Array<{ seq: number }>
    expect(res.json().data.map((c: { seq: number }) => c.seq)).toEqual(rows.map((r) => r.seq))
  })

  it.each([
    ['an unknown parameter', '?foo=1'],
    ['an unknown entity type', '?entityType=planet'],
    ['entityId without entityType', '?entityId=3'],
    ['a non-canonical id', '?entityType=article&entityId=01'],
    ['a tampered cursor', '?cursor=abc']
  ])('refuses %s with problem+json', async (_what, query) => {
    const res = await list(query)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('is closed to the public, authors and preview keys', async () => {
    expect((await context.app.inject({ url: '/v1/changes' })).statusCode).toBe(401)
    expect((await list('', context.keys.author)).statusCode).toBe(403)
    expect((await list('', context.keys.preview)).statusCode).toBe(403)
  })
})
