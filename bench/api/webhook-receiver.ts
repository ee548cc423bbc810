/**
 * The bench's receiver, in its own process as a customer's would be: verifies every message with
 * `standardwebhooks` and keeps what it got. Driven over IPC by bench/api/webhooks.ts:
 * `{ expect: { path, secret } }` registers a secret; `{ report: true }` answers the counts and the
 * event-to-receipt latencies (receipt time − the message's `timestamp`) since the last report.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

const hooks = new Map<string, Webhook>()
const ids = new Set<string>()
let received = 0
let duplicates = 0
let rejected = 0
let latencies: number[] = []

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const hook = hooks.get(req.url ?? '')
    try {
      if (!hook) throw new Error('unknown path')
      const body = hook.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as { timestamp: string }
      const id = String(req.headers['webhook-id'])
      if (ids.has(id)) duplicates++
      ids.add(id)
      received++
      latencies.push(Date.now() - new Date(body.timestamp).getTime())
      res.writeHead(204).end()
    } catch {
      rejected++
      res.writeHead(401).end()
    }
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }))

process.on('message', (m: { expect?: { path: string; secret: string }; report?: boolean }) => {
  if (m.expect) {
    hooks.set(m.expect.path, new Webhook(m.expect.secret))
    process.send!({ ok: true })
  }
  if (m.report) {
    process.send!({ received, duplicates, rejected, latencies })
    latencies = []
  }
})
process.on('disconnect', () => process.exit(0))
