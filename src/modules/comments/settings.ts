import { eq, sql } from 'drizzle-orm'
import { authorize } from '../../auth/permissions.js'
import type { Principal } from '../../auth/principal.js'
import type { Db } from '../../db/connection.js'
import { createCommitMemo, createCommitStamp } from '../../db/commit-memo.js'
import { diffSummary, type ChangeLog } from '../../editorial/changes.js'
import { discussionSettings, type ArticleCommentStatus } from '../../db/schema.js'
import type { Clock } from '../../time.js'
import type { CommentPolicy } from '../articles/index.js'
import type { EditionService } from '../editions/index.js'
import type { DiscussionSettings } from './schemas.js'

const DAY_MS = 86_400_000
// an edition without a row: comments open, never closed by age, no contact topics
const defaults = { defaultCommentStatus: 'open' as ArticleCommentStatus, closeAfterDays: null as number | null, contactTopics: [] as string[] }

/** An edition's comment defaults and contact topics, and the comment policy derived from them. */
export function createDiscussionSettings ({ db, clock, editions, changeLog }: { db: Db, clock: Clock, editions: EditionService, changeLog: ChangeLog }) {
  const byEdition = db.select().from(discussionSettings).where(eq(discussionSettings.editionId, sql.placeholder('editionId'))).prepare()
  // read for every article shown (its comment status): kept until the database changes (db/commit-memo.ts)
  const rows = createCommitMemo(createCommitStamp(db), (editionIds: number[]) =>
    new Map(editionIds.flatMap((editionId) => { const row = byEdition.get({ editionId }); return row === undefined ? [] : [[editionId, row] as const] })))
  const of = (editionId: number) => rows([editionId])[0] ?? defaults

  /**
   * The article's own setting, else its edition's default; an open section closes by itself
   * `closeAfterDays` after publication (WordPress' "close comments on older posts").
   */
  const policy: CommentPolicy = (record) => {
    const settings = of(record.editionId)
    const status = record.commentStatus ?? settings.defaultCommentStatus
    if (status !== 'open' || settings.closeAfterDays === null || record.publishedAt === null) return status
    return clock().getTime() > record.publishedAt + settings.closeAfterDays * DAY_MS ? 'closed' : 'open'
  }

  const view = (code: string): DiscussionSettings => {
    const row = of(editions.findByCode(code).id)
    return { edition: code, defaultCommentStatus: row.defaultCommentStatus, closeAfterDays: row.closeAfterDays, contactTopics: row.contactTopics }
  }

  return {
    policy,
    topicsOf: (editionId: number): string[] => of(editionId).contactTopics,
    find: view,
    update (code: string, patch: Partial<Omit<DiscussionSettings, 'edition'>>, actor: Principal | null): DiscussionSettings {
      authorize(actor, 'discussion:settings')
      const editionId = editions.findByCode(code).id
      const at = clock().getTime()
      db.transaction(() => {
        const before = of(editionId)
        const next = { ...before, ...patch, editionId, updatedAt: at }
        db.insert(discussionSettings).values(next).onConflictDoUpdate({ target: discussionSettings.editionId, set: next }).run()
        // logged against the edition: every article of it shows the comment status these decide
        changeLog.record({
          entityType: 'edition', entityId: editionId, action: 'updated', at, keyId: actor?.keyId ?? null,
          summary: { edition: code, discussionSettings: diffSummary({ ...before }, { ...before, ...patch }) }
        })
      }, { behavior: 'immediate' })
      return view(code)
    }
  }
}

export type DiscussionSettingsService = ReturnType<typeof createDiscussionSettings>
