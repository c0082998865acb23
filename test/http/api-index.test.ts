import { describe, expect } from 'vitest'
import { buildTestApp, test } from '../helpers/app.js'

describe('GET /', () => {
  test('answers with the name, the version and where everything lives', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json()
    expect(body.name).toBe('Quire content API')
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(body.links.docs).toEqual({ href: 'http://quire.test/docs' })
    expect(body.links.openapi).toEqual({ href: 'http://quire.test/openapi.json' })
    expect(body.links.graphql).toEqual({ href: 'http://quire.test/graphql' })
    // the test config turns GraphiQL off
    expect(body.links.graphiql).toBeNull()
    expect(body.links.feeds).toContainEqual({ href: 'http://quire.test/feeds/{edition}/rss.xml', templated: true })
    expect(body.links.health.live).toEqual({ href: 'http://quire.test/health/live' })
  })

  test('every plain link it names answers', async ({ app }) => {
    const body = (await app.inject({ method: 'GET', url: '/' })).json()
    const plain = [body.links.docs, body.links.openapi, body.links.sitemap, body.links.health.live, body.links.health.ready]
    for (const link of plain) {
      const res = await app.inject({ method: 'GET', url: new URL(link.href as string).pathname })
      expect(res.statusCode, link.href).toBeLessThan(400)
    }
  })

  test('is cacheable and revalidates with 304', async ({ app }) => {
    const res = await app.inject({ method: 'GET', url: '/' })
    expect(res.headers['cache-control']).toMatch(/^public/)
    expect(res.headers.etag).toBeDefined()
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(res.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })
})

describe('GET / with GraphiQL on', () => {
  test('links GraphiQL', async () => {
    const app = await buildTestApp({ config: { graphiql: true } })
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).json().links.graphiql).toEqual({ href: 'http://quire.test/graphiql' })
    } finally {
      await app.close()
    }
  })
})
