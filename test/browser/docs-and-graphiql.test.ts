import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app.js'

/*
 * The two pages a person opens first, in a real browser (Debian's chromium driven by
 * puppeteer-core) against Quire listening on loopback, configured as in production: GraphiQL on,
 * introspection not open to everyone. Each page must render, load nothing from any other origin
 * (every request is intercepted; a foreign one is refused and recorded), log no console error (CSP
 * violations included), and the IDE must run a query. `.ci/run` installs chromium where it is
 * missing; only where no binary can be found is this file skipped, and it says so.
 */
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']
const chromiumPath = process.env.CHROMIUM_PATH ?? (process.env.PATH ?? '').split(delimiter)
  .flatMap((dir) => CANDIDATES.map((name) => join(dir, name)))
  .find((file) => existsSync(file))

if (chromiumPath === undefined) {
  console.warn('test/browser: SKIPPED — no chromium binary on PATH (apt-get install chromium, or set CHROMIUM_PATH)')
}

// the functions given to page.evaluate run in the page; the project compiles without the DOM lib
declare const document: { querySelector: (selector: string) => { textContent: string | null } | null }

interface PageLog { foreign: string[], consoleErrors: string[], failed: string[] }

describe.skipIf(chromiumPath === undefined)('in a headless browser', () => {
  let app: TestApp
  let origin: string
  let browser: Browser

  beforeAll(async () => {
    app = await buildTestApp({ config: { graphiql: true, graphqlIntrospection: false } })
    origin = new URL(await app.listen({ port: 0, host: '127.0.0.1' })).origin
    browser = await puppeteer.launch({
      executablePath: chromiumPath!,
      headless: true,
      // containers and CI runners often lack the user namespaces chromium's sandbox needs
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update']
    })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** A fresh page that refuses and records anything not from Quire's own origin. */
  async function openPage (): Promise<{ page: Page, log: PageLog }> {
    const page = await browser.newPage()
    const log: PageLog = { foreign: [], consoleErrors: [], failed: [] }
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
        void request.continue()
      } else {
        log.foreign.push(url)
        void request.abort('blockedbyclient')
      }
    })
    page.on('console', (message) => { if (message.type() === 'error') log.consoleErrors.push(message.text()) })
    page.on('pageerror', (error) => { log.consoleErrors.push(String(error)) })
    page.on('response', (response) => { if (response.status() >= 400) log.failed.push(`${response.url()}: ${response.status()}`) })
    page.on('requestfailed', (request) => { log.failed.push(`${request.url()}: ${request.failure()?.errorText ?? ''}`) })
    return { page, log }
  }

  function expectSelfContained (log: PageLog): void {
    expect(log.foreign, 'requests to other origins').toEqual([])
    expect(log.failed, 'failed requests').toEqual([])
    expect(log.consoleErrors, 'console errors').toEqual([])
  }

  it('/docs renders the API reference (Swagger UI) from Quire\'s own assets, with an Authorize button', async () => {
    const { page, log } = await openPage()
    try {
      const response = await page.goto(`${origin}/docs`, { waitUntil: 'networkidle0' })
      expect(response?.status()).toBe(200)
      const title = await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 })
      expect(await title!.evaluate((el) => el.textContent)).toMatch(/Quire/)
      // the bearer scheme shows as an Authorize button; every tag's operations are listed
      expect(await page.$('.swagger-ui .btn.authorize')).not.toBeNull()
      const operations = await page.$$eval('.swagger-ui .opblock-summary-path', (els) => els.map((el) => el.getAttribute('data-path')))
      expect(operations).toContain('/v1/articles')
      expect(operations).toContain('/sitemaps/{edition}/news.xml')
      expectSelfContained(log)
    } finally {
      await page.close()
    }
  })

  it('/graphiql renders the IDE, reads the schema and runs a query', async () => {
    const { page, log } = await openPage()
    try {
      const response = await page.goto(`${origin}/graphiql`, { waitUntil: 'networkidle0' })
      expect(response?.status()).toBe(200)
      await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror', { timeout: 15_000 })

      // the documentation explorer is filled by introspection, which the IDE is allowed to run
      await page.click('[aria-label="Show Documentation Explorer"]')
      await page.waitForFunction(() => document.querySelector('.graphiql-doc-explorer')?.textContent?.includes('Query') === true, { timeout: 15_000 })

      const query = '{ editions { code } articles(filter: { edition: "en" }, first: 2) { totalCount edges { node { title } } } }'
      await page.$eval('.graphiql-query-editor .CodeMirror', (el, text) => {
        (el as unknown as { CodeMirror: { setValue: (value: string) => void } }).CodeMirror.setValue(text)
      }, query)
      await page.click('.graphiql-execute-button')
      const handle = await page.waitForFunction(() => {
        const el = document.querySelector('.graphiql-response .CodeMirror') as unknown as { CodeMirror: { getValue: () => string } } | null
        const value = el?.CodeMirror.getValue() ?? ''
        return value.includes('"data"') || value.includes('"errors"') ? value : false
      }, { timeout: 15_000 })
      const result = JSON.parse(await handle.jsonValue() as string) as { data?: { editions: Array<{ code: string }>, articles: { totalCount: number, edges: Array<{ node: { title: string } }> } }, errors?: unknown }
      expect(result.errors).toBeUndefined()
      expect(result.data!.editions.map((e) => e.code)).toEqual(['en', 'ar', 'fa', 'sq'])
      expect(result.data!.articles.edges).toHaveLength(2)
      expect(result.data!.articles.totalCount).toBeGreaterThan(2)
      expectSelfContained(log)
    } finally {
      await page.close()
    }
  })
})
