import { apiKeyRoles, type ApiKeyRole, type ContentStatus } from '../db/schema.js'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'
import type { Principal } from './principal.js'

/**
 * What a role may do with an operation:
 * - `all`: on any target;
 * - `own`: only on articles/pages this key created;
 * - `ownDraft`: only on articles/pages this key created that are still drafts;
 * - `none`: never (403).
 */
export type Grant = 'all' | 'own' | 'ownDraft' | 'none'

export interface OperationInfo {
  /** For 403 messages and the table in docs/content-management.md. */
  description: string
  grants: Record<ApiKeyRole, Grant>
}

const editorial = (author: Grant): Record<ApiKeyRole, Grant> => ({ admin: 'all', editor: 'all', author, preview: 'none' })
const editors: Record<ApiKeyRole, Grant> = { admin: 'all', editor: 'all', author: 'none', preview: 'none' }
const adminOnly: Record<ApiKeyRole, Grant> = { admin: 'all', editor: 'none', author: 'none', preview: 'none' }

/**
 * The permission matrix, role × operation: the only place that decides who may do what. REST
 * routes and GraphQL resolvers reach it through the same service calls; the table in docs/content-management.md is
 * this object, and test/auth/permission-matrix.test.ts walks every cell of it.
 */
export const permissionMatrix = {
  'content:read-unpublished': {
    description: 'read drafts, scheduled and archived articles and pages through the read endpoints',
    grants: { admin: 'all', editor: 'all', author: 'all', preview: 'all' }
  },
  'article:create': { description: 'create articles (as drafts)', grants: editorial('all') },
  'article:update': { description: 'edit articles, link translations, restore revisions', grants: editorial('ownDraft') },
  'article:publish': { description: 'publish, schedule, unpublish and archive articles', grants: editors },
  'article:delete': { description: 'delete articles', grants: editorial('ownDraft') },
  'article:read-revisions': { description: 'list and read article revisions', grants: editorial('own') },
  'page:create': { description: 'create pages (as drafts)', grants: editorial('all') },
  'page:update': { description: 'edit pages, link translations, restore revisions', grants: editorial('ownDraft') },
  'page:publish': { description: 'publish, schedule, unpublish and archive pages', grants: editors },
  'page:delete': { description: 'delete pages', grants: editorial('ownDraft') },
  'page:read-revisions': { description: 'list and read page revisions', grants: editorial('own') },
  'tag:create': { description: 'create tags', grants: editorial('all') },
  'tag:update': { description: 'rename tags and change their slugs', grants: editors },
  'tag:delete': { description: 'delete tags (they leave their articles)', grants: editors },
  'media:create': { description: 'add media metadata (the files live on the CDN)', grants: editorial('all') },
  'media:update': { description: 'edit media metadata and renditions', grants: editors },
  'media:delete': { description: 'delete media no article, author or gallery uses', grants: editors },
  'gallery:create': { description: 'create galleries', grants: editors },
  'gallery:update': { description: 'edit galleries and their items', grants: editors },
  'gallery:delete': { description: 'delete galleries (with their items; the media stay)', grants: editors },
  'menu:create': { description: 'create menus', grants: editors },
  'menu:update': { description: 'edit menus and their item trees', grants: editors },
  'menu:delete': { description: 'delete menus (with their items)', grants: editors },
  'comment:moderate': { description: 'list the comment queue (with commenters\' emails), approve, mark spam, trash, restore and edit comments', grants: editors },
  'comment:reply': { description: 'reply to comments as staff (published at once)', grants: editorial('all') },
  'comment:delete': { description: 'delete comments for good (with their replies)', grants: editors },
  'comment:erase': { description: 'erase every comment and contact message of an email address (GDPR)', grants: adminOnly },
  'contact:read': { description: 'read contact form messages, mark them handled, delete them', grants: editors },
  'discussion:settings': { description: 'set an edition\'s comment defaults and contact form topics', grants: adminOnly },
  'changes:read': { description: 'read the audit log of every write (`GET /v1/changes`)', grants: editors },
  'category:create': { description: 'create categories', grants: editors },
  'category:update': { description: 'rename, move and reorder categories, link their translations', grants: editors },
  'category:delete': { description: 'delete categories without children or articles (their menu items go too)', grants: editors },
  'author:create': { description: 'create authors', grants: editors },
  'author:update': { description: 'edit author profiles', grants: editors },
  'author:delete': { description: 'delete authors who are on no byline', grants: editors },
  'edition:create': { description: 'create editions (with their site settings)', grants: adminOnly },
  'edition:update': { description: 'edit editions and choose the default one', grants: adminOnly },
  'edition:delete': { description: 'delete editions that hold no content', grants: adminOnly },
  'settings:update': { description: 'edit the site settings of an edition', grants: adminOnly },
  'key:manage': { description: 'list, create and revoke API keys', grants: adminOnly },
  'webhook:manage': { description: 'register, change and delete webhook endpoints; read delivery logs, redeliver, ping', grants: adminOnly },
  'cache:manage': { description: 'read the state of cache purges (`GET /v1/purges/status`)', grants: adminOnly }
} as const satisfies Record<string, OperationInfo>

export type Operation = keyof typeof permissionMatrix
export const operations = Object.keys(permissionMatrix) as Operation[]
export const roles = apiKeyRoles

/** The article or page an ownership grant is checked against. */
export interface OwnedTarget { createdByKeyId: number | null, status: ContentStatus }

export const grantOf = (role: ApiKeyRole, operation: Operation): Grant => permissionMatrix[operation].grants[role]

/**
 * Throws unless the principal may perform the operation. No principal is a 401; a role without the
 * operation is a 403. Without a target only the role is checked (ownership grants pass), so a
 * service can refuse before reading anything and check ownership once it has the row: a missing
 * row is then a 404 for those who could act on it and a 403 for those who never could.
 */
export function authorize (principal: Principal | null, operation: Operation, target?: OwnedTarget): Principal {
  if (principal === null) throw new UnauthenticatedError('This operation needs an API key: send Authorization: Bearer <token>.')
  const grant = grantOf(principal.role, operation)
  const what = permissionMatrix[operation].description
  switch (grant) {
    case 'all': return principal
    case 'none': throw new ForbiddenError(`The ${principal.role} role may not ${what}.`)
    case 'own':
    case 'ownDraft': {
      if (target === undefined) return principal
      const owned = target.createdByKeyId === principal.keyId
      if (!owned) throw new ForbiddenError(`The ${principal.role} role may ${what} only for content created with its own key.`)
      if (grant === 'ownDraft' && target.status !== 'draft') throw new ForbiddenError(`The ${principal.role} role may ${what} only while its own content is a draft.`)
      return principal
    }
  }
}

/** Whether reads for this principal include unpublished content (the route picks the visibility mode from it). */
export const readsUnpublished = (principal: Principal | null | undefined): boolean =>
  principal !== null && principal !== undefined && grantOf(principal.role, 'content:read-unpublished') !== 'none'

/**
 * Which rows reads may return: `public` (published and due, the default and the fast path) or
 * `editorial` (every status, for keys allowed to read unpublished content). Routes and resolvers
 * pick it from the principal; the services apply it.
 */
export type Visibility = 'public' | 'editorial'

/**
 * Whether a read shows items' `version` (what an ETag and If-Match name): only editorial reads,
 * which are for API keys. The one rule for both protocols: REST leaves the field out of public
 * responses; GraphQL answers null for it (the field is nullable for that reason — an error would
 * null the whole item a public query asked for, and a made-up value would be a lie).
 */
export const showsVersion = (visibility: Visibility): boolean => visibility === 'editorial'

// undefined where no auth hook ran (module test apps): the public
export const visibilityFor = (principal: Principal | null | undefined): Visibility => readsUnpublished(principal) ? 'editorial' : 'public'
