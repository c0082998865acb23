import { createApiKeyService } from './auth/keys.js'
import type { Config } from './config.js'
import type { Db } from './db/connection.js'
import { createContentVersion } from './db/content-version.js'
import { createChangeLog } from './editorial/changes.js'
import { createIdempotencyStore } from './editorial/idempotency.js'
import { createRevisionStore } from './editorial/revisions.js'
import { createRichTextSanitizer } from './editorial/sanitize.js'
import { createVersionReader } from './editorial/versions.js'
import { createFeedService } from './feeds/service.js'
import { createFrontendUrls } from './frontend-urls.js'
import { createArticleService } from './modules/articles/index.js'
import { createAuthorService } from './modules/authors/index.js'
import { createCategoryService } from './modules/categories/index.js'
import { createChangeHistoryService } from './modules/changes/index.js'
import { createEditionService } from './modules/editions/index.js'
import { createGalleryService } from './modules/galleries/index.js'
import { createMediaService } from './modules/media/index.js'
import { createMenuLinkRemoval, createMenuService } from './modules/menus/index.js'
import { createPageService } from './modules/pages/index.js'
import { createSettingsLifecycle, createSettingsService } from './modules/settings/index.js'
import { createTagService } from './modules/tags/index.js'
import { createRedirectService } from './modules/redirects/index.js'
import { createCursorCodec } from './pagination/cursor.js'
import { createSearchService } from './search/service.js'
import { createSearchShaper } from './search/shape.js'
import { createSitemapService } from './sitemaps/service.js'
import { createSyncService } from './sync/service.js'
import { createMediaStorage } from './storage/create-storage.js'
import type { MediaStorage } from './storage/media-storage.js'
import type { Clock } from './time.js'
import { createDeliveryStore } from './webhooks/delivery-store.js'
import { createEntityStateReader } from './webhooks/entity-states.js'
import { createKeyVersions } from './db/key-versions.js'
import { createFreshness } from './invalidation/freshness.js'
import { createInvalidationObserver } from './invalidation/public-keys.js'
import { createWebhookOutbox } from './webhooks/outbox.js'
import { createWebhookService } from './webhooks/service.js'
import { createSecretBox } from './webhooks/secret-box.js'
import type { HostResolver } from './webhooks/url-guard.js'
import { createCommentService, createDiscussionSettings } from './modules/comments/index.js'
import { createContactService } from './modules/contact/index.js'
import { createDiscussionEvents } from './webhooks/discussion-events.js'
import { createPurgeOutbox, type PurgeSubjectReader } from './purges/outbox.js'
import { createPurgeStore } from './purges/store.js'
import { createWordPressReads } from './wordpress/service.js'

export interface ServiceDeps {
  db: Db
  clock: Clock
  config: Config
  /** Where uploaded media files live; the configured driver unless the app wraps it (tests: a failing one). */
  mediaStorage?: MediaStorage
  /** How webhook host names are resolved; the system resolver unless a test injects one. */
  resolveHost?: HostResolver
}

/**
 * Every service, built once per app with its dependencies passed in (statements prepared once),
 * shared by REST, GraphQL, feeds and sitemaps. Nothing builds a service anywhere else: a service
 * that made its own change log would write changes no webhook or sync client ever sees.
 */
export function createServices ({ db, clock, config, mediaStorage = createMediaStorage(config.media, config.databasePath), resolveHost }: ServiceDeps) {
  const codec = createCursorCodec(config.cursorSecret)
  const contentVersion = createContentVersion(db)
  const urls = createFrontendUrls(config)

  // the write side: one change log (first: every module's commands record their writes in it),
  // revision store, sanitizer and idempotency store shared by every module's commands
  const changeLog = createChangeLog(db)
  const revisions = createRevisionStore(db)
  const sanitize = createRichTextSanitizer({ videoEmbedHosts: config.videoEmbedHosts })
  const idempotency = createIdempotencyStore({ db, clock })
  const versions = createVersionReader(db)
  const changeHistory = createChangeHistoryService({ db, codec })
  // menu items linking to a deleted category, edition, article, page, gallery, tag or author leave their menus; menus
  // sit above those modules, so the removal is handed to them rather than imported
  const menuLinks = createMenuLinkRemoval({ db, changeLog })
  const keys = createApiKeyService({ db, clock, changeLog })

  // the modules, each after the ones it reads
  const editions = createEditionService({
    db,
    clock,
    changeLog,
    homeUrl: urls.edition,
    neighbours: {
      // asked only when an edition is deleted, when every service below exists
      holders: () => [
        { one: 'article', many: 'articles', countByEdition: articles.countByEdition },
        { one: 'page', many: 'pages', countByEdition: pages.countByEdition },
        { one: 'category', many: 'categories', countByEdition: categories.countByEdition },
        { one: 'tag', many: 'tags', countByEdition: tags.countByEdition },
        { one: 'gallery', many: 'galleries', countByEdition: galleries.countByEdition },
        { one: 'menu', many: 'menus', countByEdition: menus.countByEdition },
        { one: 'media item with text', many: 'media items with text', countByEdition: media.countTextsByEdition }
      ],
      settings: createSettingsLifecycle({ db, changeLog }),
      menuLinks
    }
  })
  // deleting a category asks articles, which are built on categories, whether any are filed under it
  const categories = createCategoryService({ db, clock, codec, editions, urls, changeLog, menuLinks, categorized: () => articles })
  // deleting a tag detaches it from articles, which are built on tags: asked for at delete time
  const tags = createTagService({ db, clock, codec, editions, urls, changeLog, tagged: () => articles, menuLinks })
  // deleting a media item or an author asks the modules built on them whether they still use it
  const media = createMediaService({
    db,
    clock,
    codec,
    changeLog,
    storage: mediaStorage,
    config: config.media,
    baseUrl: config.publicBaseUrl,
    editions,
    references: () => [
      { one: 'article', many: 'articles', role: ' (featured image)', referencesTo: articles.referencesToMedia },
      { one: 'author', many: 'authors', role: ' (avatar)', referencesTo: authors.referencesToMedia },
      { one: 'gallery', many: 'galleries', role: '', referencesTo: galleries.referencesToMedia },
      { one: 'article', many: 'articles', role: ' (attachment)', referencesTo: articles.attachingMedia },
      { one: 'page', many: 'pages', role: ' (attachment)', referencesTo: pages.attachingMedia },
      { one: 'edition', many: 'editions', role: ' (logo or favicon)', referencesTo: settings.referencesToMedia }
    ]
  })
  const authors = createAuthorService({ db, clock, codec, media, editions, urls, changeLog, bylined: () => articles, menuLinks })
  const galleries = createGalleryService({ db, clock, codec, editions, urls, media, changeLog, menuLinks })
  // comments: the edition defaults decide each article's comment status, which articles serve
  const discussion = createDiscussionSettings({ db, clock, editions, changeLog })
  const settings = createSettingsService({ db, clock, editions, changeLog, media })
  const articles = createArticleService({
    db, clock, codec, contentVersion, urls, shareNetworksOf: settings.shareNetworksOf, editions, categories, authors, tags, media,
    sanitize, changeLog, revisions, menuLinks, commentPolicy: discussion.policy,
    // search is built on articles; asked for at read time
    similarArticleIds: (article, excludeIds, limit) => search.similarArticleIds(article, excludeIds, limit)
  })
  const comments = createCommentService({ db, clock, codec, config: config.discussion, secret: config.cursorSecret, changeLog, articles, editions, settings: discussion })
  const contact = createContactService({ db, clock, codec, config: config.discussion, changeLog, editions, settings: discussion, tokens: comments.tokens })
  /** Both retentions at once, for the app's timer and `quire comments purge`. */
  const purgeDiscussion = () => {
    const contactPurge = contact.purge()
    return { contactMessages: contactPurge.messages, addressHashes: contactPurge.addresses + comments.purgeExpiredAddresses() }
  }
  const pages = createPageService({ db, clock, codec, editions, urls, sanitize, changeLog, revisions, menuLinks, media })
  const menus = createMenuService({ db, clock, editions, categories, pages, articles, galleries, tags, authors, changeLog, urls })
  const redirects = createRedirectService({ db, clock, articles, pages, categories, urls })

  // capabilities that read across modules
  const search = createSearchService({ db, clock, codec, contentVersion, editions, categories, tags, authors, articles, pages })
  const searchShaper = createSearchShaper({ editions, urlFor: articles.urlFor, pageUrlFor: urls.page })
  const sync = createSyncService({ db, clock, secret: config.cursorSecret, editions, articles, pages, categories, tags, authors, media, changeLog, revisions })
  const feeds = createFeedService({ articles, editions, categories, tags, authors, settings, urls })
  const sitemaps = createSitemapService({ articles, categories, pages, media, editions, settings, contentVersion, clock, urls })
  // the WordPress-compatible read API (a migration bridge): WordPress's shapes over these same services
  const wordpress = createWordPressReads({ articles, pages, categories, tags, authors, media, comments, editions, settings, search, urls }, `${config.publicBaseUrl}/wp-json`)

  // invalidation and webhooks observe every change the write side records, inside the write's transaction
  const readState = createEntityStateReader({ articles, pages, categories, media, editions, urls })
  const keyVersions = createKeyVersions(db)
  changeLog.observe(createInvalidationObserver({
    keyVersions,
    readState,
    editionCodes: () => editions.list().map((edition) => edition.code),
    editionCode: (id) => editions.list().find((edition) => edition.id === id)?.code ?? null
  }))
  const freshness = createFreshness({ keyVersions, contentVersion, now: () => clock().getTime() })
  const webhookOutbox = createWebhookOutbox({
    db, clock, readState,
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

  // cache purges: the same outbox pattern, observing the same change log in the write's transaction
  const describePurge: PurgeSubjectReader = (change) => {
    const snapshotEdition = typeof change.summary.edition === 'string' ? change.summary.edition : typeof change.summary.code === 'string' ? change.summary.code : null
    switch (change.entityType) {
      case 'article': case 'page': case 'category': {
        const state = readState(change.entityType, change.entityId, change.summary)
        return { edition: state?.edition ?? snapshotEdition, state }
      }
      case 'edition': case 'settings': {
        const edition = editions.list().find((candidate) => candidate.id === change.entityId)
        return { edition: edition?.code ?? snapshotEdition, state: null }
      }
      default: return { edition: snapshotEdition, state: null }
    }
  }
  const purgeOutbox = createPurgeOutbox({
    db, clock, targets: config.purges.targets.map((target) => target.name), describe: describePurge,
    editionCodes: () => editions.list().map((edition) => edition.code)
  })
  changeLog.observe(purgeOutbox.recordChange)
  const purgeStore = createPurgeStore(db)

  return {
    contentVersion, freshness, changeLog, changeHistory, versions, idempotency, keys,
    editions, categories, tags, media, authors, galleries, articles, pages, menus, settings, redirects, comments, contact, purgeDiscussion,
    search, searchShaper, sync, feeds, sitemaps, wordpress, webhooks, webhookOutbox, webhookDeliveries, purgeOutbox, purgeStore
  }
}

export type Services = ReturnType<typeof createServices>

// Resolvers and loaders reach these same services through the GraphQL context (graphql/context.ts
// declares the slot; filling it here keeps that file, which generated code imports, free of modules).
declare module './graphql/context.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the context's services are these
  interface ContextServices extends Services {}
}
