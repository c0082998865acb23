import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration

/** Runs the project's rules over `src` below `baseDir`; returns "rule: from → to" per violation. */
async function violationsIn (baseDir: string): Promise<string[]> {
  const { output } = await cruise(
    ['src'],
    // the config's own options, so turning off type-only dependencies makes the cycle below pass unseen and this test fail
    { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden ?? [] }, validate: true },
    { extensions: ['.ts', '.js'] },
    { tsConfig: extractTSConfig(join(baseDir, 'tsconfig.json')) }
  )
  const result = output as ICruiseResult
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
}

/** A miniature of src/: one file per layer, each import either allowed or breaking exactly one rule. */
const fixture: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }),
  'src/errors.ts': 'export class DomainError extends Error {}\n',
  'src/search/service.ts': "export const search = (q: string): string => q\n",
  // db/ must not import a capability (search triggers are handed to openDatabase)
  'src/db/connection.ts': "import { search } from '../search/service.js'\nexport const open = (): string => search('x')\n",
  'src/modules/media/service.ts': "export const findMedia = (id: number): number => id\n",
  'src/modules/media/index.ts': "export { findMedia } from './service.js'\n",
  // through the door: allowed
  'src/modules/authors/service.ts': "import { findMedia } from '../media/index.js'\nexport const author = (): number => findMedia(1)\n",
  // around the door: a violation
  'src/modules/galleries/service.ts': "import { findMedia } from '../media/service.js'\nexport const gallery = (): number => findMedia(2)\n",
  // a cycle of types only is still a cycle
  'src/editorial/revisions.ts': "import type { Change } from './changes.js'\nexport interface Revision { change: Change }\n",
  'src/editorial/changes.ts': "import type { Revision } from './revisions.js'\nexport interface Change { revision?: Revision }\n",
  // generated code points at resolvers instead of leaf parent types
  'src/modules/media/resolvers.ts': "export type MediaParent = { id: number }\n",
  'src/graphql/generated.ts': "import type { MediaParent } from '../modules/media/resolvers.js'\nexport type Media = MediaParent\n",
  // a capability's service speaking HTTP
  'src/http/envelope.ts': "export const envelope = <T>(data: T): { data: T } => ({ data })\n",
  'src/feeds/service.ts': "import { envelope } from '../http/envelope.js'\nexport const feed = () => envelope([])\n",
  // production code using the seed
  'src/db/seed/text.ts': "export const words = (s: string): number => s.split(' ').length\n",
  'src/editorial/text-metrics.ts': "import { words } from '../db/seed/text.js'\nexport const count = (s: string): number => words(s)\n"
}

describe('layer boundaries (.dependency-cruiser.cjs)', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quire-boundaries-'))
    for (const [path, text] of Object.entries(fixture)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
  })
  afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

  it('reports each wrong import of a tree shaped like src/, and only those', async () => {
    const found = await violationsIn(dir)
    expect(found.sort()).toEqual([
      'db-is-the-bottom: src/db/connection.ts → src/search/service.ts',
      'capabilities-do-not-use-http-outside-routes: src/feeds/service.ts → src/http/envelope.ts',
      'generated-code-imports-leaf-types-only: src/graphql/generated.ts → src/modules/media/resolvers.ts',
      'module-one-door-between-modules: src/modules/galleries/service.ts → src/modules/media/service.ts',
      // a cycle is reported once, from its first file
      'no-circular: src/editorial/changes.ts → src/editorial/revisions.ts',
      'seed-only-from-cli-demo-start-up-and-tests: src/editorial/text-metrics.ts → src/db/seed/text.ts'
    ].sort())
  }, 60_000)

  it('finds no violation in src/', async () => {
    expect(await violationsIn(root)).toEqual([])
  }, 120_000)
})
