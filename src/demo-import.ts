import { existsSync } from 'node:fs'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from './config.js'
import type { Db } from './db/connection.js'
import { createFrontendUrls } from './frontend-urls.js'
import { importWordPress } from './importers/wordpress/importer.js'
import type { Services } from './services.js'
import type { Clock } from './time.js'

/**
 * The demo start-up's second half: the publisher's WordPress site (fixtures/wordpress), imported
 * through `quire import wordpress`'s own code, so every fresh `npm start` exercises the import
 * path and the demo looks like the migrated site. A missing fixture (a trimmed image) is logged, not fatal.
 */
export async function importDemoSite ({ db, clock, config, services, file, uploads, log }: { db: Db, clock: Clock, config: Config, services: Services, file: string, uploads?: string, log: FastifyBaseLogger }): Promise<void> {
  if (!existsSync(file)) {
    log.warn({ file }, 'the demo WordPress export is missing: the demo has the synthetic content only')
    return
  }
  const actor = services.keys.systemActor('WordPress import (demo start-up)', 'admin')
  const report = await importWordPress({
    db, clock, embedHosts: config.videoEmbedHosts, actor, ...services, urls: createFrontendUrls(config)
  }, { file, ...(uploads !== undefined && existsSync(uploads) ? { uploads } : {}) })
  const c = report.counts
  log.info({ articles: c.article.imported, pages: c.page.imported, comments: c.comment.imported, media: c.media.imported, menus: c.menu.imported + c.menu.updated, warnings: report.warnings.length }, 'demo WordPress site imported')
}
