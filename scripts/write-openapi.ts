// Regenerates openapi.yaml from the route schemas: `npm run openapi:write`.
import { writeFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

const dir = mkdtempSync(join(tmpdir(), 'quire-openapi-'))
const app = await buildApp({ config: { ...loadConfig({}), databasePath: join(dir, 'openapi.db'), seedDemo: false } })
await app.ready()
const document = app.swagger()
writeFileSync(new URL('../openapi.yaml', import.meta.url), stringify(document, { lineWidth: 0 }))
await app.close()
rmSync(dir, { recursive: true, force: true })
