import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { generateWxr } from '../../fixtures/wordpress/generate.js'

const root = join(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'quire-wp-kill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function startImport (databasePath: string, file: string) {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'import', 'wordpress', file, '--json'], {
    cwd: root, env: { ...process.env, DATABASE_PATH: databasePath, SEED_DEMO: 'false', CURSOR_SECRET: 'test-cursor-secret-that-is-long-enough-000' }, stdio: ['ignore', 'pipe', 'pipe']
  })
}
const finished = (child: ReturnType<typeof startImport>) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

/** What an import leaves, as comparable rows (ids differ between databases; content must not). */
function contentOf (path: string) {
  const db = new Database(path, { readonly: true })
  try {
    return {
      articles: db.prepare('select e.code, a.slug, a.title, a.status, a.published_at, a.featured, a.comment_count, (a.translation_group is not null) as translated from articles a join editions e on e.id = a.edition_id order by e.code, a.slug').all(),
      comments: db.prepare('select count(*) as n, sum(status = \'approved\') as approved, max(depth) as depth from comments').get(),
      media: db.prepare('select url from media order by url').all().length,
      redirects: db.prepare('select count(*) as n from redirects').get(),
      mappings: db.prepare('select count(*) as n from import_mappings').get()
    }
  } finally {
    db.close()
  }
}

it('an import killed with SIGKILL completes on re-run, the same as an uninterrupted one', async () => {
  const file = join(dir, 'volume.xml')
  await generateWxr(file, { extraPosts: 400, commentsPerPost: 2, attachmentEvery: 4, uploads: null })

  const reference = join(dir, 'reference.db')
  expect(await finished(startImport(reference, file))).toBe(0)

  const interrupted = join(dir, 'interrupted.db')
  const child = startImport(interrupted, file)
  // kill as soon as the first batch is committed, while the posts are still coming in
  const exited = finished(child)
  let killedMidway = false
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    let articles = 0
    try {
      const db = new Database(interrupted, { readonly: true, fileMustExist: true })
      try { articles = (db.prepare('select count(*) as n from articles').get() as { n: number }).n } finally { db.close() }
    } catch {
      // not created or migrated yet
    }
    if (articles > 0) {
      killedMidway = child.kill('SIGKILL')
      break
    }
    if (child.exitCode !== null) break
  }
  await exited
  expect(killedMidway).toBe(true)
  const partial = contentOf(interrupted)
  expect(partial.articles.length).toBeLessThan(contentOf(reference).articles.length)

  expect(await finished(startImport(interrupted, file))).toBe(0)
  expect(contentOf(interrupted)).toEqual(contentOf(reference))
}, 600_000)
