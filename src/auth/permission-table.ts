import { operations, permissionMatrix, roles, type Grant } from './permissions.js'

const cell: Record<Grant, string> = { all: '✓', own: 'own', ownDraft: 'own drafts', none: '–' }

/** The permission matrix as the Markdown table docs/content-management.md shows (a test keeps the two equal). */
export function permissionTable (): string {
  const lines = [
    `| operation | what it allows | ${roles.join(' | ')} |`,
    `|---|---|${roles.map(() => '---').join('|')}|`,
    ...operations.map((op) => `| \`${op}\` | ${permissionMatrix[op].description} | ${roles.map((role) => cell[permissionMatrix[op].grants[role]]).join(' | ')} |`)
  ]
  return lines.join('\n')
}
