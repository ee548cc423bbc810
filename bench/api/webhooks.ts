/**
 * bench/api/webhooks: outbound webhook delivery on the embedded default (in-memory PGlite) to a
 * real local receiver that verifies every signature with `standardwebhooks`.
 *   1. Throughput: a backlog of events (fee.paid, each for two organizations with several
 *      endpoints each) is fanned out by the outbox consumer and sent by the delivery job;
 *      deliveries/s from the first event to the last receipt (target ≥ 500/s).
 *   2. Latency: events recorded at a steady rate while the consumer loop and the sender run as
 *      on a server; event-to-delivery = receipt time − the event's commit-time timestamp
 *      (target p95 ≤ 1 s).
 *
 *   npm run bench:webhooks
 *
 * Options (env): BENCH_EVENTS (1250), BENCH_ENDPOINTS_PER_ORG (4), BENCH_RATE (20 events/s),
 * BENCH_SECONDS (10). With DATABASE_URL it runs on that PostgreSQL instead.
 */
process.env.NODE_ENV = 'development'
process.env.LOG_LEVEL ??= 'silent'
process.env.SESSION_SECRET ??= 'bench-secret-bench-secret'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1250)
const PER_ORG = Number(process.env.BENCH_ENDPOINTS_PER_ORG ?? 4)
const RATE = Number(process.env.BENCH_RATE ?? 20)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)

const { closeDb, migrate, setDbHandle, openDatabase, db } = await import('#db/client.server.ts')
if (!process.env.DATABASE_URL) setDbHandle(openDatabase({ inMemory: true }))
await migrate()
const { createPartner, createVendor } = await import('#tests/factories/index.ts')
const { recordEvent, startConsumer } = await import('#app/features/events/outbox.server.ts')
const { createEndpoint } = await import('#app/features/webhooks/endpoints.server.ts')
const { fanOutWebhooks, kickWebhookSender, runWebhookSender, WEBHOOK_CONSUMER, webhookDeliveryJob } = await import('#app/features/webhooks/delivery.server.ts')
const { queuePendingWebhooks } = await import('#app/features/webhooks/testing.server.ts')
const { fork } = await import('node:child_process')

const log = (m: string) => console.log(`[bench] ${m}`)
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN
}

await createVendor()
const payer = await createPartner({ name: 'Bench Payer' })
const payee = await createPartner({ name: 'Bench Payee' })
// The receiver runs in its own process, as a customer's would.
type Report = { received: number; duplicates: number; rejected: number; latencies: number[] }
const child = fork(new URL('./webhook-receiver.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'] })
const ask = <T>(message: object) =>
  new Promise<T>((resolve) => {
    child.once('message', (m) => resolve(m as T))
    if (Object.keys(message).length) child.send(message)
  })
const { port } = await ask<{ port: number }>({})
const receiver = {
  url: (path: string) => `http://127.0.0.1:${port}${path}`,
  expect: (path: string, secret: string) => ask({ expect: { path, secret } }),
  report: () => ask<Report>({ report: true }),
}
for (const [i, org] of [payer, payee].entries()) {
  for (let n = 0; n < PER_ORG; n++) {
    const path = `/o${i}/e${n}`
    const { secret } = await createEndpoint(org.admin, { url: receiver.url(path), eventTypes: ['fee.paid', 'fee.confirmed'] })
    await receiver.expect(path, secret)
  }
}
const perEvent = 2 * PER_ORG

let feeSeq = 0
/** One fee.paid event in its own transaction, as the ledger records it. */
async function payFee() {
  await db.transaction(async (tx) => {
    const feeId = `fee${String(++feeSeq).padStart(13, '0')}`
    await recordEvent(tx, {
      type: 'fee.paid',
      actorId: payer.admin.userId,
      orgId: payer.org.id,
      subjectType: 'fee',
      subjectId: feeId,
      payload: { feeId, amount: 150_000, reference: `INV-${feeSeq}`, fromOrgId: payee.org.id, toOrgId: payer.org.id },
      audience: { orgs: [payer.org.id, payee.org.id] },
    })
  })
}

// 1. Throughput: a backlog fanned out and sent.
log(`throughput: ${EVENTS} events × ${perEvent} endpoints = ${EVENTS * perEvent} deliveries`)
for (let i = 0; i < EVENTS; i++) await payFee()
const t0 = performance.now()
await queuePendingWebhooks()
const fanned = performance.now()
const sent = await runWebhookSender()
const t1 = performance.now()
const expected = EVENTS * perEvent
const first = await receiver.report()
if (first.received !== expected || first.rejected || first.duplicates)
  throw new Error(`expected ${expected} verified deliveries, got ${first.received} (${first.rejected} rejected, ${first.duplicates} duplicates)`)
const throughput = expected / ((t1 - t0) / 1000)
log(`  fan-out ${Math.round(fanned - t0)} ms, sending ${Math.round(t1 - fanned)} ms (${sent.delivered} delivered)`)

// 2. Latency: steady events with the consumer loop and the sender running as on a server.
const loop = startConsumer(WEBHOOK_CONSUMER, async (events, tx) => void (await fanOutWebhooks(events, tx)), { intervalMs: 200, afterCommit: () => kickWebhookSender() })
const job = setInterval(() => void webhookDeliveryJob(), 1000)
log(`latency: ${RATE} events/s for ${SECONDS} s (${RATE * perEvent} deliveries/s offered)`)
const total = RATE * SECONDS
const start = performance.now()
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / RATE
  const wait = due - performance.now()
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  await payFee()
  loop.wake()
}
const deadline = Date.now() + 30_000
const latencies: number[] = []
let last = first
for (;;) {
  last = await receiver.report()
  latencies.push(...last.latencies)
  if (last.received >= expected + total * perEvent || Date.now() > deadline) break
  await new Promise((r) => setTimeout(r, 100))
}
clearInterval(job)
await loop.stop()
const got = last.received - expected

console.log('')
console.log(`webhook delivery throughput: ${throughput.toFixed(0)} deliveries/s (target ≥ 500)`)
console.log(`event-to-delivery: p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, max ${Math.max(...latencies)} ms over ${got} deliveries (target p95 ≤ 1000 ms)`)
console.log(`duplicates: ${last.duplicates}, rejected signatures: ${last.rejected}, missing: ${total * perEvent - got}`)
child.disconnect()
await closeDb()
process.exit(0)
export {}
