/*
 * The WordPress import at volume: generates a WXR export (four Polylang editions; by default
 * 100,000 posts, 3 comments each = 300,000, an attachment every 2nd post = 50,000), then imports
 * it into a fresh database in a child process with the same code path as `quire import wordpress`,
 * and reports the import's wall time, its CPU time (what a machine shared with other work does not
 * stretch) and the peak RSS of the importing process (the generator's memory is not counted).
 * Smaller runs: `npm run bench:import -- 5000`.
 *
 *   npm run bench:import [-- POSTS [COMMENTS_PER_POST [ATTACHMENT_EVERY]]]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MEMORY_EVERY_POSTS = 2500

if (process.argv[2] === '--import') await runImport(process.argv[3]!, process.argv[4]!)
else await main()

async function main (): Promise<void> {
  const { generateWxr } = await import('../fixtures/wordpress/generate.js')
  const [posts = '100000', comments = '3', every = '2'] = process.argv.slice(2)
  const dir = mkdtempSync(join(tmpdir(), 'quire-bench-import-'))
  try {
    const file = join(dir, 'export.xml')
    const started = performance.now()
    await generateWxr(file, { extraPosts: Number(posts), commentsPerPost: Number(comments), attachmentEvery: Number(every), uploads: null })
    process.stdout.write(`generated ${(statSync(file).size / 1_048_576).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    const child = fork(fileURLToPath(import.meta.url), ['--import', file, join(dir, 'quire.db')], { stdio: 'inherit', execArgv: [...process.execArgv, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)] })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    if (code !== 0) process.exitCode = 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runImport (file: string, databasePath: string): Promise<void> {
  const { loadConfig } = await import('../src/config.js')
  const { openDatabase } = await import('../src/database.js')
  const { createFrontendUrls } = await import('../src/frontend-urls.js')
  const { importWordPress } = await import('../src/importers/wordpress/importer.js')
  const { createServices } = await import('../src/services.js')
  const config = loadConfig({ ...process.env, DATABASE_PATH: databasePath, SEED_DEMO: 'false' })
  const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
  const services = createServices({ db, clock: () => new Date(), config })
  const key = services.keys.create({ name: 'bench import', role: 'admin' })
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0)
  ;(globalThis as { gc?: () => void }).gc?.()
  const rssBefore = process.memoryUsage().rss
  process.stderr.write(`before the import: heap ${mb(process.memoryUsage().heapUsed)} MB\n`)
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const report = await importWordPress({
    db, clock: () => new Date(), embedHosts: config.videoEmbedHosts, actor: { keyId: key.id, name: key.name, role: 'admin' }, ...services, urls: createFrontendUrls(config)
  }, {
    file,
    onProgress: ({ phase, done, total }) => {
      if (done % MEMORY_EVERY_POSTS === 0 || done === total) {
        // with BENCH_NODE_FLAGS=--expose-gc the heap figure is what is alive, not what awaits collection
        ;(globalThis as { gc?: () => void }).gc?.()
        const m = process.memoryUsage()
        process.stderr.write(`${phase} ${done}/${total} at ${((performance.now() - started) / 1000).toFixed(0)} s: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB\n`)
      }
    }
  })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  db.$client.close()
  const c = report.counts
  process.stdout.write([
    `imported ${c.article.imported} articles, ${c.page.imported} pages, ${c.comment.imported} comments, ${c.media.imported} media, ${c.redirect.imported} redirects`,
    `time ${seconds.toFixed(1)} s (${Math.round((c.article.imported + c.media.imported + c.comment.imported) / seconds)} items/s), CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
    `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB (${mb(rssBefore)} MB before the import)`
  ].join('\n') + '\n')
}
