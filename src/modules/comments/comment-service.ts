import type { ChangeLog } from '../../editorial/changes.js'
import { createCommentCommands } from './commands.js'
import { createCommentReads, type CommentReadDeps } from './service.js'

/** Comment reads and writes as one service, built once per app and shared by REST, GraphQL and the CLI. */
export interface CommentServiceDeps extends CommentReadDeps {
  changeLog: ChangeLog
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
