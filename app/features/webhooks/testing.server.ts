import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { fanOutWebhooks, runWebhookSender, WEBHOOK_CONSUMER } from '#app/features/webhooks/delivery.server.ts'

/** Runs the webhook consumer until the outbox holds nothing more for it (deliveries written, none sent). */
export async function queuePendingWebhooks() {
  let total = 0
  for (;;) {
    const n = (await processBatch(WEBHOOK_CONSUMER, async (events, tx) => void (await fanOutWebhooks(events, tx)))) ?? 0
    if (n === 0) return total
    total += n
  }
}

/** Queues what the outbox holds and sends what is due at `now`. */
export async function flushWebhooks(now = new Date()) {
  await queuePendingWebhooks()
  return runWebhookSender({ now })
}

export type Received = { path: string; id: string; timestamp: number; type: string; body: Record<string, unknown>; signatures: number; at: number }

/**
 * A real HTTP receiver on an ephemeral port, as a customer would write one: it verifies each
 * message's signature with the `standardwebhooks` package and the secret of its path, answers
 * 401 to a bad signature, and can be taken "down" (answering 500) and brought back up.
 */
export async function startReceiver() {
  const secrets = new Map<string, string>()
  const received: Received[] = []
  const rejected: { path: string; reason: string }[] = []
  let failWith: number | null = null
  let requests = 0
  const listeners: ((r: Received) => void)[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests++
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (failWith !== null) {
        res.writeHead(failWith, { 'content-type': 'text/plain' }).end('temporarily unavailable')
        return
      }
      const raw = Buffer.concat(chunks).toString('utf8')
      const secret = secrets.get(path)
      try {
        if (!secret) throw new Error(`no secret for ${path}`)
        const body = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as Record<string, unknown>
        const r: Received = {
          path,
          id: String(req.headers['webhook-id']),
          timestamp: Number(req.headers['webhook-timestamp']),
          type: String(body.type),
          body,
          signatures: String(req.headers['webhook-signature']).split(' ').length,
          at: Date.now(),
        }
        received.push(r)
        for (const l of listeners) l(r)
        res.writeHead(204).end()
      } catch (error) {
        rejected.push({ path, reason: (error as Error).message })
        res.writeHead(401, { 'content-type': 'text/plain' }).end('bad signature')
      }
    })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** The secret a path's messages must be signed with. */
    expect(path: string, secret: string) {
      secrets.set(path, secret)
    },
    received,
    rejected,
    at: (path: string) => received.filter((r) => r.path === path),
    get requests() {
      return requests
    },
    onReceive(listener: (r: Received) => void) {
      listeners.push(listener)
    },
    down(status = 500) {
      failWith = status
    },
    up() {
      failWith = null
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>
