import type { Db } from '../db/connection.js'
import type { ChangeLog, ChangeRecord } from '../editorial/changes.js'
import type { RevisionStore } from '../editorial/revisions.js'
import { InvalidInputError } from '../errors.js'
import type { ArticleService } from '../modules/articles/index.js'
import type { AuthorService } from '../modules/authors/index.js'
import type { CategoryService } from '../modules/categories/index.js'
import type { EditionService } from '../modules/editions/index.js'
import type { MediaService } from '../modules/media/index.js'
import type { PageService } from '../modules/pages/index.js'
import type { TagService } from '../modules/tags/index.js'
import type { Clock } from '../time.js'
import { globalSyncTypes, SYNC_DEFAULT_LIMIT, syncTypes, type SyncType } from './schemas.js'
import { createSyncStatements, type RowInfo } from './statements.js'
import { createSyncTokenCodec, type SyncPosition } from './token.js'

export interface SyncRequest {
  edition?: string
  types?: SyncType[]
  limit?: number
  token?: string
}

export type SyncEntry =
  | { type: SyncType, id: number, action: 'upsert', entity: Record<string, unknown> }
  | { type: SyncType, id: number, action: 'delete' }

export interface SyncPage {
  items: SyncEntry[]
  /** The types this stream carries (from the request or the token). */
  types: SyncType[]
  limit: number
  hasMore: boolean
  nextSyncToken: string
}

export interface SyncServiceDeps {
  db: Db
  clock: Clock
  /** The HMAC key of tokens: the cursor secret. */
  secret: string
  editions: EditionService
  articles: ArticleService
  pages: PageService
  categories: CategoryService
  tags: TagService
  authors: AuthorService
  media: MediaService
  changeLog: ChangeLog
  revisions: RevisionStore
}

/**
 * Something the client must hear about. A `changed` target (the entity of a change row) becomes a
 * tombstone when it is not public; the others (listed by the initial pass, turned visible, or
 * re-sent because they embed a changed entity) are delivered only while public.
 */
interface Target { type: SyncType, id: number, changed: boolean, editionHint?: string }
/** One step of the stream — a listed id, a change row, a visibility flip — admitted to a page whole or not at all. */
type Step = Target[]

interface EntityState { entity: Record<string, unknown> | null, edition: string | null | undefined }

// Change rows read per request at most: rows of other editions or types yield no entry, and a
// client must not wait on one request reading the whole log. A page cut short says hasMore.
const SCAN_LIMIT = 2000
const CHANGE_BATCH = 50
const FLIP_TYPES = ['article', 'page'] as const
const NO_ID = Number.MAX_SAFE_INTEGER

const keyOf = (type: SyncType, id: number): string => `${type}:${id}`
const isSyncType = (type: string): type is SyncType => (syncTypes as readonly string[]).includes(type)

/** Translation groups a change summary names: a number, or the from/to of an edit that moved the entity. */
function groupsInSummary (summary: Record<string, unknown>): number[] {
  const value = summary.translationGroup
  if (typeof value === 'number') return [value]
  if (typeof value === 'object' && value !== null) {
    const { from, to } = value as { from?: unknown, to?: unknown }
    return [from, to].filter((g): g is number => typeof g === 'number')
  }
  return []
}

/**
 * The delta sync stream. A position (see token.ts) is a change-log seq watermark plus a visibility
 * instant; a page continues from it in three phases, in one read transaction:
 * 1. the initial pass (first sync only): every public entity of the chosen types, by type then id;
 * 2. change rows after the watermark, each entity looked up in its current state: public → upsert,
 *    otherwise → tombstone;
 * 3. articles and pages that turned public with no write (scheduled, now due): visible_from after
 *    the visibility instant and not after now.
 * The watermark of an initial sync is taken before its first page, so a write during the paging is
 * delivered afterwards by phase 2: nothing is missed, at worst sent twice (upserts are idempotent).
 * Seq order is commit order (SQLite has one writer at a time), so no change can appear later
 * below a watermark already handed out.
 */
export function createSyncService (deps: SyncServiceDeps) {
  const { db, clock, editions, changeLog, revisions } = deps
  const statements = createSyncStatements(db)
  const tokens = createSyncTokenCodec(deps.secret)

  // the entity shapes of the REST items; articles with relations as ids (see docs/sync.md).
  // Authors belong to every edition: a sync scoped to one carries their name and bio in it.
  // Categories and tags leave out articleCount: article writes move it without a change entry of
  // theirs, so a replica would hold stale counts (docs/sync.md).
  const withoutArticleCount = <T extends { articleCount: number }>(item: T | null): Omit<T, 'articleCount'> | null => {
    if (item === null) return null
    const { articleCount: _count, ...rest } = item
    return rest
  }
  const finders: Record<SyncType, (ids: readonly number[], edition: string | null) => Array<Record<string, unknown> | null>> = {
    article: (ids) => deps.articles.findByIds(ids),
    page: (ids) => deps.pages.findByIds(ids),
    category: (ids) => deps.categories.findByIds(ids).map(withoutArticleCount),
    tag: (ids) => deps.tags.findByIds(ids).map(withoutArticleCount),
    author: (ids, edition) => deps.authors.findByIds(ids, edition ?? undefined),
    media: (ids) => deps.media.findByIds(ids)
  }

  function startPosition (request: SyncRequest, now: number): SyncPosition {
    if (request.edition !== undefined) editions.resolveFilter(request.edition)
    return {
      edition: request.edition ?? null,
      types: request.types !== undefined && request.types.length > 0 ? syncTypes.filter((t) => request.types?.includes(t)) : [...syncTypes],
      changes: changeLog.head(),
      visible: statements.visibilityBoundary(now),
      initial: [0, 0],
      flips: null
    }
  }

  function resumePosition (request: SyncRequest): SyncPosition {
    const mixed = (['edition', 'types'] as const).filter((name) => request[name] !== undefined)
    if (mixed.length > 0) {
      throw new InvalidInputError('A sync token carries its edition and types; send the token without them.',
        mixed.map((name) => ({ name: `query.${name}`, reason: 'must not be combined with token' })))
    }
    const position = tokens.decode(request.token as string)
    const invalid = (reason: string) => new InvalidInputError('The sync token is not valid; start again with an initial sync (no token).', [{ name: 'query.token', reason }])
    if (position.edition !== null && !editions.list().some((e) => e.code === position.edition)) throw invalid(`names edition "${position.edition}", which no longer exists`)
    // a database restored from a backup would otherwise hide every change up to the client's watermark
    if (position.changes > changeLog.head()) throw invalid('is ahead of this database (was it restored from a backup?)')
    return position
  }

  function sync (request: SyncRequest): SyncPage {
    // one read transaction: the watermark, the change rows and the entities are one snapshot
    return db.transaction(() => syncIn(request), { behavior: 'deferred' })
  }

  function syncIn (request: SyncRequest): SyncPage {
    const limit = request.limit ?? SYNC_DEFAULT_LIMIT
    const now = clock().getTime()
    const position = request.token !== undefined ? resumePosition(request) : startPosition(request, now)
    const types = new Set(position.types)
    const edition = position.edition
    const editionId = edition === null ? null : editions.findByCode(edition).id
    const page = new Map<string, SyncEntry>()

    /** Current state of each target: the public entity, or null with the row's edition (any status) for tombstone scoping. */
    function statesOf (targets: Target[]): Map<string, EntityState> {
      const states = new Map<string, EntityState>()
      for (const type of syncTypes) {
        const ids = [...new Set(targets.filter((t) => t.type === type).map((t) => t.id))]
        if (ids.length === 0) continue
        const entities = finders[type](ids, edition)
        const hidden = ids.filter((_, index) => entities[index] === null)
        const rows = edition !== null && !globalSyncTypes.has(type) ? statements.rowInfo(type, hidden) : new Map<number, RowInfo>()
        ids.forEach((id, index) => {
          const entity = entities[index] ?? null
          const rowEdition = rows.get(id)?.editionId
          states.set(keyOf(type, id), {
            entity,
            edition: entity !== null ? (entity.edition as string | undefined) ?? null : rowEdition !== undefined && rowEdition !== null ? editions.findById(rowEdition).code : undefined
          })
        })
      }
      return states
    }

    function entryFor (target: Target, state: EntityState): SyncEntry | null {
      const scoped = edition === null || globalSyncTypes.has(target.type)
      if (state.entity !== null) {
        return scoped || state.edition === edition ? { type: target.type, id: target.id, action: 'upsert', entity: state.entity } : null
      }
      if (!target.changed) return null
      // a tombstone goes to clients of the row's edition; one whose edition is unknown goes to all (harmless)
      const rowEdition = state.edition ?? target.editionHint
      return scoped || rowEdition === undefined || rowEdition === edition ? { type: target.type, id: target.id, action: 'delete' } : null
    }

    /**
     * Adds steps in order while they fit, and returns how many did. A step is never split: the
     * position advances per step. The first step always fits (so every request makes progress);
     * it can exceed `limit` only by the translations it re-sends.
     */
    function admit (steps: Step[]): number {
      const wanted = steps.flat().filter((t) => types.has(t.type))
      const states = statesOf(wanted)
      let admitted = 0
      for (const step of steps) {
        const entries = step.filter((t) => types.has(t.type))
          .map((t) => entryFor(t, states.get(keyOf(t.type, t.id)) as EntityState))
          .filter((e): e is SyncEntry => e !== null)
        const fresh = new Set(entries.map((e) => keyOf(e.type, e.id)).filter((k) => !page.has(k))).size
        if (page.size > 0 && page.size + fresh > limit) break
        // a later entry for the same entity replaces the earlier one in place: one entry per entity per page
        for (const entry of entries) page.set(keyOf(entry.type, entry.id), entry)
        admitted++
      }
      return admitted
    }

    /** Members of the translation groups of these entities (now, and as the change rows name them before). */
    function translationsOf (type: 'article' | 'page' | 'category', entries: Array<{ id: number, groups: number[] }>): Map<number, number[]> {
      const current = statements.rowInfo(type, entries.map((e) => e.id))
      const groupsOf = new Map(entries.map((e) => {
        const now = current.get(e.id)?.group
        return [e.id, [...new Set([...e.groups, ...(now !== undefined && now !== null ? [now] : [])])]] as const
      }))
      const allGroups = [...groupsOf.values()].flat()
      if (allGroups.length === 0) return new Map()
      const members = new Map<number, number[]>()
      const rows = statements.rowInfo(type, statements.groupMembers(type, allGroups))
      for (const row of rows.values()) {
        if (row.group === null) continue
        const list = members.get(row.group)
        if (list === undefined) members.set(row.group, [row.id])
        else list.push(row.id)
      }
      return new Map(entries.map((e) => [e.id, (groupsOf.get(e.id) ?? []).flatMap((g) => members.get(g) ?? []).filter((id) => id !== e.id)]))
    }

    /** The group a deleted article or page had: its last revision is the row as it was deleted. */
    function groupBeforeDeletion (type: 'article' | 'page', id: number): number[] {
      const last = revisions.list(type, id)[0]
      if (last === undefined) return []
      const group = revisions.get<{ translationGroup?: unknown }>(type, id, last.number).snapshot.translationGroup
      return typeof group === 'number' ? [group] : []
    }

    function stepsOfChanges (rows: ChangeRecord[]): Step[] {
      const steps: Step[] = rows.map((row) => isSyncType(row.entityType)
        ? [{ type: row.entityType, id: row.entityId, changed: true, ...(typeof row.summary.edition === 'string' ? { editionHint: row.summary.edition } : {}) }]
        // a comment write may move its article's commentCount: the article is sent again (comments themselves are not synced)
        : row.entityType === 'comment' && typeof row.summary.articleId === 'number' && types.has('article')
          ? [{ type: 'article', id: row.summary.articleId, changed: false, ...(typeof row.summary.edition === 'string' ? { editionHint: row.summary.edition } : {}) }]
          : [])
      // entities that embed a changed one are sent again: translations (articles, pages, categories), avatars (authors)
      for (const type of ['article', 'page', 'category'] as const) {
        const mine = rows.flatMap((row, index) => row.entityType === type ? [{ index, id: row.entityId, row }] : [])
        if (mine.length === 0 || !types.has(type)) continue
        const related = translationsOf(type, mine.map(({ id, row }) => ({
          id,
          groups: [...groupsInSummary(row.summary), ...(row.action === 'deleted' && type !== 'category' ? groupBeforeDeletion(type, id) : [])]
        })))
        for (const { index, id } of mine) for (const other of related.get(id) ?? []) steps[index]?.push({ type, id: other, changed: false })
      }
      const mediaRows = rows.flatMap((row, index) => row.entityType === 'media' ? [{ index, id: row.entityId }] : [])
      if (mediaRows.length > 0 && types.has('author')) {
        const byMedia = statements.authorsWithAvatar(mediaRows.map((m) => m.id))
        for (const { index, id } of mediaRows) for (const author of byMedia.get(id) ?? []) steps[index]?.push({ type: 'author', id: author, changed: false })
      }
      return steps
    }

    /** Phase 1; true when it is done. */
    function initialPass (): boolean {
      if (position.initial === null) return true
      let [index, after] = position.initial
      for (; index < syncTypes.length; index++, after = 0) {
        const type = syncTypes[index] as SyncType
        if (!types.has(type)) continue
        const room = limit - page.size
        if (room <= 0) break
        const ids = statements.listIds(type, { after, limit: room, now, editionId: globalSyncTypes.has(type) ? null : editionId })
        admit(ids.map((id) => [{ type, id, changed: false }]))
        if (ids.length === room) {
          position.initial = [index, ids[ids.length - 1] as number]
          return false
        }
      }
      if (index < syncTypes.length) {
        position.initial = [index, after]
        return false
      }
      position.initial = null
      return true
    }

    /** Phase 2; true when the change log is drained. */
    function changesPhase (): boolean {
      for (let scanned = 0; scanned < SCAN_LIMIT;) {
        if (page.size >= limit) return false
        const batch = Math.min(Math.max(limit - page.size, CHANGE_BATCH), SCAN_LIMIT - scanned)
        const rows = changeLog.since(position.changes, batch)
        const admitted = admit(stepsOfChanges(rows))
        scanned += admitted
        if (admitted > 0) position.changes = (rows[admitted - 1] as ChangeRecord).seq
        if (admitted < rows.length) return false
        if (rows.length < batch) return true
      }
      return false
    }

    /** Phase 3; true when every article and page visible by now has been delivered. */
    function flipsPhase (): boolean {
      let [index, afterValue, afterId] = position.flips ?? [0, position.visible, NO_ID]
      for (; index < FLIP_TYPES.length; index++, afterValue = position.visible, afterId = NO_ID) {
        const type = FLIP_TYPES[index] as 'article' | 'page'
        if (!types.has(type)) continue
        for (;;) {
          const room = limit - page.size
          if (room <= 0) {
            position.flips = [index, afterValue, afterId]
            return false
          }
          const rows = statements.flips(type, { afterValue, afterId, now, limit: room })
          const related = translationsOf(type, rows.map((r) => ({ id: r.id, groups: [] })))
          const admitted = admit(rows.map((r) => [{ type, id: r.id, changed: false }, ...(related.get(r.id) ?? []).map((id) => ({ type, id, changed: false }))]))
          const last = rows[admitted - 1]
          if (last !== undefined) {
            afterValue = last.visibleFrom
            afterId = last.id
          }
          if (admitted < rows.length) {
            position.flips = [index, afterValue, afterId]
            return false
          }
          if (rows.length < room) break
        }
      }
      position.flips = null
      position.visible = statements.visibilityBoundary(now)
      return true
    }

    const done = initialPass() && changesPhase() && flipsPhase()
    return { items: [...page.values()], types: position.types, limit, hasMore: !done, nextSyncToken: tokens.encode(position) }
  }

  return { sync }
}

export type SyncService = ReturnType<typeof createSyncService>
