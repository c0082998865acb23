import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface PurgeCall { method: string, url: string, headers: IncomingHttpHeaders, body: string }

/**
 * Stands in for a cache's purge interface (a Varnish node, the Fastly or Cloudflare API) on
 * 127.0.0.1: records every request and answers with the status `respond` gives.
 */
export async function startPurgeReceiver (respond: (call: PurgeCall) => number = () => 200) {
  const calls: PurgeCall[] = []
  let answer = respond
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      calls.push(call)
      res.writeHead(answer(call), { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    respondWith (next: (call: PurgeCall) => number) { answer = next },
    /** Every key purged so far, from whichever header or body the protocol uses. */
    keys (): string[] {
      return calls.flatMap((call) => {
        const header = call.headers['xkey-softpurge'] ?? call.headers['xkey-purge'] ?? call.headers['surrogate-key']
        if (typeof header === 'string') return header.split(' ')
        return call.body === '' ? [] : (JSON.parse(call.body) as { tags: string[] }).tags
      })
    },
    async close () {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
