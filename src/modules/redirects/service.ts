import { asc, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { redirects, type redirectTargetTypes } from '../../db/schema.js'
import type { Clock } from '../../time.js'
import type { ArticleService } from '../articles/index.js'
import type { CategoryService } from '../categories/index.js'
import type { PageService } from '../pages/index.js'

export type RedirectTargetType = typeof redirectTargetTypes[number]
export interface RedirectTarget { type: RedirectTargetType, id: number }
export interface Redirect { from: string, to: string, status: 301 }

export interface RedirectServiceDeps {
  db: Db
  clock: Clock
  articles: ArticleService
  pages: PageService
  categories: CategoryService
  urls: { category: (edition: string, slug: string) => string, page: (edition: string, slug: string) => string }
}

const EXPORT_CHUNK = 500

/**
 * The one rule for an old path's stored form, used when recording and when asking: the path only
 * (scheme and host dropped), percent-encoding decoded and NFC-normalized (WordPress writes
 * non-Latin slugs encoded, browsers send them either way), a trailing slash, and of the query
 * only WordPress' own `p`, `page_id` and `cat` ids (`/?p=123`). Null for what cannot be a path.
 */
export function normalizeOldPath (input: string): string | null {
  let url: URL
  try {
    url = new URL(input.trim(), 'http://old.invalid')
  } catch {
    return null
  }
  for (const key of ['p', 'page_id', 'cat']) {
    const id = url.searchParams.get(key)
    if (id !== null && /^[1-9][0-9]{0,18}$/.test(id)) return `/?${key}=${id}`
  }
  let path = url.pathname
  try {
    path = decodeURIComponent(path)
  } catch {
    // a stray % stays as it is
  }
  path = path.normalize('NFC').replace(/\/{2,}/g, '/')
  if (!path.endsWith('/')) path += '/'
  return path.length > 2000 ? null : path
}

/**
 * Old URLs of imported content (WordPress permalinks) → the entity that now answers them. The
 * target URL is built when asked, from the entity's current edition and slug, so it follows
 * renames; only public targets answer (a draft's slug is not disclosed).
 */
export function createRedirectService (deps: RedirectServiceDeps) {
  const { db, clock } = deps
  const byPath = db.select().from(redirects).where(eq(redirects.path, sql.placeholder('path'))).prepare()
  const after = db.select().from(redirects).where(gt(redirects.path, sql.placeholder('after'))).orderBy(asc(redirects.path)).limit(sql.placeholder('limit')).prepare()
  const upsert = db.$client.prepare(`insert into redirects (path, target_type, target_id, source, created_at) values (?, ?, ?, ?, ?)
    on conflict (path) do update set target_type = excluded.target_type, target_id = excluded.target_id, source = excluded.source
    where target_type <> excluded.target_type or target_id <> excluded.target_id`)

  /** URLs of public targets, in key order (null: gone or not public). */
  function urlsOf (targets: readonly RedirectTarget[]): Array<string | null> {
    const ids = (type: RedirectTargetType) => targets.filter((t) => t.type === type).map((t) => t.id)
    const found = new Map<string, string>()
    const articleIds = ids('article')
    deps.articles.findByIds(articleIds, { fields: ['id', 'url'] }).forEach((a, i) => {
      if (typeof a?.url === 'string') found.set(`article:${articleIds[i]}`, a.url)
    })
    const pageIds = ids('page')
    deps.pages.findRefsByIds(pageIds).forEach((p, i) => { if (p !== null) found.set(`page:${pageIds[i]}`, deps.urls.page(p.edition, p.slug)) })
    const categoryIds = ids('category')
    deps.categories.findRefsByIds(categoryIds).forEach((c, i) => { if (c !== null) found.set(`category:${categoryIds[i]}`, deps.urls.category(c.edition, c.slug)) })
    return targets.map((t) => found.get(`${t.type}:${t.id}`) ?? null)
  }

  return {
    /**
     * Records old paths for a target (inside the caller's transaction, the importer's item).
     * A path already pointing elsewhere is moved: the newest import wins. Returns how many rows changed.
     */
    record (paths: readonly string[], target: RedirectTarget, source: string | null): number {
      let changed = 0
      const at = clock().getTime()
      for (const raw of new Set(paths)) {
        const path = normalizeOldPath(raw)
        if (path === null || path === '/') continue
        changed += upsert.run(path, target.type, target.id, source, at).changes
      }
      return changed
    },

    resolve (path: string): Redirect | null {
      const from = normalizeOldPath(path)
      if (from === null) return null
      const row = byPath.get({ path: from })
      if (row === undefined) return null
      const to = urlsOf([{ type: row.targetType, id: row.targetId }])[0]
      return to === null || to === undefined ? null : { from, to, status: 301 }
    },

    /** Every answering redirect, in path order, a chunk at a time (for the bulk export). */
    * all (): Generator<Redirect> {
      let cursor = ''
      for (;;) {
        const rows = after.all({ after: cursor, limit: EXPORT_CHUNK })
        if (rows.length === 0) return
        const urls = urlsOf(rows.map((r) => ({ type: r.targetType, id: r.targetId })))
        for (let i = 0; i < rows.length; i++) {
          const to = urls[i]
          if (to !== null && to !== undefined) yield { from: rows[i]!.path, to, status: 301 }
        }
        cursor = rows[rows.length - 1]!.path
      }
    }
  }
}

export type RedirectService = ReturnType<typeof createRedirectService>
