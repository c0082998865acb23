import { serverAudits, type AuditResult } from 'graphql-http'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../helpers/app.js'

/**
 * graphql-http's GraphQL-over-HTTP audit against a real listening server. Every audit passes, the
 * MAYs about GET requests without a preflight header included (GET is exempt from CSRF prevention:
 * Quire uses no cookies, docs/graphql.md).
 */

async function audit (config: { graphqlIntrospection: boolean }): Promise<AuditResult[]> {
  const app = await buildTestApp({ config })
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const results: AuditResult[] = []
    for (const { fn } of serverAudits({ url: `${address}/graphql` })) results.push(await fn())
    return results
  } finally {
    await app.close()
  }
}

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('passes every MUST, SHOULD and MAY', async () => {
    const results = await audit({ graphqlIntrospection: true })
    expect(results.length).toBeGreaterThan(50)
    const failures = results.filter((r) => r.status !== 'ok').map((r) => ({ id: r.id, status: r.status, name: r.name }))
    expect(failures.filter((f) => f.status === 'error'), 'MUST').toEqual([])
    expect(failures.filter((f) => f.status === 'warn'), 'SHOULD').toEqual([])
    expect(failures).toEqual([])
  })

  it('with introspection off, misses only the two audits whose probe query is itself introspection', async () => {
    // 28B9 (MUST) and 2EA1 (SHOULD) send `query Type($name: String!) { __type(name: $name) { name } }`
    // and want no errors; with introspection switched off (the production default) `__type` is
    // refused like `__schema`, as it must be
    const results = await audit({ graphqlIntrospection: false })
    const failures = results.filter((r) => r.status !== 'ok')
    expect(failures.filter((f) => f.status === 'error').map((f) => f.id)).toEqual(['28B9'])
    expect(failures.filter((f) => f.status === 'warn').map((f) => f.id)).toEqual(['2EA1'])
  })
})
