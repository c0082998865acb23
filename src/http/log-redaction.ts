import type { FastifyRequest, FastifyServerOptions } from 'fastify'
import { signingSecretShape, tokenShape } from '../auth/secret-shapes.js'

export const REDACTED = '[redacted]'

/*
 * Query parameter names that carry credentials somewhere on the web: OAuth's access_token, the
 * `key` / `api_key` of many APIs, signed-URL signatures, passwords. Compared without case,
 * dashes or underscores. Names that merely contain one of the fragments count too
 * (`refresh_token`, `client_secret`, `X-Amz-Signature`).
 */
const credentialNames = new Set(['key', 'sig', 'auth', 'pass', 'pwd', 'jwt', 'bearer'])
const credentialFragments = ['token', 'secret', 'passw', 'apikey', 'accesskey', 'privatekey', 'signature', 'credential', 'authoriz', 'session']

const normalise = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, '')

export function isCredentialName (name: string): boolean {
  const n = normalise(name)
  return credentialNames.has(n) || credentialFragments.some((fragment) => n.includes(fragment))
}

/** Our own secrets, whatever parameter they hide in. */
export const looksLikeSecret = (value: string): boolean => tokenShape.test(value) || signingSecretShape.test(value)

function decode (text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Each `name=value` of a query string, decoded, as the server reads it. */
export function queryParameters (url: string): Array<{ name: string, value: string }> {
  const at = url.indexOf('?')
  if (at === -1) return []
  return url.slice(at + 1).split('&').filter((part) => part !== '').map((part) => {
    const eq = part.indexOf('=')
    return eq === -1 ? { name: decode(part), value: '' } : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) }
  })
}

/**
 * The URL with the value of every credential-like parameter (and of any value shaped like one of
 * our tokens or signing secrets) replaced by `[redacted]`; the path and other parameters stay as
 * sent, so a log line still says what was asked for.
 */
export function redactUrl (url: string): string {
  const at = url.indexOf('?')
  if (at === -1) return url
  const query = url.slice(at + 1).split('&').map((part) => {
    const eq = part.indexOf('=')
    if (eq === -1) return looksLikeSecret(decode(part)) ? REDACTED : part
    const name = part.slice(0, eq)
    return isCredentialName(decode(name)) || looksLikeSecret(decode(part.slice(eq + 1))) ? `${name}=${REDACTED}` : part
  })
  return `${url.slice(0, at + 1)}${query.join('&')}`
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route takes personal data from the public (comment and contact forms) or filters by it
     * (an email): its log lines carry neither the client address nor the query string.
     */
    personalData?: boolean
  }
}

/** fastify's own request serializer, with the URL redacted (and no address or query for routes with personal data). */
function serializeRequest (request: FastifyRequest) {
  const personal = request.routeOptions?.config?.personalData === true
  const at = request.url.indexOf('?')
  return {
    method: request.method,
    url: personal && at !== -1 ? `${request.url.slice(0, at)}?${REDACTED}` : redactUrl(request.url),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: personal ? undefined : request.ip,
    remotePort: personal ? undefined : request.socket?.remotePort
  }
}

type LoggerOption = FastifyServerOptions['logger']

/**
 * Logger options with the request serializer that redacts URLs, whoever configured the logger
 * (server.ts, a test): every request log line goes through it.
 */
export function withRedactedUrls (logger: LoggerOption): LoggerOption {
  if (logger === undefined || logger === false) return logger
  const options = logger === true ? {} : logger
  return { ...options, serializers: { ...options.serializers, req: serializeRequest as never } }
}
