import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

// @quire/client's types are generated from openapi.yaml (`npm run client:generate`, which
// `npm run openapi:write` runs too) and checked in; a contract change without them fails here.
it('packages/client/src/schema.d.ts is what openapi-typescript makes of openapi.yaml', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quire-client-types-'))
  try {
    const out = join(dir, 'schema.d.ts')
    await promisify(execFile)(join(root, 'node_modules/.bin/openapi-typescript'), ['openapi.yaml', '-o', out], { cwd: root })
    expect(readFileSync(join(root, 'packages/client/src/schema.d.ts'), 'utf8'), 'run `npm run client:generate`').toBe(readFileSync(out, 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
