import { dirname, join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import type { MediaConfig } from '../config.js'
import { createLocalStorage } from './local-storage.js'
import type { MediaStorage } from './media-storage.js'
import { createS3Storage } from './s3-storage.js'

/**
 * The configured driver. The local default is a media/ folder beside the database, so a fresh
 * `npm start` stores uploads without any setting (an in-memory database gets a temp folder).
 */
export function createMediaStorage (config: MediaConfig, databasePath: string): MediaStorage {
  const { storage } = config
  if (storage.driver === 's3') {
    return createS3Storage({ ...storage, ...(config.tmpDir !== null ? { tmpDir: config.tmpDir } : {}) })
  }
  const root = storage.dir ?? (databasePath === ':memory:' ? join(tmpdir(), 'quire-media') : join(dirname(resolve(databasePath)), 'media'))
  return createLocalStorage({ root, ...(config.tmpDir !== null ? { tmpDir: config.tmpDir } : {}) })
}
