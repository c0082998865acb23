import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { permissionTable } from '../../src/auth/permission-table.js'
import { operations, permissionMatrix, roles, type Grant, type Operation } from '../../src/auth/permissions.js'
import type { ApiKeyRole } from '../../src/db/schema.js'
import { test, type TestApp } from '../helpers/app.js'
import { createDraft, createEntity, publish, uniqueTitle } from '../helpers/content.js'
import { issueKey, type IssuedKey } from '../helpers/keys.js'
import { seedApprovedComment } from '../helpers/comments.js'

let app: TestApp
let keys: Record<ApiKeyRole, IssuedKey>
let publishedArticleId: number
test.beforeAll(async ({ app: built, keys: issued }) => {
  app = built
  keys = issued
  publishedArticleId = (await app.inject({ url: '/v1/articles?limit=1&fields=id' })).json().data[0].id
})

type Target = 'own draft' | 'own published' | 'other draft'
type Probe = (headers: Record<string, string>, target: number, kind: Target | null) => Promise<number>

/**
 * One request per operation, against a fresh target: the article or page it acts on, created by
 * the role's own key ("own") or by the editor's ("other"). Every operation in the matrix must
 * have a probe, so a new operation cannot be added without being walked here.
 */
const contentProbes = (collection: 'articles' | 'pages') => ({
  create: async (headers: Record<string, string>) => (await app.inject({ method: 'POST', url: `/v1/${collection}`, headers, payload: { edition: 'en', title: uniqueTitle() } })).statusCode,
  update: async (headers: Record<string, string>, id: number) => (await app.inject({ method: 'PATCH', url: `/v1/${collection}/${id}`, headers, payload: { title: uniqueTitle() } })).statusCode,
  // a valid transition for the target, so that only permission decides
  publish: async (headers: Record<string, string>, id: number, kind: Target | null) =>
    (await app.inject({ method: 'POST', url: `/v1/${collection}/${id}/${kind === 'own published' ? 'unpublish' : 'publish'}`, headers })).statusCode,
  delete: async (headers: Record<string, string>, id: number) => (await app.inject({ method: 'DELETE', url: `/v1/${collection}/${id}`, headers })).statusCode,
  readRevisions: async (headers: Record<string, string>, id: number) => (await app.inject({ url: `/v1/${collection}/${id}/revisions`, headers })).statusCode
})
const articles = contentProbes('articles')
const pages = contentProbes('pages')

/**
 * Entities without ownership: create as the role; update and delete a fresh item made with the
 * admin key, so that only the role decides.
 */
const entityProbes = (collection: string, body: () => Record<string, unknown>, patch: () => Record<string, unknown>) => ({
  create: async (headers: Record<string, string>) => (await app.inject({ method: 'POST', url: `/v1/${collection}`, headers, payload: body() })).statusCode,
  update: async (headers: Record<string, string>) => {
    const id = await createEntity(app, keys.admin, collection, body())
    return (await app.inject({ method: 'PATCH', url: `/v1/${collection}/${id}`, headers, payload: patch() })).statusCode
  },
  delete: async (headers: Record<string, string>) => {
    const id = await createEntity(app, keys.admin, collection, body())
    return (await app.inject({ method: 'DELETE', url: `/v1/${collection}/${id}`, headers })).statusCode
  }
})
const tagProbes = entityProbes('tags', () => ({ edition: 'en', name: uniqueTitle('Tag') }), () => ({ name: uniqueTitle('Tag') }))
const mediaProbes = entityProbes('media', () => ({ kind: 'image', url: 'https://cdn.example/probe.jpg', mimeType: 'image/jpeg' }), () => ({ altText: uniqueTitle('Alt') }))
const galleryProbes = entityProbes('galleries', () => ({ edition: 'en', title: uniqueTitle('Gallery') }), () => ({ title: uniqueTitle('Gallery') }))
const menuLocation = () => uniqueTitle('probe').replace(/\W+/g, '-')
const menuProbes = entityProbes('menus', () => ({ edition: 'en', location: menuLocation(), name: 'Probe menu' }), () => ({ name: uniqueTitle('Menu') }))
const categoryProbes = entityProbes('categories', () => ({ edition: 'en', name: uniqueTitle('Category') }), () => ({ name: uniqueTitle('Category') }))
const authorProbes = entityProbes('authors', () => ({ name: uniqueTitle('Author') }), () => ({ bio: uniqueTitle('Bio') }))
// editions are addressed by code: a fresh, unused code per probe
const editionBody = () => ({ code: `zz-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`, name: 'Probe', nativeName: 'Probe', direction: 'ltr' })
const editionProbes = {
  create: async (headers: Record<string, string>) => (await app.inject({ method: 'POST', url: '/v1/editions', headers, payload: editionBody() })).statusCode,
  update: async (headers: Record<string, string>) => {
    const body = editionBody()
    await createEntity(app, keys.admin, 'editions', body)
    return (await app.inject({ method: 'PATCH', url: `/v1/editions/${body.code}`, headers, payload: { name: uniqueTitle('Edition') } })).statusCode
  },
  delete: async (headers: Record<string, string>) => {
    const body = editionBody()
    await createEntity(app, keys.admin, 'editions', body)
    return (await app.inject({ method: 'DELETE', url: `/v1/editions/${body.code}`, headers })).statusCode
  }
}

const probes: Record<Operation, { collection: 'articles' | 'pages' | null, probe: Probe }> = {
  'content:read-unpublished': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/articles?status=draft&limit=1', headers })).statusCode },
  'article:create': { collection: null, probe: articles.create },
  'article:update': { collection: 'articles', probe: articles.update },
  'article:publish': { collection: 'articles', probe: articles.publish },
  'article:delete': { collection: 'articles', probe: articles.delete },
  'article:read-revisions': { collection: 'articles', probe: articles.readRevisions },
  'page:create': { collection: null, probe: pages.create },
  'page:update': { collection: 'pages', probe: pages.update },
  'page:publish': { collection: 'pages', probe: pages.publish },
  'page:delete': { collection: 'pages', probe: pages.delete },
  'page:read-revisions': { collection: 'pages', probe: pages.readRevisions },
  'tag:create': { collection: null, probe: tagProbes.create },
  'tag:update': { collection: null, probe: tagProbes.update },
  'tag:delete': { collection: null, probe: tagProbes.delete },
  'media:create': { collection: null, probe: mediaProbes.create },
  'media:update': { collection: null, probe: mediaProbes.update },
  'media:delete': { collection: null, probe: mediaProbes.delete },
  'gallery:create': { collection: null, probe: galleryProbes.create },
  'gallery:update': { collection: null, probe: galleryProbes.update },
  'gallery:delete': { collection: null, probe: galleryProbes.delete },
  'menu:create': { collection: null, probe: menuProbes.create },
  'menu:update': { collection: null, probe: menuProbes.update },
  'menu:delete': { collection: null, probe: menuProbes.delete },
  'category:create': { collection: null, probe: categoryProbes.create },
  'category:update': { collection: null, probe: categoryProbes.update },
  'category:delete': { collection: null, probe: categoryProbes.delete },
  'author:create': { collection: null, probe: authorProbes.create },
  'author:update': { collection: null, probe: authorProbes.update },
  'author:delete': { collection: null, probe: authorProbes.delete },
  'edition:create': { collection: null, probe: editionProbes.create },
  'edition:update': { collection: null, probe: editionProbes.update },
  'edition:delete': { collection: null, probe: editionProbes.delete },
  'settings:update': { collection: null, probe: async (headers) => (await app.inject({ method: 'PATCH', url: '/v1/editions/en/settings', headers, payload: { tagline: uniqueTitle('Tagline') } })).statusCode },
  'changes:read': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/changes?limit=1', headers })).statusCode },
  'key:manage': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/keys', headers })).statusCode },
  'webhook:manage': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/webhooks', headers })).statusCode },
  'cache:manage': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/purges/status', headers })).statusCode },
  'comment:moderate': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/comments?limit=1', headers })).statusCode },
  'comment:reply': { collection: null, probe: async (headers) => (await app.inject({ method: 'POST', url: `/v1/comments/${seedApprovedComment(app, publishedArticleId)}/replies`, headers, payload: { body: uniqueTitle('Reply') } })).statusCode },
  'comment:delete': { collection: null, probe: async (headers) => (await app.inject({ method: 'DELETE', url: `/v1/comments/${seedApprovedComment(app, publishedArticleId)}`, headers })).statusCode },
  'comment:erase': { collection: null, probe: async (headers) => (await app.inject({ method: 'POST', url: '/v1/comments/erasure', headers, payload: { email: 'nobody@example.com' } })).statusCode },
  'contact:read': { collection: null, probe: async (headers) => (await app.inject({ url: '/v1/contact-messages?limit=1', headers })).statusCode },
  'discussion:settings': { collection: null, probe: async (headers) => (await app.inject({ method: 'PATCH', url: '/v1/editions/en/discussion-settings', headers, payload: { closeAfterDays: null } })).statusCode }
}

async function targetFor (role: ApiKeyRole, collection: 'articles' | 'pages', target: Target): Promise<number> {
  const owner = target === 'other draft' ? keys.editor : keys[role]
  // preview keys cannot create anything; "own" content of a preview key does not exist
  const id = await createDraft(app, owner.role === 'preview' ? keys.editor : owner, collection)
  if (target === 'own published') await publish(app, keys.editor, id, collection)
  return id
}

/** What a grant allows on each kind of target. */
const allowed = (grant: Grant, target: Target | null): boolean => {
  switch (grant) {
    case 'all': return true
    case 'none': return false
    case 'own': return target !== 'other draft'
    case 'ownDraft': return target === 'own draft' || target === null
  }
}

const success = (status: number) => status >= 200 && status < 300
const cells = operations.flatMap((operation) => roles.map((role) => [operation, role] as const))

describe('the permission matrix (src/auth/permissions.ts), every cell', () => {
  it('is the table in docs/content-management.md (npm run docs:permissions)', () => {
    const doc = readFileSync(new URL('../../docs/content-management.md', import.meta.url), 'utf8')
    const table = /<!-- permission-matrix:start -->\n([\s\S]*?)\n<!-- permission-matrix:end -->/.exec(doc)?.[1]
    expect(table).toBe(permissionTable())
  })

  it('pins the roles the issue describes', () => {
    // preview reads only; authors never publish and touch only their own drafts; only admins manage keys
    for (const op of operations) if (op !== 'content:read-unpublished') expect(permissionMatrix[op].grants.preview, op).toBe('none')
    expect(permissionMatrix['article:publish'].grants.author).toBe('none')
    expect(permissionMatrix['article:update'].grants.author).toBe('ownDraft')
    expect(permissionMatrix['article:delete'].grants.author).toBe('ownDraft')
    expect(operations.filter((op) => permissionMatrix[op].grants.editor === 'none')).toEqual(['comment:erase', 'discussion:settings', 'edition:create', 'edition:update', 'edition:delete', 'settings:update', 'key:manage', 'webhook:manage', 'cache:manage'])
  })

  it('has a probe for every operation', () => {
    expect(Object.keys(probes).sort()).toEqual([...operations].sort())
  })

  it.each(cells)('%s as %s', async (operation, role) => {
    const grant = permissionMatrix[operation].grants[role]
    const { collection, probe } = probes[operation]
    const targets: Array<Target | null> = collection === null ? [null] : ['own draft', 'own published', 'other draft']
    for (const target of targets) {
      const id = collection === null || target === null ? 0 : await targetFor(role, collection, target)
      const status = await probe(keys[role].auth, id, target)
      // a preview key owns nothing, so for it every target is someone else's
      const expected = role === 'preview' ? grant === 'all' : allowed(grant, target)
      if (expected) expect(success(status), `${operation} as ${role} on ${target ?? 'no target'}: ${status}`).toBe(true)
      else expect(status, `${operation} as ${role} on ${target ?? 'no target'}`).toBe(403)
    }
  })

  it.each(operations)('%s without a key is a 401 with WWW-Authenticate', async (operation) => {
    const { collection, probe } = probes[operation]
    const id = collection === null ? 0 : await createDraft(app, keys.editor, collection)
    const status = await probe({}, id, null)
    expect(status).toBe(401)
  })

  it('a revoked key is a 401 on every route, even public ones', async () => {
    const key = issueKey(app, 'admin', 'soon revoked')
    expect((await app.inject({ url: '/v1/keys', headers: key.auth })).statusCode).toBe(200)
    expect((await app.inject({ method: 'DELETE', url: `/v1/keys/${key.id}`, headers: keys.admin.auth })).statusCode).toBe(204)
    for (const url of ['/v1/keys', '/v1/articles', '/v1/editions']) {
      const res = await app.inject({ url, headers: key.auth })
      expect(res.statusCode).toBe(401)
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
    }
  })
})
