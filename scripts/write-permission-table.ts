// Rewrites the permission table of docs/content-management.md from src/auth/permissions.ts: `npm run docs:permissions`.
import { readFileSync, writeFileSync } from 'node:fs'
import { permissionTable } from '../src/auth/permission-table.js'

const doc = new URL('../docs/content-management.md', import.meta.url)
const text = readFileSync(doc, 'utf8')
const marked = /(<!-- permission-matrix:start -->\n)[\s\S]*?(\n<!-- permission-matrix:end -->)/
if (!marked.test(text)) throw new Error('docs/content-management.md has no permission-matrix markers')
writeFileSync(doc, text.replace(marked, (_all, start: string, end: string) => `${start}${permissionTable()}${end}`))
