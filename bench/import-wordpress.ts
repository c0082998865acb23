/*
 * The WordPress import at volume: generates a WXR export (four Polylang editions; by default
 * 100,000 posts, 3 comments each = 300,000, an attachment every 2nd post = 50,000), imports it into
 * a fresh database with the same code path as `quire import wordpress`, and reports the time and
 * the peak RSS of the process. Smaller runs: `npm run bench:import -- 5000`.
 *
 *   npm run bench:import [-- POSTS [COMMENTS_PER_POST [ATTACHMENT_EVERY]]]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateWxr } from '../fixtures/wordpress/generate.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/database.js'
import { createFrontendUrls } from '../src/frontend-urls.js'
import { importWordPress } from '../src/importers/wordpress/importer.js'
import { createServices } from '../src/services.js'

const [posts = '100000', comments = '3', every = '2'] = process.argv.slice(2)
const dir = mkdtempSync(join(tmpdir(), 'quire-bench-import-'))
try {
  const file = join(dir, 'export.xml')
  let started = performance.now()
  await generateWxr(file, { extraPosts: Number(posts), commentsPerPost: Number(comments), attachmentEvery: Number(every), uploads: null })
  process.stdout.write(`generated ${(statSync(file).size / 1_048_576).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)

  const config = loadConfig({ ...process.env, DATABASE_PATH: join(dir, 'quire.db'), SEED_DEMO: 'false' })
  const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
  const services = createServices({ db, clock: () => new Date(), config })
  const key = services.keys.create({ name: 'bench import', role: 'admin' })
  const rssBefore = process.resourceUsage().maxRSS
  const cpuBefore = process.cpuUsage()
  started = performance.now()
  const report = await importWordPress({
    db, clock: () => new Date(), embedHosts: config.videoEmbedHosts, actor: { keyId: key.id, name: key.name, role: 'admin' }, ...services, urls: createFrontendUrls(config)
  }, { file, onProgress: ({ phase, done, total }) => { if (done % 5000 === 0 || done === total) { (globalThis as { gc?: () => void }).gc?.(); const m = process.memoryUsage(); process.stderr.write(`${phase} ${done}/${total} rss ${(m.rss / 1048576).toFixed(0)} heap ${(m.heapUsed / 1048576).toFixed(0)} ext ${((m.external + m.arrayBuffers) / 1048576).toFixed(0)} MB\n`) } } })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  db.$client.close()
  const c = report.counts
  process.stdout.write([
    `imported ${c.article.imported} articles, ${c.page.imported} pages, ${c.comment.imported} comments, ${c.media.imported} media, ${c.redirect.imported} redirects`,
    `time ${seconds.toFixed(1)} s (${Math.round((c.article.imported + c.media.imported + c.comment.imported) / seconds)} items/s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, which a busy machine does not stretch)`,
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (before the import ${(rssBefore / 1024).toFixed(0)} MB)`
  ].join('\n') + '\n')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
