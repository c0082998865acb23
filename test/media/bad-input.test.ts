import { existsSync, readdirSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { dirname, join } from 'node:path'
import { describe, expect, vi } from 'vitest'
import type { MediaStorage } from '../../src/storage/media-storage.js'
import { test, type TestApp } from '../helpers/app.js'
import { cameraJpeg, hugePngHeader, mp4Header, pdf, png, zipArchive } from './fixtures.js'
import { multipart, type Part } from './multipart.js'

const MB = 1024 * 1024
let failWrites = false
test.override('appOptions', {
  config: {
    media: {
      storage: { driver: 'local', dir: null },
      tmpDir: null,
      maxBytes: { image: 1 * MB, video: 2 * MB, audio: 1 * MB, document: 1 * MB },
      maxImagePixels: 100_000_000,
      imageWidths: [320, 640],
      renditionsAtUpload: true
    }
  },
  // the fault: a disk that fills up while an object is written (the real driver otherwise)
  wrapMediaStorage: (storage: MediaStorage): MediaStorage => ({
    ...storage,
    putFile: async (key, path, type) => {
      if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })
      await storage.putFile(key, path, type)
    }
  })
})

const filesUnder = (dir: string): string[] => existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []

/** Everything an upload could leave behind: rows, stored objects, temporaries. */
function traces (app: TestApp, sql: { prepare: (q: string) => { get: () => unknown } }) {
  const root = join(dirname(app.databasePath), 'media')
  return {
    media: sql.prepare('select count(*) as n from media').get(),
    files: sql.prepare('select count(*) as n from media_files').get(),
    uploads: sql.prepare('select count(*) as n from media_uploads').get(),
    objects: filesUnder(join(root, 'originals')).length + filesUnder(join(root, 'renditions')).length,
    temporaries: filesUnder(join(root, '.uploads'))
  }
}

const send = async (app: TestApp, auth: Record<string, string>, parts: Part[]) => {
  const body = multipart(parts)
  return await app.inject({ method: 'POST', url: '/v1/media', headers: { ...auth, ...body.headers }, payload: body.payload })
}

describe('uploads that are refused change nothing', () => {
  test('warm-up: the app is ready and a valid upload succeeds', async ({ app, keys }) => {
    const response = await send(app, keys.author.auth, [{ name: 'file', filename: 'ok.png', data: await png({ seed: 1 }) }])
    expect(response.statusCode).toBe(201)
  }, 90_000)

  const jpegBody = async (): Promise<Buffer> => await cameraJpeg({ width: 200, height: 100, seed: 9 })
  const cases: Array<{ name: string, status: number, parts: () => Promise<Part[]>, detail?: RegExp }> = [
    { name: 'no file', status: 400, parts: async () => [{ name: 'caption', value: 'Nothing attached' }], detail: /body\.file is required/ },
    { name: 'two files', status: 400, parts: async () => [{ name: 'file', filename: 'a.png', data: await png({ seed: 2 }) }, { name: 'file', filename: 'b.png', data: await png({ seed: 3 }) }], detail: /more than once/ },
    { name: 'an unknown field', status: 400, parts: async () => [{ name: 'slug', value: 'x' }, { name: 'file', filename: 'a.png', data: await png({ seed: 4 }) }], detail: /body\.slug is not a recognised field/ },
    { name: 'an unknown field after the file', status: 400, parts: async () => [{ name: 'file', filename: 'a.png', data: await png({ seed: 5 }) }, { name: 'owner', value: 'x' }] },
    { name: 'a file under another name', status: 400, parts: async () => [{ name: 'upload', filename: 'a.png', data: await png({ seed: 6 }) }] },
    { name: 'a filename with ../', status: 400, parts: async () => [{ name: 'file', filename: '../../etc/cron.d/x.png', data: await png({ seed: 7 }) }], detail: /path separator/ },
    { name: 'a filename with a backslash path', status: 400, parts: async () => [{ name: 'file', filename: '..\\..\\x.png', data: await png({ seed: 7 }) }] },
    { name: 'a filename with an RTL override', status: 400, parts: async () => [{ name: 'file', filename: 'invoice\u202Egnp.exe', data: await png({ seed: 8 }) }], detail: /bidirectional/ },
    { name: 'a dot file', status: 400, parts: async () => [{ name: 'file', filename: '.htaccess', data: await png({ seed: 8 }) }] },
    { name: 'a bad focal point', status: 400, parts: async () => [{ name: 'focalPoint', value: '1.5,0.2' }, { name: 'file', filename: 'a.png', data: await png({ seed: 10 }) }] },
    { name: 'SVG', status: 415, parts: async () => [{ name: 'file', filename: 'logo.svg', data: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }] },
    { name: 'HTML named .jpg', status: 415, parts: async () => [{ name: 'file', filename: 'photo.jpg', data: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), type: 'image/jpeg' }] },
    { name: 'an executable', status: 415, parts: async () => [{ name: 'file', filename: 'setup.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(4000)]) }] },
    { name: 'a zip archive (zip bombs included)', status: 415, parts: async () => [{ name: 'file', filename: 'photos.zip', data: zipArchive() }] },
    { name: 'a GIF that is also a script (polyglot)', status: 415, parts: async () => [{ name: 'file', filename: 'x.gif', data: Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), Buffer.from('<script>alert(1)</script>')]) }], detail: /markup/ },
    { name: 'a JPEG with a ZIP appended (polyglot)', status: 415, parts: async () => [{ name: 'file', filename: 'x.jpg', data: Buffer.concat([await jpegBody(), zipArchive()]) }], detail: /ZIP/ },
    { name: 'a PNG named .pdf', status: 422, parts: async () => [{ name: 'file', filename: 'report.pdf', data: await png({ seed: 11 }) }], detail: /name ends in \.pdf/ },
    { name: 'a PNG sent as application/pdf', status: 422, parts: async () => [{ name: 'file', filename: 'report', data: await png({ seed: 12 }), type: 'application/pdf' }], detail: /sent as application\/pdf/ },
    { name: 'a truncated JPEG', status: 422, parts: async () => { const data = await jpegBody(); return [{ name: 'file', filename: 'cut.jpg', data: data.subarray(0, Math.floor(data.length * 0.6)) }] }, detail: /truncated or damaged/ },
    { name: 'a truncated PDF', status: 422, parts: async () => [{ name: 'file', filename: 'cut.pdf', data: (await pdf(2)).subarray(0, 400) }] },
    { name: 'a 60,000 × 60,000 image', status: 422, parts: async () => [{ name: 'file', filename: 'bomb.png', data: hugePngHeader(60_000, 60_000) }], detail: /too many pixels/ },
    { name: 'an empty file', status: 422, parts: async () => [{ name: 'file', filename: 'empty.jpg', data: Buffer.alloc(0) }] },
    { name: 'an image over its kind\'s limit', status: 413, parts: async () => [{ name: 'file', filename: 'big.png', data: Buffer.concat([await png({ seed: 13 }), Buffer.alloc(1.5 * MB)]) }], detail: /image may have at most 1 MB/ },
    { name: 'a body over every limit (refused by Content-Length)', status: 413, parts: async () => [{ name: 'file', filename: 'big.mp4', data: Buffer.concat([mp4Header(), Buffer.alloc(2.2 * MB)]) }] }
  ]

  test.for(cases)('$name → $status', async ({ name: _name, status, parts, detail }, { app, keys, sql }) => {
    const before = traces(app, sql)
    const response = await send(app, keys.author.auth, await parts())
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toContain('application/problem+json')
    if (detail !== undefined) expect(response.json().detail).toMatch(detail)
    expect(traces(app, sql)).toEqual({ ...before, temporaries: [] })
  })

  test('a video within its own (larger) limit is accepted where an image of that size is not', async ({ app, keys }) => {
    const response = await send(app, keys.author.auth, [{ name: 'file', filename: 'clip.mp4', data: Buffer.concat([mp4Header(), Buffer.alloc(1.5 * MB)]) }])
    expect(response.statusCode).toBe(201)
    expect(response.json().data).toMatchObject({ kind: 'video', mimeType: 'video/mp4', file: { originalFilename: 'clip.mp4' } })
  })

  test('the public and preview keys may not upload, and nothing is read or kept', async ({ app, keys, sql }) => {
    const before = traces(app, sql)
    expect((await send(app, {}, [{ name: 'file', filename: 'a.png', data: await png({ seed: 20 }) }])).statusCode).toBe(401)
    expect((await send(app, keys.preview.auth, [{ name: 'file', filename: 'a.png', data: await png({ seed: 20 }) }])).statusCode).toBe(403)
    expect(traces(app, sql)).toEqual(before)
  })

  test('a full disk is a 507 and leaves nothing behind', async ({ app, keys, sql }) => {
    const before = traces(app, sql)
    failWrites = true
    try {
      for (const data of [await png({ seed: 30 }), await pdf(1, 'Full disk')]) {
        const response = await send(app, keys.editor.auth, [{ name: 'file', filename: 'x', data }])
        expect(response.statusCode).toBe(507)
        expect(response.json()).toMatchObject({ type: 'http://quire.test/problems/insufficient-storage', status: 507 })
        expect(response.body).not.toContain('ENOSPC')
      }
    } finally {
      failWrites = false
    }
    expect(traces(app, sql)).toEqual({ ...before, temporaries: [] })
  })

  test('an upload cut off mid-stream leaves nothing behind', async ({ app, keys, sql }) => {
    const before = traces(app, sql)
    const address = new URL(await app.listen({ port: 0, host: '127.0.0.1' }))
    const body = multipart([{ name: 'file', filename: 'cut.pdf', data: Buffer.concat([await pdf(1, 'Cut'), Buffer.alloc(400 * 1024)]) }])
    await new Promise<void>((resolve) => {
      const request = httpRequest({ host: address.hostname, port: address.port, method: 'POST', path: '/v1/media', headers: { ...keys.editor.auth, ...body.headers, 'content-length': String(body.payload.length) } })
      request.on('error', () => { resolve() })
      request.on('response', () => { resolve() })
      // half the body, then the connection drops
      request.write(body.payload.subarray(0, Math.floor(body.payload.length / 2)), () => { setTimeout(() => { request.destroy(); resolve() }, 50) })
    })
    await vi.waitFor(() => { expect(traces(app, sql)).toEqual({ ...before, temporaries: [] }) }, { timeout: 10_000, interval: 50 })
  })
})
