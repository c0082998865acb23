import exifr from 'exifr'
import sharp from 'sharp'
import { describe, expect } from 'vitest'
import type { MediaStorage } from '../../src/storage/media-storage.js'
import type { test as baseTest, TestApp } from '../helpers/app.js'
import { cameraJpeg, pdf, sha256 } from './fixtures.js'
import { multipart } from './multipart.js'

type Test = typeof baseTest

interface Uploaded { status: number, body: { data: { id: number, url: string, width: number, height: number, kind: string, mimeType: string, renditions: Array<{ name: string, url: string, width: number }>, srcset: string, file: Record<string, unknown> & { sha256: string, url: string, downloadUrl: string, sources: Array<{ type: string, srcset: string }> } }, meta?: { deduplicated: boolean } } }

const path = (url: string): string => new URL(url).pathname + new URL(url).search

/**
 * What every storage driver must do, run once per driver (local-storage.test.ts, s3-storage.test.ts):
 * store, dedupe, clean images, make renditions, serve ranges over real HTTP, and delete.
 */
export function storageSuite (test: Test, storage: () => MediaStorage): void {
  const upload = async (app: TestApp, auth: Record<string, string>, data: Buffer, filename: string, fields: Record<string, string> = {}): Promise<Uploaded> => {
    const body = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', filename, data }])
    const response = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...auth, ...body.headers }, payload: body.payload })
    if (response.statusCode >= 400 && process.env.DEBUG_MEDIA !== undefined) console.log(response.body)
    return { status: response.statusCode, body: response.json() }
  }

  describe(`uploads through the ${storage.name} driver`, () => {
    test('a phone photo is stored upright, without EXIF or GPS, and its renditions too', async ({ app, keys, sql }) => {
      const photo = await cameraJpeg({ seed: 1 })
      expect((await exifr.parse(photo, { gps: true }))?.latitude).toBeCloseTo(41.33, 1)
      const { status, body } = await upload(app, keys.author.auth, photo, 'Tirana protest.jpg', { altText: 'Crowd on the square', focalPoint: '0.25,0.75' })
      expect(status).toBe(201)
      expect(body.meta).toEqual({ deduplicated: false })
      const item = body.data
      // orientation 6 applied: the 1000×600 sensor image is 600 wide and 1000 high
      expect(item).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', width: 600, height: 1000 })
      expect(item.file).toMatchObject({ sha256: sha256(photo), originalFilename: 'Tirana protest.jpg', focalPoint: { x: 0.25, y: 0.75 } })
      expect(item.file.placeholder).toMatch(/^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{6,}$/)
      expect(item.file.dominantColor).toMatch(/^#[0-9a-f]{6}$/)
      expect(item.url).toBe(item.file.url)

      const stored = await app.inject({ url: path(item.file.url) })
      expect(stored.statusCode).toBe(200)
      expect(stored.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(stored.headers['content-disposition']).toBe('inline')
      const exif = await exifr.parse(stored.rawPayload, true).catch(() => undefined)
      expect(exif?.latitude).toBeUndefined()
      expect(exif?.Make).toBeUndefined()
      const storedMeta = await sharp(stored.rawPayload).metadata()
      expect([storedMeta.width, storedMeta.height, storedMeta.orientation, storedMeta.exif]).toEqual([600, 1000, undefined, undefined])

      // widths narrower than the image, and its own; never upscaled
      expect(item.renditions.filter((r) => r.name.endsWith('.webp')).map((r) => r.width)).toEqual([320, 600])
      // made before the upload answered: every rendition the item lists is stored, none more
      const made = sql.prepare('select variant from media_renditions where source_sha256 = ? order by variant').all(item.file.sha256) as Array<{ variant: string }>
      expect(made.map((r) => r.variant)).toEqual(item.renditions.map((r) => r.name).sort())
      const webp = item.renditions.find((r) => r.name === 'w320.webp')
      const rendition = await app.inject({ url: path(webp?.url ?? '') })
      expect(rendition.statusCode).toBe(200)
      expect(rendition.headers['content-type']).toBe('image/webp')
      expect(await sharp(rendition.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 320, height: 533 })
      expect((await exifr.parse(rendition.rawPayload, true).catch(() => undefined))?.latitude).toBeUndefined()
      // kept: the second request is served from storage with the same validator
      const again = await app.inject({ url: path(webp?.url ?? '') })
      expect(again.headers.etag).toBe(rendition.headers.etag)
      expect(again.rawPayload.equals(rendition.rawPayload)).toBe(true)
      expect((await app.inject({ url: path(webp?.url ?? '').replace('w320', 'w640') })).statusCode).toBe(404)

      // negotiated by Accept, with Vary
      const negotiated = path(webp?.url ?? '').replace('.webp', '')
      const avif = await app.inject({ url: negotiated, headers: { accept: 'image/avif,image/webp,*/*' } })
      expect(avif.headers['content-type']).toBe('image/avif')
      expect(avif.headers.vary).toContain('Accept')
      const plain = await app.inject({ url: negotiated, headers: { accept: 'image/*' } })
      expect(plain.headers['content-type']).toBe('image/jpeg')

      // a 16:9 crop around the focal point
      const crop = (item.file.crops as Array<{ ratio: string, url: string, width: number, height: number }>).find((c) => c.ratio === '16:9')
      expect(crop?.url).toContain('16x9-f250-750-w')
      const cropped = await app.inject({ url: path(crop?.url ?? '') })
      expect(cropped.statusCode).toBe(200)
      const meta = await sharp(cropped.rawPayload).metadata()
      expect(meta.width).toBe(crop?.width)
      expect(Math.abs((meta.width ?? 0) / (meta.height ?? 1) - 16 / 9)).toBeLessThan(0.02)
      // a focal point no item has is not a URL
      expect((await app.inject({ url: path(crop?.url ?? '').replace('f250-750', 'f251-750') })).statusCode).toBe(404)
    }, 90_000) // the file's first request also readies the whole app

    test('the same bytes are stored once, also when two uploads arrive together, and deleted with their last item', async ({ app, keys, sql }) => {
      const photo = await cameraJpeg({ seed: 2, width: 300, height: 200 })
      const sha = sha256(photo)
      const [first, second] = await Promise.all([upload(app, keys.editor.auth, photo, 'a.jpg'), upload(app, keys.author.auth, photo, 'b.jpg')])
      expect([first.status, second.status]).toEqual([201, 201])
      expect([first.body.meta?.deduplicated, second.body.meta?.deduplicated].sort()).toEqual([false, true])
      const third = await upload(app, keys.author.auth, photo, 'c.jpg')
      expect(third.body.meta).toEqual({ deduplicated: true })
      expect(sql.prepare('select refcount from media_files where sha256 = ?').get(sha)).toEqual({ refcount: 3 })
      const key = (sql.prepare('select storage_key as key from media_files where sha256 = ?').get(sha) as { key: string }).key
      expect(await storage().size(key)).toBeGreaterThan(0)
      // each item keeps its own name
      expect((await app.inject({ url: path(third.body.data.file.downloadUrl) })).headers['content-disposition']).toBe('attachment; filename="c.jpg"; filename*=UTF-8\'\'c.jpg')

      const rendition = await app.inject({ url: path(first.body.data.renditions[0]?.url ?? '') })
      expect(rendition.statusCode).toBe(200)
      const renditionKey = (sql.prepare('select storage_key as key from media_renditions where source_sha256 = ?').get(sha) as { key: string }).key

      for (const item of [first, second]) {
        expect((await app.inject({ method: 'DELETE', url: `/v1/media/${item.body.data.id}`, headers: keys.editor.auth })).statusCode).toBe(204)
      }
      expect(await storage().size(key)).toBeGreaterThan(0)
      expect((await app.inject({ url: path(third.body.data.file.url) })).statusCode).toBe(200)

      expect((await app.inject({ method: 'DELETE', url: `/v1/media/${third.body.data.id}`, headers: keys.editor.auth })).statusCode).toBe(204)
      expect(sql.prepare('select count(*) as n from media_files where sha256 = ?').get(sha)).toEqual({ n: 0 })
      expect(sql.prepare('select count(*) as n from media_renditions where source_sha256 = ?').get(sha)).toEqual({ n: 0 })
      expect(await storage().size(key)).toBeNull()
      expect(await storage().size(renditionKey)).toBeNull()
      expect((await app.inject({ url: path(third.body.data.file.url) })).statusCode).toBe(404)
    })

    test('an image wider than the widest configured width has renditions up to that width; the original stays whole', async ({ app, keys, sql }) => {
      const wide = await sharp({ create: { width: 3000, height: 60, channels: 3, background: '#336699' } }).png().toBuffer()
      const { status, body } = await upload(app, keys.editor.auth, wide, 'panorama.png')
      expect(status).toBe(201)
      expect(body.data.width).toBe(3000)
      expect(body.data.renditions.filter((r) => r.name.endsWith('.png')).map((r) => r.width)).toEqual([320, 640, 960, 1280, 1920, 2560])
      expect(body.data.file.sources[0]?.srcset).not.toContain('3000w')
      expect((await app.inject({ url: path(body.data.renditions[0]?.url ?? '').replace(/w320/, 'w3000') })).statusCode).toBe(404)
      expect(sql.prepare('select count(*) as n from media_renditions where source_sha256 = ?').get(body.data.file.sha256)).toEqual({ n: 18 })
      const original = await app.inject({ url: path(body.data.file.url) })
      expect((await sharp(original.rawPayload).metadata()).width).toBe(3000)
    })

    test('a PDF is served with byte ranges to a real HTTP client', async ({ app, keys }) => {
      const document = await pdf(3)
      const { status, body } = await upload(app, keys.author.auth, document, 'Buletini nr. 12 – دسامبر.pdf')
      expect(status).toBe(201)
      expect(body.data).toMatchObject({ kind: 'document', mimeType: 'application/pdf', file: { pageCount: 3, bytes: document.length } })
      const address = await app.listen({ port: 0, host: '127.0.0.1' })
      const url = `${address}${path(body.data.file.url)}`
      const size = document.length

      const whole = await fetch(url)
      expect(whole.status).toBe(200)
      expect(whole.headers.get('accept-ranges')).toBe('bytes')
      expect(whole.headers.get('content-length')).toBe(String(size))
      const etag = whole.headers.get('etag') ?? ''
      expect(etag).toBe(`"${sha256(document)}"`)
      expect(Buffer.from(await whole.arrayBuffer()).equals(document)).toBe(true)

      const first = await fetch(url, { headers: { range: 'bytes=0-99' } })
      expect(first.status).toBe(206)
      expect(first.headers.get('content-range')).toBe(`bytes 0-99/${size}`)
      expect(first.headers.get('content-length')).toBe('100')
      expect(Buffer.from(await first.arrayBuffer()).equals(document.subarray(0, 100))).toBe(true)

      const middle = await fetch(url, { headers: { range: 'bytes=500-1499' } })
      expect(middle.status).toBe(206)
      expect(Buffer.from(await middle.arrayBuffer()).equals(document.subarray(500, 1500))).toBe(true)

      const suffix = await fetch(url, { headers: { range: 'bytes=-200' } })
      expect(suffix.status).toBe(206)
      expect(suffix.headers.get('content-range')).toBe(`bytes ${size - 200}-${size - 1}/${size}`)
      expect(Buffer.from(await suffix.arrayBuffer()).equals(document.subarray(size - 200))).toBe(true)

      const beyond = await fetch(url, { headers: { range: `bytes=${size + 10}-` } })
      expect(beyond.status).toBe(416)
      expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`)
      expect(beyond.headers.get('content-type')).toContain('application/problem+json')

      const stale = await fetch(url, { headers: { range: 'bytes=0-99', 'if-range': '"0000"' } })
      expect(stale.status).toBe(200)
      expect(Buffer.from(await stale.arrayBuffer()).length).toBe(size)
      const fresh = await fetch(url, { headers: { range: 'bytes=0-99', 'if-range': etag } })
      expect(fresh.status).toBe(206)
      await fresh.arrayBuffer()

      const notModified = await fetch(url, { headers: { 'if-none-match': etag } })
      expect(notModified.status).toBe(304)

      const download = await fetch(`${address}${path(body.data.file.downloadUrl)}`)
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Buletini nr. 12 .pdf"; filename*=UTF-8''${encodeURIComponent('Buletini nr. 12 – دسامبر.pdf')}`)
      await download.arrayBuffer()
      // a name the file was never uploaded under is not a URL of it
      expect((await fetch(url.replace('Buletini', 'Other'))).status).toBe(404)
    })
  })
}
