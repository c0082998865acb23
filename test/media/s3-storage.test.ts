import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import { afterAll } from 'vitest'
import type { MediaStorage } from '../../src/storage/media-storage.js'
import { test } from '../helpers/app.js'
import { storageSuite } from './storage-suite.js'

// a real S3-compatible server on loopback (s3rver speaks the S3 REST protocol, signatures included)
const directory = mkdtempSync(join(tmpdir(), 'quire-s3rver-'))
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'quire-media', configs: [] }] })
const { port } = await server.run()
afterAll(async () => {
  await server.close()
  rmSync(directory, { recursive: true, force: true })
})

let captured: MediaStorage | null = null
test.override('appOptions', {
  config: {
    media: {
      storage: { driver: 's3', endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'quire-media', prefix: 'site-a/', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true },
      tmpDir: null,
      maxBytes: { image: 25 * 1024 * 1024, video: 50 * 1024 * 1024, audio: 20 * 1024 * 1024, document: 20 * 1024 * 1024 },
      maxImagePixels: 100_000_000,
      imageWidths: [320, 640, 960, 1280, 1920, 2560],
      renditionsAtUpload: true
    }
  },
  wrapMediaStorage: (storage) => { captured = storage; return storage }
})

storageSuite(test, function s3 () {
  if (captured === null) throw new Error('the app has not been built')
  return captured
})
