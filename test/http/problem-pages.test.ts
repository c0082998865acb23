import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { problemTypes } from '../../src/http/problem-pages.js'
import { test } from '../helpers/app.js'

/** Every `type: '<name>'` a problem is built with in src/, read from the source so a new one cannot be forgotten. */
function problemTypesInSource (): Set<string> {
  const names = new Set<string>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith('.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/type: '([a-z-]+)',\s*(?:title|detail): ['`]/g)) names.add(match[1] as string)
      }
    }
  }
  walk(new URL('../../src', import.meta.url).pathname)
  return names
}

test('problem types are absolute URIs that resolve to a page describing them', async ({ app }) => {
  const missing = await app.inject({ method: 'GET', url: '/v1/articles/999999999' })
  const type = missing.json().type as string
  expect(type).toBe('http://quire.test/problems/not-found')
  const page = await app.inject({ method: 'GET', url: new URL(type).pathname })
  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(page.body).toContain('<h1>Not Found</h1>')
  expect(page.body).toContain('HTTP status <strong>404</strong>')
  const index = await app.inject({ method: 'GET', url: '/problems' })
  expect(index.body).toContain('href="http://quire.test/problems/rate-limited"')
})

test('every problem type the code sends has a page', async ({ app }) => {
  const sent = problemTypesInSource()
  expect(sent.size).toBeGreaterThan(15)
  for (const name of sent) {
    expect(problemTypes[name], name).toBeDefined()
    expect((await app.inject({ method: 'GET', url: `/problems/${name}` })).statusCode, name).toBe(200)
  }
  expect((await app.inject({ method: 'GET', url: '/problems/no-such-problem' })).statusCode).toBe(404)
})
