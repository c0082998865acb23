import type { DiscussionConfig } from '../../config.js'
import type { Db } from '../../db/connection.js'
import type { ChangeLog } from '../../editorial/changes.js'
import type { CursorCodec } from '../../pagination/cursor.js'
import { toIso, type Clock } from '../../time.js'
import type { DiscussionSettingsService, FormTokens } from '../comments/index.js'
import type { EditionService } from '../editions/index.js'
import { createContactCommands } from './commands.js'
import { createContactReads } from './service.js'

/** Contact messages as one service, built once per app and shared by REST and the CLI. */
export interface ContactServiceDeps {
  db: Db
  clock: Clock
  codec: CursorCodec
  config: DiscussionConfig
  changeLog: ChangeLog
  editions: EditionService
  settings: DiscussionSettingsService
  tokens: FormTokens
}

export function createContactService (deps: ContactServiceDeps) {
  const reads = createContactReads(deps)
  const commands = createContactCommands({ ...deps, reads })
  return {
    ...reads,
    ...commands,
    issueToken (editionCode: string) {
      const code = deps.editions.findByCode(editionCode).code
      const token = deps.tokens.issue(`contact:${code}`, deps.clock().getTime())
      return { token: token.token, notBefore: toIso(token.notBefore), expiresAt: toIso(token.expiresAt) }
    },
    /** The message as the `contact.received` webhook delivers it (read inside the write's transaction). */
    forWebhook: (id: number) => reads.shape(reads.findRow(id))
  }
}

export type ContactService = ReturnType<typeof createContactService>
