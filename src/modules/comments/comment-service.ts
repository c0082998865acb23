import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import type { Clock } from '../../time.js'
import type { ArticleService } from '../articles/index.js'
import type { EditionService } from '../editions/index.js'
import { createCommentCommands } from './commands.js'
import { createCommentReads } from './service.js'
import type { DiscussionSettingsService } from './settings.js'

/** Comment reads and writes as one service, built once per app and shared by REST, GraphQL and the CLI. */
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
    settings: deps.settings
  }
}

export type CommentService = ReturnType<typeof createCommentService>
