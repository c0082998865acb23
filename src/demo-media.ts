import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { FastifyBaseLogger } from 'fastify'
import { DomainError } from './errors.js'
import { loadSharp, type Media } from './modules/media/index.js'
import type { Services } from './services.js'

const MAX_WIDTH = 1600

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A picture of the item's shape: a two-colour gradient with its alt text, small enough to ship in a demo. */
async function demoImage (item: Media, seed: number): Promise<Buffer> {
  const width = Math.min(MAX_WIDTH, item.width ?? 1200)
  const height = Math.round(width * ((item.height ?? 800) / (item.width ?? 1200)))
  const hue = (seed * 47) % 360
  const label = escapeXml((item.altText ?? item.title ?? 'Quire demo').slice(0, 60))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,38%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},50%,62%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <text x="50%" y="50%" text-anchor="middle" font-family="sans-serif" font-size="${Math.round(width / 28)}" fill="white">${label}</text></svg>`
  const sharp = await loadSharp()
  return await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
}

/** A short PDF naming the publication (the standard fonts cover Latin script only: the file's name, not its title). */
async function demoPdf (name: string): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (const line of [name.replace(/-/g, ' '), 'A Quire demo publication']) {
    pdf.addPage([595, 842]).drawText(line, { x: 60, y: 760, size: 22, font })
  }
  return Buffer.from(await pdf.save())
}

/**
 * The demo start-up's media: every item described by a URL — the seed's point at a made-up CDN,
 * and the WordPress fixture's scan whose file is missing on purpose — gets a real, small file through the media library (images and PDFs generated here; the video and audio clips
 * shipped in fixtures/demo-media), so the demo's media URLs answer. Items keep their ids, texts
 * and uses. Only for the demo database `npm start` creates; the test template keeps the URLs.
 */
export async function attachDemoMediaFiles ({ services, clips, log }: { services: Services, clips: string, log: FastifyBaseLogger }): Promise<void> {
  const actor = services.keys.systemActor('demo media (start-up)', 'editor')
  let attached = 0
  for (let cursor: string | undefined, page = 0; page < 20; page++) {
    const list = services.media.list({ limit: 100, ...(cursor !== undefined ? { cursor } : {}) })
    for (const item of list.items) {
      if (item.file !== null) continue
      const name = item.url.slice(item.url.lastIndexOf('/') + 1)
      let bytes: Buffer
      if (item.kind === 'image') bytes = await demoImage(item, item.id)
      else if (item.kind === 'document') bytes = await demoPdf(name.replace(/\.pdf$/, ''))
      else bytes = await readFile(join(clips, item.kind === 'video' ? 'clip.mp4' : 'clip.mp3'))
      const filename = item.kind === 'image' ? name.replace(/\.[a-z]+$/, '.jpg') : name
      const received = await services.media.files.receive(Readable.from([bytes]))
      try {
        await services.media.files.attachFile(item.id, received, filename, { actor })
        attached++
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
        log.warn({ media: item.id, problem: error.message }, 'a demo media file was refused')
      } finally {
        await received.discard()
      }
    }
    if (list.nextCursor == null) break
    cursor = list.nextCursor
  }
  log.info({ attached }, 'demo media given real files')
}
