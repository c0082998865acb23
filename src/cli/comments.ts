import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import type { Db } from '../db/connection.js'
import { createServices } from '../services.js'

export interface Output { out: (text: string) => void, err: (text: string) => void }

const usage = 'usage: quire comments erase --email ADDRESS [--delete] | quire comments recount | quire comments purge\n'

/**
 * `quire comments …`: GDPR erasure of an address (comments anonymised, or deleted with --delete,
 * and its contact messages deleted), the comment count check and repair, and the retention purge
 * of handled contact messages and old address hashes (the running app also does it on a timer). Returns the exit code.
 */
export function runCommentsCommand (db: Db, config: Config, argv: string[], io: Output): number {
  const [sub, ...rest] = argv
  const services = createServices({ db, clock: () => new Date(), config })
  switch (sub) {
    case 'erase': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, delete: { type: 'boolean', default: false } }, strict: true })
      const email = values.email
      if (email === undefined || !/^[^\s@]+@[^\s@]+$/.test(email)) {
        io.err('quire: --email needs an email address\n')
        return 1
      }
      const comments = services.comments.eraseByOperator(email, values.delete ? 'delete' : 'anonymise')
      const messages = services.contact.eraseByEmail(email)
      // the address itself is not echoed: terminal output ends up in logs
      io.out(`erased: ${comments} comments ${values.delete ? 'deleted' : 'anonymised'}, ${messages} contact messages deleted\n`)
      return 0
    }
    case 'recount': {
      if (rest.length > 0) break
      const { checked, fixed } = services.comments.rebuildCounts()
      for (const f of fixed) io.out(`article ${f.articleId}: commentCount was ${f.was}, is ${f.is}\n`)
      io.out(`comment counts checked: ${checked} articles, ${fixed.length} fixed\n`)
      return 0
    }
    case 'purge': {
      if (rest.length > 0) break
      const purged = services.purgeDiscussion()
      io.out(`purged: ${purged.contactMessages} handled contact messages and ${purged.addressHashes} address hashes past retention\n`)
      return 0
    }
  }
  io.err(usage)
  return 1
}
