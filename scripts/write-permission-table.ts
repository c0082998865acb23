// Rewrites the README's permission table from src/auth/permissions.ts: `npm run docs:permissions`.
import { readFileSync, writeFileSync } from 'node:fs'
import { permissionTable } from '../src/auth/permission-table.js'

const readme = new URL('../README.md', import.meta.url)
const text = readFileSync(readme, 'utf8')
const marked = /(<!-- permission-matrix:start -->\n)[\s\S]*?(\n<!-- permission-matrix:end -->)/
if (!marked.test(text)) throw new Error('README.md has no permission-matrix markers')
writeFileSync(readme, text.replace(marked, (_all, start: string, end: string) => `${start}${permissionTable()}${end}`))
