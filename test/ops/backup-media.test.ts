import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { buildTestApp, testConfig, type TestApp } from '../helpers/app.js'
import { quire } from '../helpers/cli.js'
import { fixedClock } from '../helpers/clock.js'
import { issueKey } from '../helpers/keys.js'
import { cameraJpeg, pdf } from '../media/fixtures.js'
import { multipart } from '../media/multipart.js'

interface Uploaded { id: number, file: { url: string, sha256: string }, renditions: Array<{ url: string }> }

const path = (url: string): string => new URL(url).pathname
const filesUnder = (dir: string): string[] => existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : []

/** The bytes each URL answers with, read through an app on that database (and its media storage). */
async function servedBytes (databasePath: string, urls: string[]): Promise<Array<{ status: number, bytes: number }>> {
  const app = await buildApp({ clock: fixedClock(), config: testConfig({ databasePath }) })
  try {
    return await Promise.all(urls.map(async (url) => {
      const response = await app.inject({ url: path(url) })
      return { status: response.statusCode, bytes: response.rawPayload.length }
    }))
  } finally {
    await app.close()
  }
}

describe('backups carry the media files their database references', () => {
  let app: TestApp
  const work = mkdtempSync(join(tmpdir(), 'quire-backup-media-'))
  const s3Dir = mkdtempSync(join(tmpdir(), 'quire-backup-s3-'))
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'quire-backups', configs: [] }] })
  let s3Env: Record<string, string> = {}
  let photo: Uploaded
  let booklet: Uploaded
  let urls: string[] = []

  beforeAll(async () => {
    const { port } = await s3.run()
    s3Env = { MEDIA_S3_ENDPOINT: `http://127.0.0.1:${port}`, MEDIA_S3_ACCESS_KEY_ID: 'S3RVER', MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER' }
    app = await buildTestApp()
    const editor = issueKey(app, 'editor')
    const upload = async (data: Buffer, filename: string): Promise<Uploaded> => {
      const body = multipart([{ name: 'file', filename, data }])
      const response = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...editor.auth, ...body.headers }, payload: body.payload })
      expect(response.statusCode).toBe(201)
      return response.json().data
    }
    photo = await upload(await cameraJpeg({ seed: 7, width: 700, height: 400 }), 'square.jpg')
    booklet = await upload(await pdf(2), 'newsletter.pdf')
    urls = [photo.file.url, ...photo.renditions.map((r) => r.url), booklet.file.url]
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await s3.close()
    rmSync(work, { recursive: true, force: true })
    rmSync(s3Dir, { recursive: true, force: true })
  })

  it('a local backup copies the files once, and a restore into a new data directory serves them', async () => {
    const backups = join(work, 'local')
    mkdirSync(backups)
    const first = await quire(['backup', backups], { DATABASE_PATH: app.databasePath })
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    // the original, its renditions (made at upload) and the PDF
    expect(first.stdout).toContain(`media files: ${urls.length} referenced, ${urls.length} copied`)
    expect(filesUnder(join(backups, 'media')).length).toBe(urls.length)

    // content-addressed: the next backup at the same place copies nothing again
    await new Promise((resolve) => setTimeout(resolve, 1100)) // the file name has a one-second time stamp
    const second = await quire(['backup', backups], { DATABASE_PATH: app.databasePath })
    expect(second.status).toBe(0)
    expect(second.stdout).toContain(`media files: ${urls.length} referenced, 0 copied (0 bytes), ${urls.length} already there`)

    const standby = join(work, 'standby', 'quire.db')
    mkdirSync(dirname(standby))
    const file = readdirSync(backups).filter((name) => name.endsWith('.db')).sort()[1]!
    const restored = await quire(['restore', join(backups, file)], { DATABASE_PATH: standby })
    expect(restored.stderr).toBe('')
    expect(restored.status).toBe(0)
    expect(restored.stdout).toContain(`media files: ${urls.length} referenced, ${urls.length} copied`)
    const live = await Promise.all(urls.map(async (url) => { const r = await app.inject({ url: path(url) }); return { status: r.statusCode, bytes: r.rawPayload.length } }))
    expect(await servedBytes(standby, urls)).toEqual(live)
    expect(live.every((r) => r.status === 200)).toBe(true)
  }, 120_000)

  it('to and from S3: the database file and the media under the prefix', async () => {
    const backup = await quire(['backup', 's3://quire-backups/site-a'], { DATABASE_PATH: app.databasePath, ...s3Env })
    // (on Node 20 the AWS SDK warns on stderr about its future Node versions: not Quire's words)
    expect(backup.stderr).not.toMatch(/quire backup/)
    expect(backup.status).toBe(0)
    const location = /backup written and verified: (s3:\/\/quire-backups\/site-a\/quire-\d{8}T\d{6}Z\.db)/.exec(backup.stdout)?.[1]
    expect(location).toBeDefined()
    expect(backup.stdout).toContain(`media files: ${urls.length} referenced, ${urls.length} copied`)

    const standby = join(work, 's3-standby', 'quire.db')
    mkdirSync(dirname(standby))
    const restored = await quire(['restore', location!], { DATABASE_PATH: standby, ...s3Env })
    expect(restored.stderr).not.toMatch(/quire restore/)
    expect(restored.status).toBe(0)
    expect(restored.stdout).toMatch(/change-log head \d+/)
    expect((await servedBytes(standby, urls)).map((r) => r.status)).toEqual(urls.map(() => 200))
  }, 120_000)

  it('refuses a location it cannot use, and says which media files a backup lacks', async () => {
    const bad = await quire(['backup', 's3://Not_A_Bucket'], { DATABASE_PATH: app.databasePath, ...s3Env })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/is not an s3:\/\/bucket\/prefix\/ location/)
    const absent = await quire(['restore', 's3://quire-backups/site-a/quire-20000101T000000Z.db'], { DATABASE_PATH: join(work, 'never.db'), ...s3Env })
    expect(absent.status).toBe(1)
    expect(absent.stderr).toMatch(/does not exist/)
    expect(absent.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(join(work, 'never.db'))).toBe(false)

    // a database file copied without its media folder: restored, but the operator is told
    const lone = join(work, 'lone')
    mkdirSync(lone)
    expect((await quire(['backup', join(lone, 'only.db')], { DATABASE_PATH: app.databasePath })).status).toBe(0)
    rmSync(join(lone, 'media'), { recursive: true })
    const target = join(work, 'lone-standby', 'quire.db')
    mkdirSync(dirname(target))
    const restored = await quire(['restore', join(lone, 'only.db')], { DATABASE_PATH: target })
    expect(restored.status).toBe(1)
    expect(restored.stderr).toContain(`${urls.length} media files the database references are not in the backup`)
  }, 120_000)
})
