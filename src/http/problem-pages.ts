import type { FastifyInstance } from 'fastify'
import { escapeUTF8 as escapeXml } from 'entities'
import { serveStaticAsset } from './static-asset.js'

interface ProblemTypeDoc { status: number, title: string, text: string }

/**
 * Every problem `type` Quire answers with (problem.ts, client-errors.ts, guards), each explained
 * on the page its absolute URI resolves to (RFC 9457 §4: a type URI should lead to human-readable
 * documentation). A test checks that every type the code can send is listed here.
 */
export const problemTypes: Record<string, ProblemTypeDoc> = {
  'validation-error': { status: 400, title: 'Invalid request', text: 'A parameter, query string or body did not match the operation\'s schema. `errors` names each offending part (`query.limit`, `body.title`) with the reason. Nothing was changed.' },
  'invalid-parameter': { status: 400, title: 'Invalid parameter', text: 'A value had the right shape but cannot be used (an unknown edition, a cursor from another list, a date range that ends before it starts). `errors` names the parameter.' },
  'bad-request': { status: 400, title: 'Bad Request', text: 'The request is not valid HTTP, or its Content-Length does not match its body.' },
  'malformed-json': { status: 400, title: 'Malformed JSON', text: 'The body was declared as JSON but is not valid JSON (or is empty).' },
  'nesting-too-deep': { status: 400, title: 'JSON nested too deeply', text: 'The body nests objects and arrays deeper than any Quire operation needs.' },
  'credentials-in-url': { status: 400, title: 'Credentials in the URL', text: 'An API key was sent in the query string, where proxies and logs keep it. Send it as `Authorization: Bearer <key>`, and revoke the exposed key.' },
  'unauthorized': { status: 401, title: 'Unauthorized', text: 'The operation needs an API key, or the key sent is malformed, unknown or revoked. Send `Authorization: Bearer <key>`; keys are made with `quire keys create`.' },
  'forbidden': { status: 403, title: 'Forbidden', text: 'The API key is valid but its role may not do this (see the permission matrix in docs/content-management.md).' },
  'not-found': { status: 404, title: 'Not Found', text: 'Nothing public (or visible to this key) exists at this URL.' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed', text: 'The path exists but not with this method. The `Allow` header lists the methods it answers.' },
  'request-timeout': { status: 408, title: 'Request Timeout', text: 'The request headers or body did not arrive in time. The connection is closed.' },
  'conflict': { status: 409, title: 'Conflict', text: 'The change conflicts with the current state (a slug already taken, an edition still in use).' },
  'secret-not-replayed': { status: 409, title: 'Secret not replayed', text: 'An idempotent retry would have to return a secret (an API key or a webhook signing secret) shown once already; it is never shown twice.' },
  'precondition-failed': { status: 412, title: 'Precondition Failed', text: 'The `If-Match` ETag is not the resource\'s current version: someone changed it since you read it. Read it again, re-apply your change, and retry.' },
  'payload-too-large': { status: 413, title: 'Payload Too Large', text: 'The request body is larger than the operation accepts.' },
  'uri-too-long': { status: 414, title: 'URI Too Long', text: 'The request URL is longer than the server accepts.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type', text: 'The body is not of a type this operation takes: writes take `application/json`; a media upload takes `multipart/form-data` with a file of an accepted kind, judged by its bytes (docs/media.md).' },
  'range-not-satisfiable': { status: 416, title: 'Range Not Satisfiable', text: 'The `Range` asked for bytes outside the file. `Content-Range: bytes */<size>` gives its size.' },
  'invalid-file': { status: 422, title: 'Unprocessable Content', text: 'The uploaded file is of an accepted kind but cannot be used: it is truncated or damaged, an image has more pixels than allowed, or its declared name or type contradicts its bytes (docs/media.md).' },
  'invalid-transition': { status: 422, title: 'Unprocessable Content', text: 'The request is well-formed but the workflow does not allow it now (publishing an archived article, replying beyond the maximum depth).' },
  'precondition-required': { status: 428, title: 'Precondition Required', text: 'This server requires `If-Match` (REQUIRE_IF_MATCH) on writes to existing resources, so no update is lost. Send the ETag you read.' },
  'rate-limited': { status: 429, title: 'Too Many Requests', text: 'Too many requests from this client in the current window. Wait for the number of seconds in `Retry-After`; `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` describe the window.' },
  'headers-too-large': { status: 431, title: 'Request Header Fields Too Large', text: 'The request headers are larger than the server accepts.' },
  'internal': { status: 500, title: 'Internal Server Error', text: 'Something failed on the server. The response says nothing of the cause; the `X-Request-Id` header identifies it in the server log.' },
  'overloaded': { status: 503, title: 'Service Unavailable', text: 'The server is shedding load (event loop or memory pressure). Retry after the number of seconds in `Retry-After`.' },
  'storage-unavailable': { status: 503, title: 'Service Unavailable', text: 'The server cannot use its database right now. Nothing was changed; retry after `Retry-After`.' },
  'database-busy': { status: 503, title: 'Service Unavailable', text: 'Other processes kept the database busy with their writes for longer than this write could wait. Nothing was changed; retry after `Retry-After`.' },
  'shutting-down': { status: 503, title: 'Service Unavailable', text: 'This instance is shutting down. Retry: another instance (or this one, restarted) will answer.' },
  'insufficient-storage': { status: 507, title: 'Insufficient Storage', text: 'The server\'s storage is full, so the change cannot be stored. Nothing was changed.' }
}

const code = (text: string): string => escapeXml(text).replace(/`([^`]+)`/g, '<code>$1</code>')

function page (title: string, body: string): string {
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeXml(title)} — Quire API</title></head>\n<body>\n${body}\n</body>\n</html>\n`
}

/**
 * `GET /problems/<name>`: the page each problem `type` URI resolves to, and `/problems` listing them.
 * Plain HTML with no script or style, so the API's own `default-src 'none'` CSP fits it.
 */
export function registerProblemPages (app: FastifyInstance, { baseUrl }: { baseUrl: string }): void {
  const entries = Object.entries(problemTypes)
  for (const [name, doc] of entries) {
    serveStaticAsset(app, `/problems/${name}`, {
      contentType: 'text/html; charset=utf-8',
      body: page(doc.title, `<h1>${escapeXml(doc.title)}</h1>\n<p>HTTP status <strong>${doc.status}</strong>, problem type <code>${name}</code>.</p>\n<p>${code(doc.text)}</p>\n<p>The body is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>instance</code> and, for invalid input, <code>errors</code>. <a href="${baseUrl}/problems">All problem types</a>.</p>`)
    })
  }
  serveStaticAsset(app, '/problems', {
    contentType: 'text/html; charset=utf-8',
    body: page('Problem types', `<h1>Problem types</h1>\n<ul>\n${entries.map(([name, doc]) => `<li><a href="${baseUrl}/problems/${name}">${name}</a> (${doc.status}): ${escapeXml(doc.title)}</li>`).join('\n')}\n</ul>`)
  })
}
