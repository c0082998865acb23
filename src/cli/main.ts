#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../database.js'
import { seedDemo } from '../db/seed/demo.js'
import { seedSynthetic } from '../db/seed/synthetic.js'
import { createServices } from '../services.js'
import { runKeysCommand } from './keys.js'
import { runCommentsCommand } from './comments.js'
import { runBackupCommand } from './backup.js'
import { runImportCommand } from './import-wordpress.js'
import { runSearchCommand } from '../search/command.js'

const usage = `usage: quire <command> [options]

commands:
  migrate                      apply pending migrations to DATABASE_PATH
  seed [--articles N]          add the demo content (if the database is empty), then N synthetic articles
  keys create --name NAME --role ROLE
                               create an API key (roles: admin, editor, author, preview); prints the token once
  keys list                    list API keys (prefix, role, created, last used, revoked)
  keys revoke ID               revoke an API key at once and for good
  search rebuild               rebuild the full-text search index from the articles
  comments erase --email ADDRESS [--delete]
                               GDPR erasure: anonymise (or delete) the address' comments, delete its contact messages
  comments recount             check every article's commentCount against its approved comments, fix the ones off
  backup <file or directory>   consistent online backup of DATABASE_PATH (the server may run), verified
  restore <file> [--database PATH]
                               verify a backup and put it in place of DATABASE_PATH (stop the server first)
  import wordpress FILE [--uploads DIR] [--edition CODE | --editions-from polylang|wpml] [--dry-run] [--json]
                               import a WordPress export (WXR): content, media records, comments, menus, old-URL redirects;
                               re-running it changes only what changed in WordPress
  comments purge               delete handled contact messages past CONTACT_RETENTION_DAYS and address hashes past COMMENTS_IP_RETENTION_DAYS
`

function main (argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv
  let config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`quire: ${error.message}\n`)
      return 1
    }
    throw error
  }
  switch (command) {
    case 'migrate': {
      openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous }).$client.close()
      process.stdout.write(`migrated ${config.databasePath}\n`)
      return 0
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { articles: { type: 'string', default: '0' } }, strict: true })
      const count = values.articles
      if (!/^(0|[1-9][0-9]{0,8})$/.test(count)) {
        process.stderr.write('quire: --articles must be a non-negative integer\n')
        return 1
      }
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
      const now = new Date()
      const started = performance.now()
      const demo = seedDemo(db, { now })
      const synthetic = Number(count) > 0 ? seedSynthetic(db, { articles: Number(count), now }).inserted : 0
      db.$client.close()
      process.stdout.write(`${demo.seeded ? 'demo content seeded' : 'demo content already present'}; ${synthetic} synthetic articles added in ${Math.round(performance.now() - started)} ms\n`)
      return 0
    }
    case 'keys': {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
      try {
        // the app's own services, so a key written here is logged as the API would log it
        return runKeysCommand(createServices({ db, clock: () => new Date(), config }).keys, rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) })
      } finally {
        db.$client.close()
      }
    }
    case 'search': {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
      try {
        return runSearchCommand(db, rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) })
      } finally {
        db.$client.close()
      }
    }
    case 'comments': {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
      try {
        return runCommentsCommand(db, config, rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) })
      } finally {
        db.$client.close()
      }
    }
    case 'backup': case 'restore':
      return runBackupCommand(command, config, rest, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) })
    case 'import': {
      const db = openDatabase(config.databasePath, { synchronous: config.sqliteSynchronous })
      const io = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text), isTty: process.stderr.isTTY === true }
      return runImportCommand(db, config, rest, io).finally(() => db.$client.close())
    }
    default:
      process.stderr.write(usage)
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1
  }
}

/** A mistyped option or argument is a one-line message and the usage, not a stack trace. */
async function run (argv: string[]): Promise<number> {
  try {
    return await main(argv)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      process.stderr.write(`quire: ${(error as Error).message}\n${usage}`)
      return 1
    }
    throw error
  }
}

process.exitCode = await run(process.argv.slice(2))
