// Builds dist/ only when a source is newer than the last build, so `npm start` on a current build
// starts at once. Plain JavaScript on purpose: it runs before anything is compiled, and on `npm ci`
// (the prepare script) where the Docker build has no src/ yet — then there is nothing to build.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const src = join(root, 'src')
const built = join(root, 'dist', 'server.js')

function newestMtime (dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

if (!existsSync(src)) process.exit(0)
const sources = Math.max(newestMtime(src), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'package-lock.json')).mtimeMs)
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0)
process.stdout.write('quire: compiling TypeScript into dist/ (sources changed since the last build)\n')
// tsc rewrites every output, so dist/server.js's time is the build's time. tsc emits even when it
// reports errors: then the build is marked stale again so the next start does not run it
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' })
} catch {
  if (existsSync(built)) utimesSync(built, 0, 0)
  process.exit(1)
}
