import { parse, type ParseEntry } from 'shell-quote'

/** The one base URL the docs use for the server. */
export const DOCS_BASE_URL = 'http://127.0.0.1:3000'

export interface DocRequest {
  method: string
  /** Path and query, as app.inject takes them. */
  url: string
  headers: Record<string, string>
  body?: string
  /** The status the example documents with a trailing `# → 404`, if any. */
  expectedStatus?: number
  /** What to keep for later examples: a JSON path of the body (`.data.id`) or a response header. */
  capture?: { name: string, from: { jsonPath: string } | { header: string } }
}

/** Short flags that take no argument; `-si` is `-s -i`. */
const switches = new Set(['s', 'S', 'i', 'I', 'v', 'L', 'f', 'G', 'k'])
const longSwitches = new Set(['--silent', '--show-error', '--include', '--head', '--verbose', '--location', '--fail', '--get', '--compressed'])
const dataFlags = new Set(['-d', '--data', '--data-raw', '--data-binary'])

const capturePattern = /^([A-Z_][A-Z0-9_]*)=\$\(([\s\S]*)\)\s*(#.*)?$/

/**
 * Reads one curl command of a documentation example. Only what the docs use is understood; any
 * other option is an error, so an example cannot silently mean something else here than in a
 * terminal. `vars` fills `$NAME` references; an unknown variable is an error.
 */
export function parseCurl (command: string, vars: Record<string, string>): DocRequest {
  const env = (name: string): string => {
    const value = vars[name]
    if (value === undefined) throw new Error(`$${name} is not set by an earlier example`)
    return value
  }
  const captured = capturePattern.exec(command)
  if (captured !== null) {
    const [, name, inner] = captured
    const entries = parse(inner!, env)
    const pipe = entries.findIndex((e) => typeof e === 'object' && 'op' in e && e.op === '|')
    if (pipe === -1) {
      const request = curlOf(entries, command)
      const header = /^%header\{([A-Za-z0-9-]+)\}$/.exec(request.writeOut ?? '')?.[1]
      if (header === undefined) throw new Error(`a capture without jq must use -w '%header{name}': ${command}`)
      return { ...request.request, capture: { name: name!, from: { header: header.toLowerCase() } } }
    }
    const jq = entries.slice(pipe + 1)
    if (jq.length !== 3 || jq[0] !== 'jq' || jq[1] !== '-r' || typeof jq[2] !== 'string' || !/^(\.[A-Za-z0-9_]+)+$/.test(jq[2])) {
      throw new Error(`a capture pipes into exactly \`jq -r .path.to.value\`: ${command}`)
    }
    return { ...curlOf(entries.slice(0, pipe), command).request, capture: { name: name!, from: { jsonPath: jq[2] } } }
  }
  return curlOf(parse(command, env), command).request
}

function curlOf (entries: ParseEntry[], command: string): { request: DocRequest, writeOut?: string } {
  const words: string[] = []
  let expectedStatus: number | undefined
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry)
    else if ('comment' in entry) {
      const documented = /→\s*(\d{3})\b/.exec(entry.comment)
      if (documented !== null) expectedStatus = Number(documented[1])
    } else throw new Error(`shell syntax the docs test does not run (${JSON.stringify(entry)}): ${command}`)
  }
  if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`)
  let method: string | undefined
  let head = false
  let get = false
  let url: string | undefined
  let writeOut: string | undefined
  const headers: Record<string, string> = {}
  const data: string[] = []
  const queryData: string[] = []
  const argument = (i: number): string => {
    const value = words[i + 1]
    if (value === undefined) throw new Error(`${words[i]} needs a value: ${command}`)
    return value
  }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    if (word === '-X' || word === '--request') method = argument(i++)
    else if (word === '-H' || word === '--header') {
      const header = argument(i++)
      const colon = header.indexOf(':')
      if (colon < 1) throw new Error(`malformed header ${header}: ${command}`)
      headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim()
    } else if (dataFlags.has(word)) data.push(argument(i++))
    else if (word === '--data-urlencode') {
      const value = argument(i++)
      const eq = value.indexOf('=')
      queryData.push(eq === -1 ? encodeURIComponent(value) : `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`)
    } else if (word === '-o' || word === '--output') i++
    else if (word === '-w' || word === '--write-out') writeOut = argument(i++)
    else if (longSwitches.has(word)) {
      if (word === '--head') head = true
      if (word === '--get') get = true
    } else if (/^-[A-Za-z]+$/.test(word) && [...word.slice(1)].every((c) => switches.has(c))) {
      if (word.includes('I')) head = true
      if (word.includes('G')) get = true
    } else if (word.startsWith('-')) throw new Error(`curl option ${word} is not understood by the docs test: ${command}`)
    else if (url === undefined) url = word
    else throw new Error(`more than one URL: ${command}`)
  }
  if (url === undefined) throw new Error(`no URL: ${command}`)
  if (!url.startsWith(`${DOCS_BASE_URL}/`)) throw new Error(`examples call ${DOCS_BASE_URL} (mark others <!-- illustrative -->): ${command}`)
  const parsed = new URL(url)
  let query = parsed.search
  const formData = [...(get ? data : []), ...queryData]
  if (formData.length > 0) query = `${query === '' ? '?' : `${query}&`}${formData.join('&')}`
  const body = !get && data.length > 0 ? data.join('&') : undefined
  // curl's own default for -d, so an example that forgets its content type fails here as it would there
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  const request: DocRequest = {
    method: method ?? (head ? 'HEAD' : body !== undefined ? 'POST' : 'GET'),
    url: `${parsed.pathname}${query}`,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(expectedStatus !== undefined ? { expectedStatus } : {})
  }
  return { request, ...(writeOut !== undefined ? { writeOut } : {}) }
}

/** `.data.id` of a parsed JSON body; undefined when a step is missing. */
export function atPath (value: unknown, path: string): unknown {
  return path.slice(1).split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value)
}
