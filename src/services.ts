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
import { createVersionReader } from './editorial/versions.js'
import { createChangeHistoryService } from './modules/changes/service.js'
import { createIdempotencyStore } from './editorial/idempotency.js'
import { createRevisionStore } from './editorial/revisions.js'
import { createRichTextSanitizer } from './editorial/sanitize.js'
import { createSearchService } from './search/service.js'
import { createSyncService } from './sync/service.js'
import type { Clock } from './time.js'
import { createDeliveryStore } from './webhooks/delivery-store.js'
import { createEntityStateReader } from './webhooks/entity-states.js'
import { createWebhookOutbox } from './webhooks/outbox.js'
import { createWebhookService } from './webhooks/service.js'
import { createSecretBox } from './webhooks/secret-box.js'
import type { HostResolver } from './webhooks/url-guard.js'
import { createFrontendUrls } from './frontend-urls.js'
import { createCommentService, createDiscussionSettings } from './modules/comments/index.js'
import { createContactService } from './modules/contact/index.js'
import { createDiscussionEvents } from './webhooks/discussion-events.js'

export interface ServiceDeps {
  db: Db
  clock: Clock
  config: Config
  /** How webhook host names are resolved; the system resolver unless a test injects one. */
  resolveHost?: HostResolver
}

/** Every service is built once per app, statements prepared once, and shared by REST and GraphQL. */
export function createServices ({ db, clock, config, resolveHost }: ServiceDeps) {
  const codec = createCursorCodec(config.cursorSecret)
  const contentVersion = createContentVersion(db)
  // first: every module's commands record their writes in it
  const changeLog = createChangeLog(db)
  const changeHistory = createChangeHistoryService({ db, codec })
  const versions = createVersionReader(db)
  const editions = createEditionService({ db, clock, changeLog })
  const media = createMediaService({ db, clock, codec, changeLog })
  const categories = createCategoryService({ db, clock, codec, editions, changeLog })
  const authors = createAuthorService({ db, clock, codec, media, changeLog })
    // the write side: one change log, revision store and sanitizer shared by every module's commands
  const keys = createApiKeyService({ db, clock })
  const revisions = createRevisionStore(db)
  const sanitize = createRichTextSanitizer({ videoEmbedHosts: config.videoEmbedHosts })
  const idempotency = createIdempotencyStore({ db, clock })
  const tags = createTagService({ db, clock, codec, editions, changeLog })
  // comments: the edition defaults decide each article's comment status, which articles serve
  const discussion = createDiscussionSettings({ db, clock, editions })
  const articles = createArticleService({
    db, clock, codec, contentVersion, articleUrlTemplate: config.articleUrlTemplate, editions, categories, authors, tags, media,
    sanitize, changeLog, revisions, commentPolicy: discussion.policy
  })
  const comments = createCommentService({ db, clock, codec, config: config.discussion, secret: config.cursorSecret, changeLog, articles, editions, settings: discussion })
  const contact = createContactService({ db, clock, codec, config: config.discussion, changeLog, editions, settings: discussion, tokens: comments.tokens })
  const galleries = createGalleryService({ db, clock, codec, editions, media, changeLog })
  const pages = createPageService({ db, clock, codec, editions, sanitize, changeLog, revisions })
  const menus = createMenuService({ db, clock, editions, categories, pages, articles, changeLog })
  const settings = createSettingsService({ db, clock, editions, changeLog })
  const search = createSearchService({ db, clock, codec, contentVersion, editions, categories, tags, authors, articles })
  const sync = createSyncService({ db, clock, secret: config.cursorSecret, editions, articles, pages, categories, tags, authors, media, changeLog, revisions })
  // webhooks: the outbox observes every change the write side records, inside the write's transaction
  const webhookOutbox = createWebhookOutbox({
    db, clock, readState: createEntityStateReader({ articles, pages, categories, media, editions, urls: createFrontendUrls(config) }),
    discussionEvents: createDiscussionEvents({ contactMessage: contact.forWebhook })
  })
  changeLog.observe(webhookOutbox.recordChange)
  const webhookSecrets = createSecretBox(config.webhooks.secretKey)
  const webhooks = createWebhookService({
    db, clock, codec, outbox: webhookOutbox, urlPolicy: { allowPrivate: config.webhooks.allowPrivateUrls, requireHttps: config.env === 'production' },
    secrets: webhookSecrets, sealPlaintext: !config.webhooks.secretKeyIsEphemeral,
    ...(resolveHost !== undefined ? { resolveHost } : {})
  })
  const webhookDeliveries = createDeliveryStore(db, webhookSecrets)
  return { comments, contact, webhooks, webhookOutbox, webhookDeliveries, contentVersion, editions, media, categories, authors, tags, articles, galleries, pages, menus, settings, keys, changeLog, changeHistory, versions, idempotency, search, sync }
}

export type Services = ReturnType<typeof createServices>
