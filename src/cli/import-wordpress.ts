import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import type { Db } from '../db/connection.js'
import { importWordPress, type ImportReport } from '../importers/wordpress/importer.js'
import { WxrFormatError } from '../importers/wordpress/wxr-types.js'
import { createServices } from '../services.js'
import { createFrontendUrls } from '../frontend-urls.js'

interface Io { out: (text: string) => void, err: (text: string) => void, isTty: boolean }

const usage = 'usage: quire import wordpress <export.xml> [--uploads <dir>] [--edition <code> | --editions-from polylang|wpml] [--dry-run] [--json]\n'

function summary (report: ImportReport): string {
  const lines = [`${report.dryRun ? 'dry run (nothing written) of' : 'imported'} ${report.source} (editions from ${report.editionSource})`]
  for (const [kind, c] of Object.entries(report.counts)) {
    if (c.imported + c.updated + c.unchanged + c.skipped + c.failed === 0) continue
    lines.push(`  ${kind.padEnd(9)} imported ${c.imported}, updated ${c.updated}, unchanged ${c.unchanged}, skipped ${c.skipped}, failed ${c.failed}`)
  }
  if (Object.keys(report.unknownShortcodes).length > 0) lines.push(`  shortcodes kept as text: ${Object.entries(report.unknownShortcodes).map(([n, c]) => `[${n}] ×${c}`).join(', ')}`)
  if (report.missingFiles.length > 0) lines.push(`  files not found in --uploads (kept as external URLs): ${report.missingFiles.length}`, ...report.missingFiles.slice(0, 20).map((f) => `    ${f}`))
  if (report.warnings.length > 0) lines.push(`warnings (${report.warnings.length + report.moreWarnings}):`, ...report.warnings.map((w) => `  ${w.type} ${w.wpId} "${w.title}": ${w.message}`))
  if (report.moreWarnings > 0) lines.push(`  … and ${report.moreWarnings} more`)
  return lines.join('\n') + '\n'
}

/** Something usable came in (or was already there): otherwise the exit status says the import failed. */
const anythingUseful = (report: ImportReport): boolean =>
  (['article', 'page', 'media', 'category', 'author', 'menu'] as const).some((k) => report.counts[k].imported + report.counts[k].updated + report.counts[k].unchanged > 0)

/**
 * `quire import wordpress`: the import with a progress line (redrawn on a terminal, one line per
 * step otherwise) and the report at the end (or as JSON). Exit 1 when the file cannot be read as
 * WXR or nothing could be imported, 0 otherwise (warnings included).
 */
export async function runImportCommand (db: Db, config: Config, args: string[], io: Io): Promise<number> {
  const [what, ...rest] = args
  if (what !== 'wordpress') {
    io.err(usage)
    return 1
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { uploads: { type: 'string' }, edition: { type: 'string' }, 'editions-from': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }
  })
  const editionsFrom = values['editions-from']
  if (positionals.length !== 1 || (editionsFrom !== undefined && editionsFrom !== 'polylang' && editionsFrom !== 'wpml') || (editionsFrom !== undefined && values.edition !== undefined)) {
    io.err(usage)
    return 1
  }
  const services = createServices({ db, clock: () => new Date(), config })
  const actor = services.keys.systemActor(`WordPress import ${new Date().toISOString()}`, 'admin')
  const started = performance.now()
  let lastDraw = 0
  const progress = ({ phase, done, total }: { phase: string, done: number, total: number }) => {
    const seconds = (performance.now() - started) / 1000
    const line = `${phase}: ${done}/${total} (${Math.round(done / Math.max(seconds, 0.001))}/s)`
    if (io.isTty) {
      if (performance.now() - lastDraw < 100 && done !== total) return
      lastDraw = performance.now()
      io.err(`\r${line}\u001b[K`)
    } else if (done === total || done % 5000 === 0) io.err(`${line}\n`)
  }
  try {
    const report = await importWordPress({
      db, clock: () => new Date(), embedHosts: config.videoEmbedHosts, actor,
      ...services, urls: createFrontendUrls(config)
    }, {
      file: positionals[0]!,
      ...(values.uploads !== undefined ? { uploads: values.uploads } : {}),
      ...(values.edition !== undefined ? { edition: values.edition } : {}),
      ...(editionsFrom !== undefined ? { editionsFrom } : {}),
      dryRun: values['dry-run'] === true,
      onProgress: progress
    })
    if (io.isTty) io.err('\n')
    io.out(values.json === true ? JSON.stringify(report, null, 2) + '\n' : summary(report))
    if (!anythingUseful(report)) {
      io.err('quire: nothing could be imported from this export\n')
      return 1
    }
    return 0
  } catch (error) {
    if (error instanceof WxrFormatError) {
      io.err(`quire: ${error.message}\n`)
      return 1
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`quire: no such file: ${positionals[0]}\n`)
      return 1
    }
    throw error
  }
}
