import type { Config } from './config.js'
import type { Db } from './db/connection.js'
import { createContentVersion } from './db/content-version.js'
import { createArticleService } from './modules/articles/service.js'
import { createAuthorService } from './modules/authors/service.js'
import { createCategoryService } from './modules/categories/service.js'
import { createEditionService } from './modules/editions/service.js'
import { createMediaService } from './modules/media/service.js'
import { createTagService } from './modules/tags/service.js'
import { createGalleryService } from './modules/galleries/service.js'
import { createMenuService } from './modules/menus/service.js'
import { createPageService } from './modules/pages/service.js'
import { createSettingsService } from './modules/settings/service.js'
import { createCursorCodec } from './pagination/cursor.js'
import { createApiKeyService } from './auth/keys.js'
import { createChangeLog } from './editorial/changes.js'
import { createIdempotencyStore } from './editorial/idempotency.js'
import { createRevisionStore } from './editorial/revisions.js'
import { createRichTextSanitizer } from './editorial/sanitize.js'
import { createSearchService } from './search/service.js'
import type { Clock } from './time.js'

export interface ServiceDeps { db: Db, clock: Clock, config: Config }

/** Every service is built once per app, statements prepared once, and shared by REST and GraphQL. */
export function createServices ({ db, clock, config }: ServiceDeps) {
  const codec = createCursorCodec(config.cursorSecret)
  const contentVersion = createContentVersion(db)
  const editions = createEditionService({ db })
  const media = createMediaService({ db, codec })
  const categories = createCategoryService({ db, codec, editions })
  const authors = createAuthorService({ db, codec, media })
    // the write side: one change log, revision store and sanitizer shared by every module's commands
  const keys = createApiKeyService({ db, clock })
  const changeLog = createChangeLog(db)
  const revisions = createRevisionStore(db)
  const sanitize = createRichTextSanitizer({ videoEmbedHosts: config.videoEmbedHosts })
  const idempotency = createIdempotencyStore({ db, clock })
  const tags = createTagService({ db, clock, codec, editions, changeLog })
  const articles = createArticleService({
    db, clock, codec, contentVersion, articleUrlTemplate: config.articleUrlTemplate, editions, categories, authors, tags, media,
    sanitize, changeLog, revisions
  })
  const galleries = createGalleryService({ db, codec, editions, media })
  const pages = createPageService({ db, clock, codec, editions, sanitize, changeLog, revisions })
  const menus = createMenuService({ db, editions, categories, pages, articles })
  const settings = createSettingsService({ db, editions })
  const search = createSearchService({ db, clock, codec, contentVersion, editions, categories, tags, authors, articles })
  return { contentVersion, editions, media, categories, authors, tags, articles, galleries, pages, menus, settings, keys, changeLog, idempotency, search }
}

export type Services = ReturnType<typeof createServices>
