/*
 * Media files at speed, with the production server (`node dist/server.js`) and, side by side in the
 * same session, `@fastify/static` serving the very files Quire stored, from the same disk:
 *   1. uploads: distinct ~10 MB JPEGs over HTTP multipart (median time to 201: the bytes hashed,
 *      typed, cleaned of EXIF, stored, and every srcset rendition made and stored — docs/media.md),
 *      then the first request of each rendition of one of them and of its crops (made on request);
 *   2. serving: a kept rendition, and a 1 MB range of a stored original, each against
 *      @fastify/static with the same request (autocannon; medians of the runs; ratio Quire/static);
 *   3. a 1 GB video upload while the server's RSS is sampled (flat memory: streamed, never buffered).
 *
 *   npm run bench:media [-- --runs 3 --duration 10 --connections 50 --uploads 5 --video-mb 1024]
 */
import { openAsBlob } from 'node:fs'
import { mkdir, mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/database.js'
import { createServices } from '../src/services.js'
import { measure, type RunMeasurement } from './load.js'
import { freePort, residentMegabytes, startServer, type ServerProcess } from './processes.js'
import { median } from './report.js'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    uploads: { type: 'string', default: '5' },
    'video-mb': { type: 'string', default: '1024' }
  }
})
const runs = Number(flags.runs)
const settings = { connections: Number(flags.connections), durationSeconds: Number(flags.duration), warmupSeconds: Number(flags.warmup) }
const root = new URL('..', import.meta.url).pathname
const log = (line: string): void => { process.stderr.write(`${line}\n`) }

/**
 * A photo-like JPEG of about 10 MB, as a 24-megapixel camera writes one: smooth shapes (a blurred,
 * enlarged field) under film grain. Pure noise would be every encoder's worst case — AVIF takes
 * seconds per width on it — and no photograph looks like that. Each seed differs.
 */
async function tenMegabyteJpeg (seed: number): Promise<Buffer> {
  const [width, height] = [6000, 4000]
  const field = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 110 + seed, sigma: 60 } } }).blur(2).png().toBuffer()
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 18 } } }).png().toBuffer()
  return await sharp(field).resize(width, height, { kernel: 'cubic' }).composite([{ input: grain, blend: 'overlay' }]).jpeg({ quality: 90 }).toBuffer()
}

/** An MP4 the type sniffing accepts (an `ftyp` box, then one `mdat` box over the rest): sparse on disk, so writing it costs nothing. */
async function sparseMp4 (path: string, bytes: number): Promise<void> {
  const header = Buffer.alloc(40)
  header.writeUInt32BE(24, 0); header.write('ftypisom', 4, 'latin1'); header.writeUInt32BE(0x200, 12); header.write('isommp41', 16, 'latin1')
  header.writeUInt32BE(1, 24); header.write('mdat', 28, 'latin1'); header.writeBigUInt64BE(BigInt(bytes - 24), 32)
  const file = await open(path, 'w')
  try {
    await file.write(header, 0, header.length, 0)
    await file.truncate(bytes)
  } finally {
    await file.close()
  }
}

async function upload (baseUrl: string, token: string, file: Blob, name: string): Promise<{ ms: number, body: any }> {
  const form = new FormData()
  form.append('file', file, name)
  const started = performance.now()
  const response = await fetch(`${baseUrl}/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  const body = await response.json() as any
  const ms = performance.now() - started
  if (response.status !== 201) throw new Error(`upload of ${name} answered ${response.status}: ${JSON.stringify(body)}`)
  return { ms, body }
}

async function filesUnder (dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

interface Pair { name: string, quire: RunMeasurement[], staticServer: RunMeasurement[] }

async function main (): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'quire-bench-media-'))
  const servers: ServerProcess[] = []
  try {
    const databasePath = join(dir, 'quire.db')
    const mediaDir = join(dir, 'media')
    await mkdir(mediaDir)
    const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATABASE_PATH: databasePath, MEDIA_DIR: mediaDir, SEED_DEMO: 'false', CURSOR_SECRET: 'bench-cursor-secret-that-is-long-enough-000', REQUEST_TIMEOUT_MS: '600000', RATE_LIMIT_ENABLED: 'false', LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0', LOAD_SHED_MAX_HEAP_MB: '0' }
    const db = openDatabase(databasePath)
    const token = createServices({ db, clock: () => new Date(), config: loadConfig(env) }).keys.create({ name: 'bench media', role: 'editor' }).token
    db.$client.close()

    const quirePort = await freePort('127.0.0.1')
    const quire = await startServer({ name: 'quire', command: process.execPath, args: ['--max-semi-space-size=8', 'dist/server.js'], cwd: root, env: { ...env, PORT: String(quirePort) }, host: '127.0.0.1', port: quirePort, readyPath: '/health/ready', readyTimeoutMs: 60_000 })
    servers.push(quire)
    const staticPort = await freePort('127.0.0.1')
    const staticServer = await startServer({ name: '@fastify/static', command: process.execPath, args: ['--import', 'tsx', 'bench/static-server.ts'], cwd: root, env: { ...process.env, PORT: String(staticPort), HOST: '127.0.0.1', STATIC_ROOT: mediaDir }, host: '127.0.0.1', port: staticPort, readyPath: '/health', readyTimeoutMs: 30_000 })
    servers.push(staticServer)
    log(`load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} CPUs; quire pid ${quire.pid}, static pid ${staticServer.pid}`)

    // 1. uploads
    const uploadTimes: number[] = []
    const sizes: number[] = []
    let photo: any = null
    for (let i = 0; i < Number(flags.uploads); i++) {
      const bytes = await tenMegabyteJpeg(i)
      sizes.push(bytes.length)
      const result = await upload(quire.baseUrl, token, new Blob([bytes], { type: 'image/jpeg' }), `photo-${i}.jpg`)
      uploadTimes.push(result.ms)
      photo ??= result.body.data
    }
    // every listed rendition was stored before the 201: each first request is served as stored
    const renditionTimes: number[] = []
    for (const rendition of photo.renditions as Array<{ url: string }>) {
      const started = performance.now()
      const response = await fetch(rendition.url)
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`${rendition.url} answered ${response.status}`)
      renditionTimes.push(performance.now() - started)
    }
    // crops are made on their first request
    const cropTimes: number[] = []
    for (const crop of photo.file.crops as Array<{ url: string }>) {
      const started = performance.now()
      const response = await fetch(crop.url)
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`${crop.url} answered ${response.status}`)
      cropTimes.push(performance.now() - started)
    }

    // 2. serving, side by side
    const sha: string = photo.file.sha256
    const stored = await filesUnder(mediaDir)
    const renditionFile = stored.find((path) => path.includes(sha) && path.endsWith('w640.webp'))
    const originalFile = stored.find((path) => path.endsWith(`originals/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`))
    if (renditionFile === undefined || originalFile === undefined) throw new Error('stored files not found under the media folder')
    const quirePath = (url: string): string => new URL(url).pathname
    const renditionUrl = (photo.renditions as Array<{ name: string, url: string }>).find((r) => r.name === 'w640.webp')?.url
    if (renditionUrl === undefined) throw new Error('no w640.webp rendition listed')
    const range = { range: 'bytes=1000000-1999999' }
    const scenarios = [
      { name: 'rendition w640.webp (whole file)', quire: [{ method: 'GET' as const, path: quirePath(renditionUrl) }], static: [{ method: 'GET' as const, path: `/${relative(mediaDir, renditionFile)}` }], status: 200 },
      { name: 'original, 1 MB range (206)', quire: [{ method: 'GET' as const, path: quirePath(photo.file.url), headers: range }], static: [{ method: 'GET' as const, path: `/${relative(mediaDir, originalFile)}`, headers: range }], status: 206 }
    ]
    const pairs: Pair[] = scenarios.map((s) => ({ name: s.name, quire: [], staticServer: [] }))
    for (let run = 0; run < runs; run++) {
      for (const [i, s] of scenarios.entries()) {
        pairs[i]!.staticServer.push(await measure(staticServer.baseUrl, s.static, s.status, settings))
        pairs[i]!.quire.push(await measure(quire.baseUrl, s.quire, s.status, settings))
        log(`run ${run + 1}/${runs} ${s.name}: quire ${pairs[i]!.quire.at(-1)!.reqPerSec.toFixed(0)} req/s, static ${pairs[i]!.staticServer.at(-1)!.reqPerSec.toFixed(0)} req/s`)
      }
    }

    // 3. a big video, streamed
    const videoBytes = Number(flags['video-mb']) * 1_048_576
    const videoPath = join(dir, 'big.mp4')
    await sparseMp4(videoPath, videoBytes)
    const rssBefore = await residentMegabytes(quire.pid) ?? 0
    let rssPeak = rssBefore
    const sampler = setInterval(() => { void residentMegabytes(quire.pid).then((mb) => { if (mb !== null && mb > rssPeak) rssPeak = mb }) }, 50)
    const video = await upload(quire.baseUrl, token, await openAsBlob(videoPath, { type: 'video/mp4' }), 'big.mp4')
    clearInterval(sampler)
    await rm(videoPath)

    const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1)
    const row = (p: Pair): string => {
      const q = median(p.quire.map((m) => m.reqPerSec))
      const s = median(p.staticServer.map((m) => m.reqPerSec))
      const bad = [...p.quire, ...p.staticServer].reduce((n, m) => n + m.errors + m.unexpected, 0)
      return `| ${p.name} | ${q.toFixed(0)} | ${median(p.quire.map((m) => m.latencyMs.p50))} / ${median(p.quire.map((m) => m.latencyMs.p99))} | ${s.toFixed(0)} | ${median(p.staticServer.map((m) => m.latencyMs.p50))} / ${median(p.staticServer.map((m) => m.latencyMs.p99))} | **${(q / s).toFixed(2)}×** | ${bad} |`
    }
    process.stdout.write([
      `uploads: ${uploadTimes.length} JPEGs of ${sizes.map(mb).join(', ')} MB; median ${median(uploadTimes).toFixed(0)} ms to 201 (all: ${uploadTimes.map((t) => t.toFixed(0)).join(', ')} ms)`,
      `its ${renditionTimes.length} renditions, stored before the 201: first request median ${median(renditionTimes).toFixed(0)} ms, slowest ${Math.max(...renditionTimes).toFixed(0)} ms`,
      `crops (made on first request): ${cropTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
      '',
      `serving (${runs} × ${settings.durationSeconds} s after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections; medians):`,
      '| scenario | Quire req/s | Quire p50 / p99 ms | @fastify/static req/s | static p50 / p99 ms | ratio | errors |',
      '|---|---|---|---|---|---|---|',
      ...pairs.map(row),
      '',
      `video upload: ${mb(videoBytes)} MB in ${(video.ms / 1000).toFixed(1)} s (${(videoBytes / 1_048_576 / (video.ms / 1000)).toFixed(0)} MB/s); server RSS ${rssBefore.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB during`,
      `load average after: ${loadavg()[0]?.toFixed(2)}`,
      ''
    ].join('\n'))
  } finally {
    await Promise.allSettled(servers.map(async (server) => await server.stop()))
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
