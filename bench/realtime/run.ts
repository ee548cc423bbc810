/**
 * bench/realtime: 1,000 socket.io clients in 100 referral threads (10 per thread, both parties),
 * each posting messages over the real socket contract. In one run it measures, under the same
 * offered load:
 *   1. one app node (in-memory adapter),
 *   2. two app nodes through Redis (the clients of each thread split across the nodes),
 *   3. two nodes again while Redis is frozen for 5 seconds mid-run (`DEBUG SLEEP 5`), then
 *      counts the messages that never reached a client after it caught up (target 0).
 * It prints messages/s, deliveries/s, p50/p99 delivery latency and the ratios
 * (targets: two nodes ≥ 0.7× one node's throughput, p99 ≤ 2×).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/realtime/run.ts
 *
 * Options (env): BENCH_CLIENTS (1000), BENCH_THREADS (100), BENCH_SECONDS (15 per phase),
 * BENCH_INTERVAL_MS (10000: each client posts one message per interval, jittered: 100 messages/s,
 * 1,000 deliveries/s offered). Each node runs in its own process when DATABASE_URL is set.
 * Without DATABASE_URL it uses an in-memory PGlite; without REDIS_URL phases 2 and 3 are skipped.
 */
import { execFileSync, spawn } from 'node:child_process'
import postgres from 'postgres'
import type { Socket } from 'socket.io-client'

process.env.NODE_ENV ??= 'production'
process.env.LOG_LEVEL ??= 'silent'
process.env.SESSION_SECRET ??= 'bench-secret-bench-secret'
process.env.DEMO = '1'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000)
const THREADS = Number(process.env.BENCH_THREADS ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const INTERVAL = Number(process.env.BENCH_INTERVAL_MS ?? 10000)
const REDIS_URL = process.env.REDIS_URL
const PER_THREAD = Math.ceil(CLIENTS / THREADS)

// A database of its own, so nothing else is disturbed.
const baseUrl = process.env.DATABASE_URL
if (baseUrl) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe('drop database if exists pe_bench_realtime with (force)')
  await admin.unsafe('create database pe_bench_realtime')
  await admin.end()
  const u = new URL(baseUrl)
  u.pathname = '/pe_bench_realtime'
  process.env.DATABASE_URL = u.toString()
  process.env.DATABASE_POOL_SIZE ??= '20'
}

const { closeDb, migrate, setDbHandle, openDatabase, db } = await import('#db/client.server.ts')
if (!baseUrl) setDbHandle(openDatabase({ inMemory: true }))
await migrate()
const { createPartner, createUserIn } = await import('#tests/factories/index.ts')
const { submitReferral } = await import('#app/features/referrals/lifecycle.server.ts')
const { findThread, messageRateLimit } = await import('#app/features/messaging/threads.server.ts')
const { connectAs, sessionCookie, startNode } = await import('#app/features/messaging/testing.server.ts')
const { request, ThreadSync } = await import('#app/features/messaging/thread-client.ts')
type Actor = Awaited<ReturnType<typeof createUserIn>>

// Each client posts at most once per interval; the per-user limit stays far above that.
messageRateLimit.max = Math.max(messageRateLimit.max, 100)

const log = (m: string) => console.log(`[bench] ${m}`)
process.on('uncaughtException', (error) => log(`uncaught: ${error instanceof Error ? error.message : String(error)}`))
log(`setting up ${THREADS} threads × ${PER_THREAD} clients (${baseUrl ? 'PostgreSQL' : 'PGlite'})…`)
const setupStarted = Date.now()
const threads: { id: string; members: Actor[] }[] = []
for (let t = 0; t < THREADS; t++) {
  const a = await createPartner({ name: `Bench A${t}` })
  const b = await createPartner({ name: `Bench B${t}` })
  const members: Actor[] = [a.admin, b.admin, a.member, b.member]
  while (members.length < PER_THREAD) members.push(await createUserIn(members.length % 2 === 0 ? a.org.id : b.org.id, 'partner_member'))
  const r = await submitReferral(a.admin, { toOrg: b.org.slug, accountName: `Bench ${t}`, accountDomain: `bench-${t}.example.com`, need: 'Benchmark conversation', feeType: 'none' })
  threads.push({ id: (await findThread(db, 'referral', r.id))!.id, members })
}
for (const t of threads) for (const m of t.members) await sessionCookie(m)
log(`setup done in ${((Date.now() - setupStarted) / 1000).toFixed(1)}s`)

type Phase = { name: string; sent: number; acked: number; failed: number; deliveries: number; latencies: number[]; seconds: number; lost: number; expected: number; duplicates: number }

function pct(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function runPhase(name: string, urls: string[], { freezeRedis = false } = {}): Promise<Phase> {
  const phase: Phase = { name, sent: 0, acked: 0, failed: 0, deliveries: 0, latencies: [], seconds: SECONDS, lost: 0, expected: 0, duplicates: 0 }
  const clients: { socket: Socket; sync: InstanceType<typeof ThreadSync>; seen: Set<number>; threadId: string; actor: Actor }[] = []
  log(`${name}: connecting ${THREADS * PER_THREAD} clients to ${urls.length} node(s)…`)
  let i = 0
  const startSeq = new Map<string, number>()
  for (const t of threads) {
    const [row] = await db.execute(sqlLastSeq(t.id)).then(rowsOf)
    startSeq.set(t.id, Number(row?.last_seq ?? 0))
  }
  const jobs: (() => Promise<void>)[] = []
  for (const t of threads) {
    t.members.forEach((actor, k) => {
      const url = urls[(k + i) % urls.length]!
      jobs.push(async () => {
        let socket: Socket | undefined
        for (let attempt = 1; !socket; attempt++) {
          try {
            socket = await connectAs(url, actor, { reconnection: true })
          } catch (error) {
            if (attempt >= 10) throw error
            await new Promise((r) => setTimeout(r, 200 * attempt))
          }
        }
        const seen = new Set<number>()
        const sync = new ThreadSync(socket, {
          threadId: t.id,
          lastSeq: startSeq.get(t.id)!,
          onMessages: (ms) => {
            const now = Date.now()
            for (const m of ms) {
              if (seen.has(m.seq)) phase.duplicates++
              seen.add(m.seq)
              phase.deliveries++
              const at = Number(/^t=(\d+) /.exec(m.body)?.[1])
              if (at && m.authorId !== actor.userId) phase.latencies.push(now - at)
            }
          },
        })
        clients.push({ socket, sync, seen, threadId: t.id, actor })
      })
    })
    i++
  }
  // Connect 20 at a time, as a real crowd arrives, rather than 1,000 handshakes in one tick.
  const workers = Array.from({ length: 20 }, async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job()
  })
  await Promise.all(workers)
  await new Promise((r) => setTimeout(r, 1500))
  log(`${name}: ${clients.length} clients connected; sending for ${SECONDS}s (one message per client every ~${INTERVAL} ms)…`)

  const started = Date.now()
  const stopAt = started + SECONDS * 1000
  if (freezeRedis && REDIS_URL) {
    setTimeout(
      () => {
        log(`${name}: freezing Redis for 5 s (DEBUG SLEEP 5)…`)
        const u = new URL(REDIS_URL)
        try {
          execFileSync('redis-cli', ['-h', u.hostname, '-p', u.port || '6379', 'debug', 'sleep', '5'], { stdio: 'ignore' })
        } catch {
          log('could not freeze Redis (redis-cli missing or DEBUG disabled)')
        }
        log(`${name}: Redis is back`)
      },
      Math.floor((SECONDS * 1000) / 3),
    )
  }
  const loops = clients.map(async (c, k) => {
    await new Promise((r) => setTimeout(r, (k * INTERVAL) / clients.length))
    let n = 0
    while (Date.now() < stopAt) {
      const ts = Date.now()
      phase.sent++
      const ack = await request(c.socket, 'message:send', { threadId: c.threadId, body: `t=${ts} ${name} #${n}`, clientId: `${name}-${c.actor.userId}-${n}` }, 30_000)
      n++
      if (ack.ok) phase.acked++
      else phase.failed++
      const wait = ts + INTERVAL * (0.5 + Math.random()) - Date.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, stopAt - Date.now()))))
    }
  })
  await Promise.all(loops)
  phase.seconds = (Date.now() - started) / 1000
  // Let live delivery settle, then every client catches up from its last seq (as after a reconnect).
  await new Promise((r) => setTimeout(r, 3000))
  await Promise.all(clients.map((c) => c.sync.sync()))
  for (const c of clients) {
    const [row] = await db.execute(sqlLastSeq(c.threadId)).then(rowsOf)
    const last = Number(row?.last_seq ?? 0)
    const from = startSeq.get(c.threadId)!
    phase.expected += last - from
    for (let s = from + 1; s <= last; s++) if (!c.seen.has(s)) phase.lost++
  }
  for (const c of clients) {
    c.sync.stop()
    c.socket.disconnect()
  }
  await new Promise((r) => setTimeout(r, 500))
  return phase
}

const { sql } = await import('drizzle-orm')
const sqlLastSeq = (id: string) => sql`select last_seq from threads where id = ${id}`
const rowsOf = (r: unknown) => (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as { last_seq: string }[]

function report(p: Phase) {
  const sorted = [...p.latencies].sort((a, b) => a - b)
  return {
    phase: p.name,
    'messages/s': +(p.acked / p.seconds).toFixed(1),
    'deliveries/s': +(p.deliveries / p.seconds).toFixed(1),
    'p50 ms': pct(sorted, 50),
    'p99 ms': pct(sorted, 99),
    sent: p.sent,
    failed: p.failed,
    'lost after catch-up': p.lost,
    duplicates: p.duplicates,
  }
}

/** Each node is its own process on the same database (PostgreSQL); PGlite runs the nodes in-process. */
async function spawnNode(redisUrl?: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!baseUrl) {
    const node = await startNode({ redisUrl })
    return { url: node.url, stop: () => node.close() }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/realtime/node.ts'], {
    env: { ...process.env, BENCH_NODE_REDIS: redisUrl ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += String(chunk)
      const m = /READY (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`bench node exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

const results: Phase[] = []
{
  const node = await spawnNode()
  results.push(await runPhase('one-node', [node.url]))
  await node.stop()
}
if (REDIS_URL) {
  const a = await spawnNode(REDIS_URL)
  const b = await spawnNode(REDIS_URL)
  results.push(await runPhase('two-nodes', [a.url, b.url]))
  results.push(await runPhase('two-nodes-redis-frozen-5s', [a.url, b.url], { freezeRedis: true }))
  await b.stop()
  await a.stop()
} else {
  log('REDIS_URL is not set: the two-node phases are skipped')
}

console.table(results.map(report))
const [one, two, frozen] = results.map(report)
if (one && two) {
  const throughput = two['messages/s'] / one['messages/s']
  const p99 = two['p99 ms'] / one['p99 ms']
  console.log(`two nodes / one node throughput: ${throughput.toFixed(2)}× (target ≥ 0.7) ${throughput >= 0.7 ? 'OK' : 'BELOW TARGET'}`)
  console.log(`two nodes / one node p99 latency: ${p99.toFixed(2)}× (target ≤ 2) ${p99 <= 2 ? 'OK' : 'ABOVE TARGET'}`)
}
if (frozen) console.log(`messages lost with Redis frozen for 5 s, after catch-up: ${frozen['lost after catch-up']} (target 0) ${frozen['lost after catch-up'] === 0 ? 'OK' : 'LOST MESSAGES'}`)
await closeDb()
process.exit(0)
