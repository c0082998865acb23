import { createReadStream } from 'node:fs'
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { assertKey, StoredObjectMissing, type ByteRange, type MediaStorage } from './media-storage.js'

const isMissing = (error: unknown): boolean => (error as { code?: unknown }).code === 'ENOENT'

/**
 * Files under `root`. Every write lands in a temporary file first and is renamed into place, so a
 * reader never sees half an object and a crash leaves at most a temporary behind (in tmpDir, which
 * is on the same file system so the rename is atomic).
 */
export function createLocalStorage ({ root, tmpDir }: { root: string, tmpDir?: string }): MediaStorage {
  const temporaries = tmpDir ?? join(root, '.uploads')
  const pathOf = (key: string): string => {
    assertKey(key)
    return join(root, key)
  }
  const moveInto = async (from: string, key: string): Promise<void> => {
    const target = pathOf(key)
    await mkdir(dirname(target), { recursive: true })
    try {
      await rename(from, target)
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EXDEV') throw error
      // a temp folder on another file system: copy beside the target, then rename there
      const beside = `${target}.${randomUUID()}.part`
      try {
        await copyFile(from, beside)
        await rename(beside, target)
      } finally {
        await rm(beside, { force: true })
        await rm(from, { force: true })
      }
    }
  }

  return {
    driver: 'local',
    tmpDir: temporaries,
    putFile: async (key, sourcePath) => { await moveInto(sourcePath, key) },
    async putBuffer (key, body) {
      await mkdir(temporaries, { recursive: true })
      const temporary = join(temporaries, `${randomUUID()}.part`)
      try {
        await writeFile(temporary, body)
        await moveInto(temporary, key)
      } finally {
        await rm(temporary, { force: true })
      }
    },
    async read (key, range?: ByteRange): Promise<Readable> {
      const path = pathOf(key)
      // opened before the stream is handed out, so a missing file is an error here, not mid-response
      try {
        await stat(path)
      } catch (error) {
        if (isMissing(error)) throw new StoredObjectMissing(`no stored object ${key}`)
        throw error
      }
      return createReadStream(path, range === undefined ? {} : { start: range.start, end: range.end })
    },
    async size (key) {
      try {
        return (await stat(pathOf(key))).size
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
    },
    remove: async (key) => { await rm(pathOf(key), { force: true }) }
  }
}
