/** A fenced code block of a Markdown file that documents a request. */
export interface Example {
  file: string
  /** 1-based line of the opening fence, for failure messages. */
  line: number
  kind: 'shell' | 'graphql'
  text: string
  /** Preceded by `<!-- illustrative … -->`: shown to readers, not run. */
  illustrative: boolean
}

const fence = /^```([A-Za-z]*)\s*$/
const illustrativeMarker = /^<!--\s*illustrative\b/

/**
 * The request examples of one Markdown file, in order: ```sh/```bash blocks that call curl and
 * ```graphql blocks. Other blocks (json, http, text, shell blocks without curl) are output or
 * commands for a terminal, not requests.
 */
export function extractExamples (file: string, markdown: string): { examples: Example[], strayMarkers: number[] } {
  const lines = markdown.split('\n')
  const examples: Example[] = []
  const strayMarkers: number[] = []
  let previous: { text: string, line: number } | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const open = fence.exec(line)
    if (open === null) {
      if (line.trim() !== '') {
        if (previous !== null && illustrativeMarker.test(previous.text)) strayMarkers.push(previous.line)
        previous = { text: line.trim(), line: i + 1 }
      }
      continue
    }
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!)
    const lang = open[1]!.toLowerCase()
    const text = body.join('\n')
    const illustrative = previous !== null && illustrativeMarker.test(previous.text)
    const kind = (lang === 'sh' || lang === 'bash') && /\bcurl\b/.test(text) ? 'shell' : lang === 'graphql' ? 'graphql' : null
    if (kind !== null) examples.push({ file, line: start + 1, kind, text, illustrative })
    else if (illustrative) strayMarkers.push(previous!.line)
    previous = null
  }
  if (previous !== null && illustrativeMarker.test(previous.text)) strayMarkers.push(previous.line)
  return { examples, strayMarkers }
}

/**
 * Splits a shell block into commands the way a shell reads lines: a newline ends a command unless
 * it is escaped with a backslash or inside quotes; comments run to the end of their line.
 */
export function splitCommands (text: string): string[] {
  const commands: string[] = []
  let current = ''
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote === null && c === '\\' && text[i + 1] === '\n') { i++; current += ' '; continue }
    if (quote === null && c === '#' && (current === '' || /\s$/.test(current))) {
      const end = text.indexOf('\n', i)
      current += end === -1 ? text.slice(i) : text.slice(i, end)
      i = (end === -1 ? text.length : end) - 1
      continue
    }
    if (quote === null && c === '\n') { commands.push(current); current = ''; continue }
    if (quote === null && (c === '"' || c === "'")) quote = c
    else if (quote === c && !(c === '"' && text[i - 1] === '\\')) quote = null
    current += c
  }
  commands.push(current)
  return commands.map((command) => command.trim()).filter((command) => command !== '' && !command.startsWith('#'))
}
