/**
 * Readers' comments: the module's one door. The REST plugin (public reads and submission,
 * moderation, erasure, discussion settings), the service factory, the comment policy the articles
 * module applies, and the OpenAPI component schemas.
 */
import type { Principal } from '../../auth/principal.js'
import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import type { Clock } from '../../time.js'
import type { ArticleService } from '../articles/service.js'
import type { EditionService } from '../editions/service.js'
import { createCommentCommands } from './commands.js'
import { createCommentReads } from './service.js'
import { createDiscussionSettings, type DiscussionSettingsService } from './settings.js'

export { commentRoutes } from './routes.js'
export { commentResolvers, type CommentConnectionParent, type CommentEdgeParent } from './resolvers.js'
export { commentMutations } from './mutations.js'
export { componentSchemas as commentComponentSchemas } from './schemas.js'
export { createDiscussionSettings, type DiscussionSettingsService } from './settings.js'
export { createFormTokens, checkWindow, countLinks, fingerprintOf, hashIp, isBlocked, normalizedText, refuse, type FormTokens } from './abuse.js'
export type { ImportedComment, CommentSubmission } from './commands.js'

export interface CommentServiceDeps {
  db: Db
  clock: Clock
  codec: CursorCodec
  config: DiscussionConfig
  secret: string
  changeLog: ChangeLog
  articles: ArticleService
  editions: EditionService
  settings: DiscussionSettingsService
}

export function createCommentService (deps: CommentServiceDeps) {
  const reads = createCommentReads(deps)
  const commands = createCommentCommands({ ...deps, reads })
  return {
    ...reads,
    ...commands,
    settings: deps.settings,
    findModerated: (id: number, actor?: Principal | null) => actor === undefined ? reads.findModeratedUnchecked(id) : reads.findModerated(id, actor)
  }
}

export type CommentService = ReturnType<typeof createCommentService>
