import { parseArgs } from 'node:util'
import type { ApiKeyService } from '../auth/keys.js'
import { apiKeyRoles, type ApiKeyRole } from '../db/schema.js'
import { DomainError } from '../errors.js'

export interface Output { out: (text: string) => void, err: (text: string) => void }

const usage = 'usage: quire keys create --name NAME --role admin|editor|author|preview | quire keys list | quire keys revoke ID\n'
const isRole = (value: string): value is ApiKeyRole => (apiKeyRoles as readonly string[]).includes(value)
const date = (ms: number | null): string => ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** `quire keys …`: the only way to make the first (admin) key; returns the exit code. */
export function runKeysCommand (keys: ApiKeyService, argv: string[], io: Output): number {
  const [sub, ...rest] = argv
  try {
    switch (sub) {
      case 'create': {
        const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' } }, strict: true })
        if (values.name === undefined || values.role === undefined || !isRole(values.role)) {
          io.err(`quire: keys create needs --name and --role (one of ${apiKeyRoles.join(', ')})\n`)
          return 1
        }
        const key = keys.create({ name: values.name, role: values.role })
        io.out(`created key ${key.id} "${key.name}" (${key.role})\n`)
        io.out('token (shown once, store it now):\n')
        io.out(`${key.token}\n`)
        return 0
      }
      case 'list': {
        parseArgs({ args: rest, options: {}, strict: true })
        const rows = keys.list().map((k) => [String(k.id), k.name, k.role, k.prefix, date(k.createdAt), date(k.lastUsedAt), date(k.revokedAt)])
        const header = ['id', 'name', 'role', 'prefix', 'created', 'last used', 'revoked']
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
        for (const row of [header, ...rows]) io.out(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`)
        return 0
      }
      case 'revoke': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true })
        const id = positionals[0]
        if (positionals.length !== 1 || id === undefined || !/^[1-9][0-9]{0,15}$/.test(id)) {
          io.err('quire: keys revoke needs one key id\n')
          return 1
        }
        const key = keys.revoke(Number(id))
        io.out(`revoked key ${key.id} "${key.name}" at ${date(key.revokedAt)}\n`)
        return 0
      }
      default:
        io.err(usage)
        return 1
    }
  } catch (error) {
    if (error instanceof DomainError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`quire: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
