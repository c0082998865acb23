import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { issueKey } from '../helpers/keys.js'
import { buildTestApp } from '../helpers/app.js'
import { atPath, parseCurl, type DocRequest } from './curl.js'
import { extractExamples, splitCommands, type Example } from './markdown-examples.js'

/*
 * Every request example of README.md and docs/*.md runs against a test app on a copy of the demo
 * database: one app per file, examples in file order (a walkthrough creates, publishes, then
 * reads). Conventions are in docs/development.md, "Documentation examples".
 */

const root = new URL('../../', import.meta.url)
const files = ['README.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]
const parsed = files.map((file) => ({ file, ...extractExamples(file, readFileSync(new URL(file, root), 'utf8')) }))

let illustrative = 0
let run = 0
afterAll(() => {
  console.log(`documentation examples: ${run} requests run, ${illustrative} illustrative examples skipped`)
})

const where = (example: Example, command: string): string => `${example.file}:${example.line}: ${command.replace(/\s+/g, ' ').slice(0, 200)}`

type TestApp = Awaited<ReturnType<typeof buildTestApp>>

async function send (app: TestApp, request: DocRequest) {
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.body !== undefined ? { payload: request.body } : {})
  })
}

function checkStatus (status: number, expected: number | undefined, label: string): void {
  expect(status, `${label} answered a server error`).toBeLessThan(500)
  if (expected !== undefined) expect(status, label).toBe(expected)
  else expect(status, `${label} (document another status with "# → <status>")`).toBeGreaterThanOrEqual(200)
  if (expected === undefined) expect(status, label).toBeLessThan(400)
}

describe('documentation examples', () => {
  it('are found, and every <!-- illustrative --> marker stands right before one', () => {
    expect(parsed.flatMap((p) => p.strayMarkers.map((line) => `${p.file}:${line}`))).toEqual([])
    // README alone has several; a parser that finds nothing must not pass
    expect(parsed.reduce((n, p) => n + p.examples.length, 0)).toBeGreaterThan(20)
  })

  for (const { file, examples } of parsed.filter((p) => p.examples.length > 0)) {
    it(`${file} runs`, async () => {
      const app = await buildTestApp()
      try {
        const vars: Record<string, string> = { QUIRE_KEY: issueKey(app, 'admin', 'docs examples').token }
        for (const example of examples) {
          if (example.illustrative) { illustrative++; continue }
          if (example.kind === 'graphql') {
            const response = await send(app, {
              method: 'POST',
              url: '/graphql',
              headers: { 'content-type': 'application/json', ...(/^\s*mutation\b/.test(example.text) ? { authorization: `Bearer ${vars.QUIRE_KEY!}` } : {}) },
              body: JSON.stringify({ query: example.text })
            })
            run++
            const label = `${example.file}:${example.line} (graphql)`
            expect(response.statusCode, label).toBe(200)
            expect(response.json().errors, label).toBeUndefined()
            continue
          }
          for (const command of splitCommands(example.text)) {
            const label = where(example, command)
            const request = (() => {
              try { return parseCurl(command, vars) } catch (error) { throw new Error(`${label}: ${(error as Error).message}`) }
            })()
            const response = await send(app, request)
            run++
            checkStatus(response.statusCode, request.expectedStatus, label)
            if (request.url.startsWith('/graphql') && response.statusCode === 200) {
              expect(response.json().errors, label).toBeUndefined()
            }
            if (request.capture !== undefined) {
              const { name, from } = request.capture
              const value = 'header' in from ? response.headers[from.header] : atPath(response.json(), from.jsonPath)
              expect(value, `${label} captures ${name}`).not.toBeUndefined()
              expect(value, `${label} captures ${name}`).not.toBeNull()
              vars[name] = String(value)
            }
          }
        }
      } finally {
        await app.close()
      }
    })
  }
})
