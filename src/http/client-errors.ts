import type { FastifyInstance } from 'fastify'
import type { Socket } from 'node:net'

interface ConnectionError extends Error { code?: string }

/**
 * A request body the client stopped sending (a closed tab, a lost network, the request time
 * limit): node fails the body stream with `aborted` / ECONNRESET. The client's doing, so it is
 * answered (to nobody) and logged at info, without a stack.
 */
export function isClientAbort (error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as ConnectionError).code
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || error.message === 'aborted'
}

const answers: Record<string, { status: number, reason: string, type: string, detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', type: 'request-timeout', detail: 'The request was not received in time.' },
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', type: 'headers-too-large', detail: 'The request headers are too large.' }
}
const malformed = { status: 400, reason: 'Bad Request', type: 'bad-request', detail: 'The request is not valid HTTP.' }

/**
 * Errors of a connection before fastify has a request to route (unparseable HTTP, headers or body
 * too slow): answered as application/problem+json like everything else, then the socket is closed.
 * They are the client's or the network's doing, so they are logged at debug, without a stack.
 */
export function handleClientError (this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  // a reset socket has nobody left to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const answer = (error.code !== undefined ? answers[error.code] : undefined) ?? malformed
  this.log.debug({ code: error.code, status: answer.status }, 'client connection error')
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage
  if (socket.writable && response?.headersSent !== true) {
    const body = JSON.stringify({ type: `${this.problemTypeBase}${answer.type}`, title: answer.reason, status: answer.status, detail: answer.detail })
    // end, then destroy once flushed: destroying at once could drop the answer on a busy socket
    socket.end(`HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`, () => socket.destroy())
    return
  }
  socket.destroy()
}
