import { sql } from 'drizzle-orm'
import {
  sqliteTable, integer, real, text, index, uniqueIndex, check, primaryKey, type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core'

// Timestamps are stored as integer milliseconds since the epoch (UTC): compact in
// indexes, compared numerically, and converted to RFC 3339 strings only at the edge.
const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}

export const editions = sqliteTable('editions', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nativeName: text('native_name').notNull(),
  direction: text('direction', { enum: ['ltr', 'rtl'] }).notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull().default(0),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('editions_code_unique').on(t.code),
  // at most one default edition
  uniqueIndex('editions_single_default').on(t.isDefault).where(sql`${t.isDefault} = 1`),
  check('editions_direction_check', sql`${t.direction} in ('ltr', 'rtl')`),
  // BCP 47 shape: a 2–3 letter language, optional subtags (e.g. en, sq, pt-BR, zh-Hant)
  check('editions_code_check', sql`${t.code} glob '[a-z][a-z]*' and length(${t.code}) between 2 and 35`)
])

export const media = sqliteTable('media', {
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['image', 'video', 'audio', 'document'] }).notNull(),
  url: text('url').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes'),
  width: integer('width'),
  height: integer('height'),
  durationSeconds: integer('duration_seconds'),
  altText: text('alt_text'),
  caption: text('caption'),
  credit: text('credit'),
  // the default-language title; per-edition titles live in media_translations
  title: text('title'),
  // JSON array of { name, url, width, height, mimeType, bytes }: derived sizes are metadata, not rows
  renditions: text('renditions', { mode: 'json' }).$type<Rendition[]>().notNull().default(sql`'[]'`),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  check('media_kind_check', sql`${t.kind} in ('image', 'video', 'audio', 'document')`),
  check('media_bytes_check', sql`${t.bytes} is null or ${t.bytes} >= 0`),
  check('media_dimensions_check', sql`(${t.width} is null or ${t.width} > 0) and (${t.height} is null or ${t.height} > 0)`),
  check('media_duration_check', sql`${t.durationSeconds} is null or ${t.durationSeconds} >= 0`),
  check('media_renditions_check', sql`json_valid(${t.renditions}) and json_type(${t.renditions}) = 'array'`)
])

export interface Rendition {
  name: string
  url: string
  width: number | null
  height: number | null
  mimeType: string
  bytes: number | null
}

export const authors = sqliteTable('authors', {
  id: integer('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  bio: text('bio'),
  avatarMediaId: integer('avatar_media_id').references(() => media.id, { onDelete: 'set null' }),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('authors_slug_unique').on(t.slug),
  check('authors_slug_check', sql`length(${t.slug}) > 0`)
])

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  parentId: integer('parent_id').references((): AnySQLiteColumn => categories.id, { onDelete: 'restrict' }),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  position: integer('position').notNull().default(0),
  // categories that are the same concept in several editions share a group (one per edition)
  translationGroup: integer('translation_group'),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('categories_edition_slug_unique').on(t.editionId, t.slug),
  uniqueIndex('categories_translation_unique').on(t.translationGroup, t.editionId),
  index('categories_edition_parent_idx').on(t.editionId, t.parentId, t.position, t.id),
  check('categories_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  check('categories_slug_check', sql`length(${t.slug}) > 0`)
])

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('tags_edition_slug_unique').on(t.editionId, t.slug),
  check('tags_slug_check', sql`length(${t.slug}) > 0`)
])

export const contentStatuses = ['draft', 'scheduled', 'published', 'archived'] as const
export type ContentStatus = typeof contentStatuses[number]

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  excerpt: text('excerpt'),
  status: text('status', { enum: contentStatuses }).notNull().default('draft'),
  publishedAt: integer('published_at'),
  featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
  featuredMediaId: integer('featured_media_id').references(() => media.id, { onDelete: 'set null' }),
  seoTitle: text('seo_title'),
  seoDescription: text('seo_description'),
  sourceName: text('source_name'),
  sourceUrl: text('source_url'),
  sourcePublishedAt: integer('source_published_at'),
  // republished pieces: the original's byline and headline (page elements)
  sourceAuthor: text('source_author'),
  sourceTitle: text('source_title'),
  translationGroup: integer('translation_group'),
  // derived from body on every write
  wordCount: integer('word_count').notNull().default(0),
  readingTimeMinutes: integer('reading_time_minutes').notNull().default(0),
  // The instant from which the public may see the article: publishedAt for published and scheduled
  // articles, null otherwise. A scheduled article therefore turns visible at its publishedAt with no
  // job flipping its status, and every public list is one index range `visible_from <= now`.
  visibleFrom: integer('visible_from').generatedAlwaysAs(
    sql`case when status in ('published', 'scheduled') then published_at end`, { mode: 'virtual' }),
  ...timestamps,
  // last on purpose: a body longer than a page spills into overflow pages, and SQLite must walk
  // them to reach any column stored after it — list queries never read the body
  body: text('body').notNull().default(''),
  // Added by ALTER TABLE, so stored after the body: only writes and editorial reads select them.
  // Optimistic concurrency: incremented by every write, served as the ETag "v<version>".
  version: integer('version').notNull().default(1),
  // The API key that created the article (null for seeded content): what "own drafts" means for
  // the author role. No foreign key: keys are revoked, never deleted, and adding a reference here
  // would make drizzle-kit rebuild the table (and drop other migrations' triggers on it).
  createdByKeyId: integer('created_by_key_id'),
  // Readers' comments (src/modules/comments): null follows the edition's default. No check
  // constraint here: adding one makes drizzle-kit rebuild the table; the write schema allows only
  // 'open', 'closed' and 'hidden'.
  commentStatus: text('comment_status', { enum: ['open', 'closed', 'hidden'] }),
  // approved comments only, kept by the comment commands in the transaction of every comment write
  commentCount: integer('comment_count').notNull().default(0)
}, (t) => [
  uniqueIndex('articles_edition_slug_unique').on(t.editionId, t.slug),
  uniqueIndex('articles_translation_unique').on(t.translationGroup, t.editionId),
  // keyset lists: newest/oldest per edition, and across editions
  index('articles_edition_visible_idx').on(t.editionId, t.visibleFrom, t.id),
  index('articles_visible_idx').on(t.visibleFrom, t.id),
  index('articles_edition_updated_idx').on(t.editionId, t.updatedAt, t.id),
  index('articles_edition_title_idx').on(t.editionId, t.title, t.id),
  index('articles_edition_featured_idx').on(t.editionId, t.featured, t.visibleFrom, t.id),
  // search filters visibility and edition of every full-text match: this index answers that by id
  // without reading the wide article row (src/search/statements.ts names it with INDEXED BY)
  index('articles_search_filter_idx').on(t.id, t.editionId, t.visibleFrom),
  check('articles_status_check', sql`${t.status} in ('draft', 'scheduled', 'published', 'archived')`),
  check('articles_published_at_check', sql`${t.status} not in ('scheduled', 'published') or ${t.publishedAt} is not null`),
  check('articles_slug_check', sql`length(${t.slug}) > 0`),
  check('articles_counts_check', sql`${t.wordCount} >= 0 and ${t.readingTimeMinutes} >= 0`),
  check('articles_source_url_check', sql`${t.sourceUrl} is null or ${t.sourceUrl} like 'http%://%'`)
])

export const articleAuthors = sqliteTable('article_authors', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').notNull().references(() => authors.id, { onDelete: 'restrict' }),
  position: integer('position').notNull()
}, (t) => [
  primaryKey({ columns: [t.articleId, t.authorId] }),
  uniqueIndex('article_authors_position_unique').on(t.articleId, t.position),
  index('article_authors_author_idx').on(t.authorId, t.articleId)
])

export const articleCategories = sqliteTable('article_categories', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  categoryId: integer('category_id').notNull().references(() => categories.id, { onDelete: 'restrict' }),
  isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull()
}, (t) => [
  primaryKey({ columns: [t.articleId, t.categoryId] }),
  uniqueIndex('article_categories_one_primary').on(t.articleId).where(sql`${t.isPrimary} = 1`),
  index('article_categories_category_idx').on(t.categoryId, t.articleId)
])

export const articleTags = sqliteTable('article_tags', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull().references(() => tags.id, { onDelete: 'restrict' }),
  position: integer('position').notNull().default(0)
}, (t) => [
  primaryKey({ columns: [t.articleId, t.tagId] }),
  index('article_tags_tag_idx').on(t.tagId, t.articleId)
])

export const galleries = sqliteTable('galleries', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('galleries_edition_slug_unique').on(t.editionId, t.slug)
])

export const galleryItems = sqliteTable('gallery_items', {
  galleryId: integer('gallery_id').notNull().references(() => galleries.id, { onDelete: 'cascade' }),
  mediaId: integer('media_id').notNull().references(() => media.id, { onDelete: 'restrict' }),
  position: integer('position').notNull(),
  caption: text('caption')
}, (t) => [
  primaryKey({ columns: [t.galleryId, t.position] }),
  index('gallery_items_media_idx').on(t.mediaId)
])

export const pages = sqliteTable('pages', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: contentStatuses }).notNull().default('draft'),
  publishedAt: integer('published_at'),
  seoTitle: text('seo_title'),
  seoDescription: text('seo_description'),
  translationGroup: integer('translation_group'),
  visibleFrom: integer('visible_from').generatedAlwaysAs(
    sql`case when status in ('published', 'scheduled') then published_at end`, { mode: 'virtual' }),
  ...timestamps,
  body: text('body').notNull().default(''),
  // see articles.version and articles.createdByKeyId
  version: integer('version').notNull().default(1),
  createdByKeyId: integer('created_by_key_id')
}, (t) => [
  uniqueIndex('pages_edition_slug_unique').on(t.editionId, t.slug),
  uniqueIndex('pages_translation_unique').on(t.translationGroup, t.editionId),
  index('pages_edition_visible_idx').on(t.editionId, t.visibleFrom, t.id),
  check('pages_status_check', sql`${t.status} in ('draft', 'scheduled', 'published', 'archived')`),
  check('pages_published_at_check', sql`${t.status} not in ('scheduled', 'published') or ${t.publishedAt} is not null`)
])

export const menus = sqliteTable('menus', {
  id: integer('id').primaryKey(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  location: text('location').notNull(),
  name: text('name').notNull(),
  ...timestamps,
  // optimistic concurrency, as articles.version: the ETag "v<version>" that If-Match names
  version: integer('version').notNull().default(1)
}, (t) => [
  uniqueIndex('menus_edition_location_unique').on(t.editionId, t.location)
])

// `label`: a parent with no link of its own ("Editions", "Media"); `edition` links to an edition's home page
export const menuItemKinds = ['category', 'page', 'article', 'edition', 'url', 'gallery', 'tag', 'author', 'label'] as const

export const menuItems = sqliteTable('menu_items', {
  id: integer('id').primaryKey(),
  menuId: integer('menu_id').notNull().references(() => menus.id, { onDelete: 'cascade' }),
  parentId: integer('parent_id').references((): AnySQLiteColumn => menuItems.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  kind: text('kind', { enum: menuItemKinds }).notNull(),
  categoryId: integer('category_id').references(() => categories.id, { onDelete: 'cascade' }),
  pageId: integer('page_id').references(() => pages.id, { onDelete: 'cascade' }),
  articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
  targetEditionId: integer('target_edition_id').references(() => editions.id, { onDelete: 'cascade' }),
  url: text('url'),
  galleryId: integer('gallery_id').references(() => galleries.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').references(() => tags.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').references(() => authors.id, { onDelete: 'cascade' })
}, (t) => [
  index('menu_items_menu_idx').on(t.menuId, t.parentId, t.position),
  check('menu_items_kind_check', sql`${t.kind} in ('category', 'page', 'article', 'edition', 'url', 'gallery', 'tag', 'author', 'label')`),
  // exactly the target column matching the kind is set; a label item sets none
  check('menu_items_target_check', sql`(
    (${t.kind} = 'category') + (${t.categoryId} is not null) <> 1 and
    (${t.kind} = 'page') + (${t.pageId} is not null) <> 1 and
    (${t.kind} = 'article') + (${t.articleId} is not null) <> 1 and
    (${t.kind} = 'edition') + (${t.targetEditionId} is not null) <> 1 and
    (${t.kind} = 'url') + (${t.url} is not null) <> 1 and
    (${t.kind} = 'gallery') + (${t.galleryId} is not null) <> 1 and
    (${t.kind} = 'tag') + (${t.tagId} is not null) <> 1 and
    (${t.kind} = 'author') + (${t.authorId} is not null) <> 1
  )`)
])

export interface SocialLink { network: string, url: string }

export const siteSettings = sqliteTable('site_settings', {
  editionId: integer('edition_id').primaryKey().references(() => editions.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  tagline: text('tagline'),
  copyright: text('copyright'),
  socialLinks: text('social_links', { mode: 'json' }).$type<SocialLink[]>().notNull().default(sql`'[]'`),
  // the networks of the share links served with each article, in order; null: Quire's default list (page elements)
  shareNetworks: text('share_networks', { mode: 'json' }).$type<string[]>(),
  // site identity (page elements): media items, a copyright holder with its first year, contact details
  logoMediaId: integer('logo_media_id').references(() => media.id, { onDelete: 'set null' }),
  logoDarkMediaId: integer('logo_dark_media_id').references(() => media.id, { onDelete: 'set null' }),
  faviconMediaId: integer('favicon_media_id').references(() => media.id, { onDelete: 'set null' }),
  copyrightHolder: text('copyright_holder'),
  copyrightStartYear: integer('copyright_start_year'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  contactAddress: text('contact_address'),
  updatedAt: integer('updated_at').notNull(),
  version: integer('version').notNull().default(1)
}, (t) => [
  check('site_settings_social_check', sql`json_valid(${t.socialLinks}) and json_type(${t.socialLinks}) = 'array'`)
])

// ---- content management: keys, change log, revisions, slug redirects, idempotency ----

export const apiKeyRoles = ['admin', 'editor', 'author', 'preview'] as const
export type ApiKeyRole = typeof apiKeyRoles[number]

export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: apiKeyRoles }).notNull(),
  // the token's first characters, unique, to find the row before comparing hashes in constant time
  prefix: text('prefix').notNull(),
  // sha256 of the whole token, hex; the token itself is shown once and never stored
  tokenHash: text('token_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
  lastUsedAt: integer('last_used_at')
}, (t) => [
  uniqueIndex('api_keys_prefix_unique').on(t.prefix),
  check('api_keys_role_check', sql`${t.role} in ('admin', 'editor', 'author', 'preview')`),
  check('api_keys_name_check', sql`length(${t.name}) between 1 and 200`)
])

export const changeEntityTypes = ['article', 'page', 'category', 'tag', 'author', 'media', 'gallery', 'menu', 'settings', 'edition', 'key', 'comment', 'contact'] as const
export type ChangeEntityType = typeof changeEntityTypes[number]
export const changeActions = ['created', 'updated', 'published', 'unpublished', 'archived', 'deleted'] as const
export type ChangeAction = typeof changeActions[number]

/**
 * One row per write, in the write's own transaction: the audit log (who, what, when) and the
 * monotonic change sequence that sync clients and webhooks read. A deleted row leaves the content
 * tables; its tombstone is its `deleted` change here.
 */
export const changes = sqliteTable('changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  entityType: text('entity_type', { enum: changeEntityTypes }).notNull(),
  entityId: integer('entity_id').notNull(),
  action: text('action', { enum: changeActions }).notNull(),
  at: integer('at').notNull(),
  keyId: integer('key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
  // JSON: the changed fields with their old and new values (bodies summarised), or a note
  summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`)
}, (t) => [
  index('changes_entity_idx').on(t.entityType, t.entityId, t.seq),
  check('changes_action_check', sql`${t.action} in ('created', 'updated', 'published', 'unpublished', 'archived', 'deleted')`)
])

/** Full snapshots of articles and pages, one per write; numbered 1, 2, … per entity. */
export const revisions = sqliteTable('revisions', {
  id: integer('id').primaryKey(),
  entityType: text('entity_type', { enum: ['article', 'page'] }).notNull(),
  // no foreign key: the history outlives a deleted article or page
  entityId: integer('entity_id').notNull(),
  number: integer('number').notNull(),
  // the entity's version this snapshot shows
  version: integer('version').notNull(),
  action: text('action', { enum: changeActions }).notNull(),
  snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  keyId: integer('key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull()
}, (t) => [
  uniqueIndex('revisions_entity_number_unique').on(t.entityType, t.entityId, t.number),
  check('revisions_entity_type_check', sql`${t.entityType} in ('article', 'page')`),
  check('revisions_snapshot_check', sql`json_valid(${t.snapshot})`)
])

/** Slugs a published article used to have, so old links keep resolving (301 to the current slug). */
export const slugRedirects = sqliteTable('slug_redirects', {
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'cascade' }),
  oldSlug: text('old_slug').notNull(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.editionId, t.oldSlug] }),
  index('slug_redirects_article_idx').on(t.articleId)
])

/**
 * `Idempotency-Key` of POST requests, per API key: the first response is kept for 24 hours and
 * replayed to retries. A row without a status is a request still in flight.
 */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  keyId: integer('key_id').notNull().references(() => apiKeys.id, { onDelete: 'cascade' }),
  idempotencyKey: text('idempotency_key').notNull(),
  // sha256 of method, path and body: the same key with another request is refused
  fingerprint: text('fingerprint').notNull(),
  status: integer('status'),
  location: text('location'),
  body: text('body'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.keyId, t.idempotencyKey] }),
  index('idempotency_keys_expiry_idx').on(t.expiresAt)
])

// ---- webhooks: endpoints, the transactional outbox, deliveries and their attempts ----

export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const
export type WebhookDeliveryStatus = typeof webhookDeliveryStatuses[number]

/** Where events are POSTed. The secret is kept (HMAC needs it) but only ever shown in the create response. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description'),
  // JSON array of event types (`article.published`) or wildcards (`article.*`, `*`)
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  // `whsec_<base64>`, the Standard Webhooks form
  secret: text('secret').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
  version: integer('version').notNull().default(1)
}, (t) => [
  check('webhook_endpoints_url_check', sql`${t.url} like 'http%://%'`),
  check('webhook_endpoints_events_check', sql`json_valid(${t.events}) and json_type(${t.events}) = 'array'`)
])

/**
 * The outbox: one row per event, inserted in the transaction of the write it reports, so an
 * event exists if and only if its write committed. `message_id` is the `webhook-id` header of
 * every attempt and redelivery; `payload` is the exact body signed and sent, fixed at the write.
 */
export const webhookEvents = sqliteTable('webhook_events', {
  id: integer('id').primaryKey(),
  messageId: text('message_id').notNull(),
  type: text('type').notNull(),
  // what the event is about (null for pings), so a later write can withdraw a not-yet-due event
  entityType: text('entity_type'),
  entityId: integer('entity_id'),
  changeSeq: integer('change_seq'),
  payload: text('payload').notNull(),
  createdAt: integer('created_at').notNull(),
  // a scheduled article's `published` event waits for its publishedAt
  deliverAfter: integer('deliver_after').notNull()
}, (t) => [
  uniqueIndex('webhook_events_message_id_unique').on(t.messageId),
  index('webhook_events_entity_idx').on(t.entityType, t.entityId, t.deliverAfter)
])

/** One event to one endpoint: the unit the worker claims, sends, retries and reports. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey(),
  endpointId: integer('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  eventId: integer('event_id').notNull().references(() => webhookEvents.id, { onDelete: 'cascade' }),
  // a manual redelivery is a new delivery of the same event (same webhook-id) pointing at the one it repeats
  redeliveryOf: integer('redelivery_of'),
  status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  // the lease of the instance sending it: another instance skips it until then
  lockedUntil: integer('locked_until'),
  lastAttemptAt: integer('last_attempt_at'),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  completedAt: integer('completed_at')
}, (t) => [
  // the worker's scan: due pending deliveries, oldest first
  index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt, t.id),
  // the delivery log: an endpoint's deliveries, newest first
  index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  index('webhook_deliveries_event_idx').on(t.eventId),
  check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  check('webhook_deliveries_attempts_check', sql`${t.attempts} >= 0`)
])

/** Every try of a delivery: when, how long, what came back. Never a response body beyond a short excerpt. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: integer('id').primaryKey(),
  deliveryId: integer('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  attemptedAt: integer('attempted_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  statusCode: integer('status_code'),
  error: text('error'),
  responseExcerpt: text('response_excerpt')
}, (t) => [
  index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)
])

// ---- readers' comments and the contact form (src/modules/comments, src/modules/contact) ----

export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const
export type CommentStatus = typeof commentStatuses[number]
export const articleCommentStatuses = ['open', 'closed', 'hidden'] as const
export type ArticleCommentStatus = typeof articleCommentStatuses[number]

/**
 * A reader's (or staff) comment on an article. `thread_path` orders a whole article's thread in
 * one index range: each level adds "<createdAt>.<id>" zero-padded, so sorting by it lists every
 * comment after its parent and siblings oldest first (imported comments keep their dates).
 * Email and the salted IP hash are for moderators and erasure only: never in a public response.
 */
export const comments = sqliteTable('comments', {
  // AUTOINCREMENT: a deleted comment's id is never reused, so its tombstone and webhook events stay unambiguous
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id, { onDelete: 'cascade' }),
  depth: integer('depth').notNull().default(0),
  threadPath: text('thread_path').notNull().default(''),
  status: text('status', { enum: commentStatuses }).notNull().default('pending'),
  authorName: text('author_name').notNull(),
  authorEmail: text('author_email'),
  authorUrl: text('author_url'),
  body: text('body').notNull(),
  // a reply written with an API key: shown as the newsroom's
  isStaff: integer('is_staff', { mode: 'boolean' }).notNull().default(false),
  staffKeyId: integer('staff_key_id'),
  ipHash: text('ip_hash'),
  // sha256 of article, author and normalised body: the same comment twice is refused
  fingerprint: text('fingerprint'),
  ...timestamps,
  version: integer('version').notNull().default(1)
}, (t) => [
  index('comments_thread_idx').on(t.articleId, t.status, t.threadPath),
  index('comments_status_idx').on(t.status, t.createdAt, t.id),
  index('comments_recent_idx').on(t.status, t.articleId, t.createdAt),
  index('comments_ip_idx').on(t.ipHash, t.createdAt),
  index('comments_email_idx').on(t.authorEmail),
  index('comments_fingerprint_idx').on(t.fingerprint),
  check('comments_status_check', sql`${t.status} in ('pending', 'approved', 'spam', 'trash')`),
  check('comments_depth_check', sql`${t.depth} >= 0`),
  check('comments_body_check', sql`length(${t.body}) > 0`),
  check('comments_name_check', sql`length(${t.authorName}) between 1 and 100`)
])

/** Per-edition defaults of the comment section and the contact form topics (site settings). */
export const discussionSettings = sqliteTable('discussion_settings', {
  editionId: integer('edition_id').primaryKey().references(() => editions.id, { onDelete: 'cascade' }),
  defaultCommentStatus: text('default_comment_status', { enum: articleCommentStatuses }).notNull().default('open'),
  closeAfterDays: integer('close_after_days'),
  contactTopics: text('contact_topics', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  updatedAt: integer('updated_at').notNull()
}, (t) => [
  check('discussion_settings_status_check', sql`${t.defaultCommentStatus} in ('open', 'closed', 'hidden')`),
  check('discussion_settings_close_check', sql`${t.closeAfterDays} is null or ${t.closeAfterDays} > 0`),
  check('discussion_settings_topics_check', sql`json_valid(${t.contactTopics}) and json_type(${t.contactTopics}) = 'array'`)
])

export const contactStatuses = ['new', 'handled'] as const
export type ContactStatus = typeof contactStatuses[number]

/** A message sent through an edition's contact form: read by admins and editors only. */
export const contactMessages = sqliteTable('contact_messages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  reference: text('reference').notNull(),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  email: text('email').notNull(),
  subject: text('subject').notNull(),
  message: text('message').notNull(),
  topic: text('topic'),
  status: text('status', { enum: contactStatuses }).notNull().default('new'),
  ipHash: text('ip_hash'),
  fingerprint: text('fingerprint'),
  createdAt: integer('created_at').notNull(),
  handledAt: integer('handled_at')
}, (t) => [
  uniqueIndex('contact_messages_reference_unique').on(t.reference),
  index('contact_messages_edition_idx').on(t.editionId, t.createdAt, t.id),
  index('contact_messages_ip_idx').on(t.ipHash, t.createdAt),
  index('contact_messages_handled_idx').on(t.status, t.handledAt),
  check('contact_messages_status_check', sql`${t.status} in ('new', 'handled')`)
])

// ---- Media files: uploaded bytes, content-addressed (docs/media.md) ----

/**
 * One stored original per distinct upload (sha256 of the uploaded bytes): the same bytes uploaded
 * twice are stored once. `refcount` counts the media items using the file; the last one's delete
 * removes the row, its renditions and the stored objects.
 */
export const mediaFiles = sqliteTable('media_files', {
  sha256: text('sha256').primaryKey(),
  bytes: integer('bytes').notNull(),
  mimeType: text('mime_type').notNull(),
  storageKey: text('storage_key').notNull(),
  width: integer('width'),
  height: integer('height'),
  refcount: integer('refcount').notNull().default(0),
  createdAt: integer('created_at').notNull()
}, (t) => [
  check('media_files_sha256_check', sql`length(${t.sha256}) = 64 and ${t.sha256} not glob '*[^0-9a-f]*'`),
  check('media_files_bytes_check', sql`${t.bytes} >= 0`),
  check('media_files_refcount_check', sql`${t.refcount} >= 0`)
])

/**
 * The uploaded file behind a media item (none for an item whose url points elsewhere), with what
 * was derived from it at upload. A side table rather than columns of media: adding a foreign key
 * to media would rebuild that table, which the articles, authors and galleries refer to.
 */
export const mediaUploads = sqliteTable('media_uploads', {
  mediaId: integer('media_id').primaryKey().references(() => media.id, { onDelete: 'cascade' }),
  fileSha256: text('file_sha256').notNull().references(() => mediaFiles.sha256, { onDelete: 'restrict' }),
  originalFilename: text('original_filename').notNull(),
  placeholder: text('placeholder'),
  dominantColor: text('dominant_color'),
  focalX: real('focal_x'),
  focalY: real('focal_y'),
  pageCount: integer('page_count')
}, (t) => [
  index('media_uploads_file_idx').on(t.fileSha256),
  check('media_uploads_focal_check', sql`(${t.focalX} is null) = (${t.focalY} is null) and coalesce(${t.focalX} between 0 and 1 and ${t.focalY} between 0 and 1, 1)`),
  check('media_uploads_dominant_check', sql`${t.dominantColor} is null or ${t.dominantColor} glob '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'`)
])

/** Derived files of an original (an image width in a format, a crop), made on first request and kept. */
export const mediaRenditions = sqliteTable('media_renditions', {
  sourceSha256: text('source_sha256').notNull().references(() => mediaFiles.sha256, { onDelete: 'cascade' }),
  variant: text('variant').notNull(),
  storageKey: text('storage_key').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: integer('created_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.sourceSha256, t.variant] })
])

/**
 * Precise invalidation (src/invalidation/): for each surrogate key a public write has touched, the
 * change-log seq of the newest such write. A public response is valid while none of its keys has a
 * seq above the one it was rendered at; drafts, keys and logs touch no key, so they invalidate nothing.
 */
export const surrogateKeyVersions = sqliteTable('surrogate_key_versions', {
  key: text('key').primaryKey(),
  seq: integer('seq').notNull()
}, (t) => [
  index('surrogate_key_versions_seq_idx').on(t.seq)
])

// Instance secrets

/**
 * Secrets the instance generates for itself when the operator sets none (the cursor secret), so
 * cursors and sync tokens survive restarts without configuration. Written once, never rotated here.
 */
export const instanceSecrets = sqliteTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull()
})

// --- cache purges (src/purges/) ---

export const purgeJobStatuses = ['pending', 'failed'] as const
export type PurgeJobStatus = typeof purgeJobStatuses[number]

/**
 * The cache purge outbox: the surrogate keys one write made stale, for one configured target
 * (a Varnish node, Fastly, Cloudflare), queued in the write's transaction. A sent job is deleted;
 * one that kept failing stays as `failed` so the status endpoint can show it.
 */
export const purgeJobs = sqliteTable('purge_jobs', {
  id: integer('id').primaryKey(),
  target: text('target').notNull(),
  keys: text('keys', { mode: 'json' }).$type<string[]>().notNull(),
  changeSeq: integer('change_seq'),
  status: text('status', { enum: purgeJobStatuses }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  // the lease of the process sending it: another process skips it until then
  lockedUntil: integer('locked_until'),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull()
}, (t) => [
  index('purge_jobs_due_idx').on(t.target, t.status, t.nextAttemptAt, t.id),
  check('purge_jobs_status_check', sql`${t.status} in ('pending', 'failed')`),
  check('purge_jobs_keys_check', sql`json_valid(${t.keys}) and json_type(${t.keys}) = 'array'`)
])

// ---- WordPress import (src/importers/wordpress) and old-URL redirects (src/modules/redirects) ----

/**
 * What an import made of each source item: matched by (source site, WordPress kind, WordPress id)
 * on every re-run, so a second import of the same file changes nothing and an edited item updates
 * its Quire entity. `hash` is of the item as read; equal means unchanged. No foreign key to the
 * entity (it may be any table); a mapping whose entity was deleted in Quire is re-created.
 */
export const importMappings = sqliteTable('import_mappings', {
  source: text('source').notNull(),
  wpKind: text('wp_kind').notNull(),
  wpId: text('wp_id').notNull(),
  guid: text('guid'),
  entityType: text('entity_type').notNull(),
  entityId: integer('entity_id').notNull(),
  hash: text('hash').notNull(),
  importedAt: integer('imported_at').notNull()
}, (t) => [
  primaryKey({ columns: [t.source, t.wpKind, t.wpId] }),
  index('import_mappings_entity_idx').on(t.entityType, t.entityId)
])

export const redirectTargetTypes = ['article', 'page', 'category'] as const

/**
 * Old site paths (a WordPress permalink, `/?p=ID`, a bare slug) and the entity that now answers
 * them. The target URL is derived when asked, so it follows later slug changes.
 */
export const redirects = sqliteTable('redirects', {
  path: text('path').primaryKey(),
  targetType: text('target_type', { enum: redirectTargetTypes }).notNull(),
  targetId: integer('target_id').notNull(),
  source: text('source'),
  createdAt: integer('created_at').notNull()
}, (t) => [
  index('redirects_target_idx').on(t.targetType, t.targetId),
  check('redirects_path_check', sql`substr(${t.path}, 1, 1) = '/'`),
  check('redirects_target_type_check', sql`${t.targetType} in ('article', 'page', 'category')`)
])

// ---- media text per edition and attachments (src/modules/media, src/editorial/attachments.ts) ----

/**
 * A media item's alt text, caption, credit and title in one edition. The media row's own columns
 * are its default text; a null here falls back to it field by field. An edition that still has
 * media text cannot be deleted (the editions module asks first; the foreign key refuses too).
 */
export const mediaTranslations = sqliteTable('media_translations', {
  mediaId: integer('media_id').notNull().references(() => media.id, { onDelete: 'cascade' }),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'restrict' }),
  title: text('title'),
  altText: text('alt_text'),
  caption: text('caption'),
  credit: text('credit')
}, (t) => [
  primaryKey({ columns: [t.mediaId, t.editionId] }),
  index('media_translations_edition_idx').on(t.editionId),
  // a row without any text would only shadow nothing: the write removes it instead
  check('media_translations_text_check', sql`coalesce(${t.title}, ${t.altText}, ${t.caption}, ${t.credit}) is not null`)
])

export const attachmentOwnerTypes = ['article', 'page'] as const
export type AttachmentOwnerType = typeof attachmentOwnerTypes[number]

/**
 * The ordered files of an article or a page (videos, a newsletter's PDF, a book's chapters),
 * besides its featured media. One table for both owners, so there is no foreign key on the owner:
 * the content commands delete an owner's rows with it. A media item appears at most once per owner
 * and cannot be deleted while attached (restrict; the media commands name the owners first).
 */
export const attachments = sqliteTable('attachments', {
  ownerType: text('owner_type', { enum: attachmentOwnerTypes }).notNull(),
  ownerId: integer('owner_id').notNull(),
  position: integer('position').notNull(),
  mediaId: integer('media_id').notNull().references(() => media.id, { onDelete: 'restrict' }),
  label: text('label')
}, (t) => [
  primaryKey({ columns: [t.ownerType, t.ownerId, t.position] }),
  uniqueIndex('attachments_owner_media_unique').on(t.ownerType, t.ownerId, t.mediaId),
  index('attachments_media_idx').on(t.mediaId, t.ownerType, t.ownerId),
  check('attachments_owner_type_check', sql`${t.ownerType} in ('article', 'page')`),
  check('attachments_position_check', sql`${t.position} >= 0`)
])

// ---- page elements: authors in every edition ----

/**
 * An author's name, bio and avatar alt text in one edition; a null field (or no row) falls back to
 * the author's own. Authors write for every edition, so these are overrides of one author rather
 * than one row per edition joined by a group, as categories are.
 */
export const authorTranslations = sqliteTable('author_translations', {
  authorId: integer('author_id').notNull().references(() => authors.id, { onDelete: 'cascade' }),
  editionId: integer('edition_id').notNull().references(() => editions.id, { onDelete: 'cascade' }),
  name: text('name'),
  bio: text('bio'),
  avatarAlt: text('avatar_alt')
}, (t) => [
  primaryKey({ columns: [t.authorId, t.editionId] }),
  index('author_translations_edition_idx').on(t.editionId)
])

// ---- Page elements: article counts per category and tag, and previous/next within a primary category ----

/*
 * Kept by triggers (in this feature's migration) on articles, article_categories and article_tags,
 * so every writer — the commands, the importers, the synthetic seed, a CLI on another connection —
 * keeps them right in its own transaction. `articles` counts the links of articles that are
 * published or scheduled (visible_from not null); the public count subtracts the scheduled ones not
 * yet due, read through the visible_from index (src/editorial/article-counts.ts). No row means 0.
 */
export const categoryArticleCounts = sqliteTable('category_article_counts', {
  categoryId: integer('category_id').primaryKey().references(() => categories.id, { onDelete: 'cascade' }),
  articles: integer('articles').notNull().default(0)
})

export const tagArticleCounts = sqliteTable('tag_article_counts', {
  tagId: integer('tag_id').primaryKey().references(() => tags.id, { onDelete: 'cascade' }),
  articles: integer('articles').notNull().default(0)
})

/**
 * Each published or scheduled article under its primary category, by visible_from: previous/next
 * in the same category is one seek of the (category, visible_from, article) index instead of a walk
 * over the edition's articles testing each one's category. Kept by the same triggers.
 */
export const primaryCategoryTimeline = sqliteTable('primary_category_timeline', {
  articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
  categoryId: integer('category_id').notNull().references(() => categories.id, { onDelete: 'cascade' }),
  visibleFrom: integer('visible_from').notNull()
}, (t) => [
  index('primary_category_timeline_idx').on(t.categoryId, t.visibleFrom, t.articleId)
])
