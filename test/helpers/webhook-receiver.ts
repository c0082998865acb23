import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface Received {
  webhookId: string
  timestamp: string
  headers: IncomingMessage['headers']
  /** The verified, parsed body; null when the signature did not verify. */
  body: { type: string, timestamp: string, data: Record<string, unknown> } | null
  verifyError: string | null
}

/** What the receiver answers to the n-th request (0-based); `hang` never answers. */
export type Responder = (n: number, req: IncomingMessage) => number | 'hang'

/**
 * A webhook receiver on 127.0.0.1 that checks every request the way an integrator would, with the
 * `standardwebhooks` library's Webhook.verify, and records what it got.
 */
export async function startReceiver (options: { secret?: string, respond?: Responder, port?: number } = {}) {
  const received: Received[] = []
  const hanging: ServerResponse[] = []
  let secret = options.secret
  let respond: Responder = options.respond ?? (() => 200)
  let n = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: Received['body'] = null
      let verifyError: string | null = null
      try {
        if (secret === undefined) throw new Error('no secret yet')
        body = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as Received['body']
      } catch (error) {
        verifyError = (error as Error).message
      }
      received.push({ webhookId: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), headers: req.headers, body, verifyError })
      const answer = respond(n++, req)
      if (answer === 'hang') { hanging.push(res); return }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'receiver says no')
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    setSecret (value: string) { secret = value },
    setResponder (value: Responder) { respond = value },
    async close () {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** Polls until `check` returns a value other than undefined/false, or fails after a generous deadline. */
export async function waitFor<T> (check: () => T | undefined | false | Promise<T | undefined | false>, what: string, deadlineMs = 15_000): Promise<T> {
  const until = Date.now() + deadlineMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
