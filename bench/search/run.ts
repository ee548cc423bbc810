/**
 * Search benchmark (PostgreSQL engine and Meilisearch): seeds 5,000 active partners and 50,000 published listings into a
 * dedicated database, builds the index, then fires 500 mixed queries (typos, filters, facets,
 * sorts, pages) at GET /api/v1/search of the real app (Express + Remix production build, in its
 * own process) with a fixed concurrency, and the same number of requests at a bare Node HTTP
 * server (its own process) that returns a stored search response from memory. Prints p50/p95
 * latency, requests/s and the ratio; then measures commit-to-searchable lag through the outbox.
 * When a Meilisearch binary is found (MEILI_BIN, else the cache folder; scripts/lib/meili.ts), it
 * then starts a server, rebuilds its index from the same database, and runs the same queries and
 * lag probes against the app configured for it, printing all three side by side.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/search/run.ts [--reseed] [--build] [--concurrency=16] [--no-uncached] [--no-meili] [--no-postgres]
 *
 * Needs the production build (build/server/index.js); --build (or a missing build) runs `remix vite:build`;
 * BENCH_BUILD=<folder> runs the app from another build instead (a copy made before a change, for before/after pairs).
 * The database `pe_bench_search` (or BENCH_DB) is reused between runs unless --reseed. --no-postgres skips the
 * PostgreSQL engine's measurements (the bare server and Meilisearch only).
 * Targets for both engines: p95 ≤ 50 ms, throughput ≥ 0.25× bare, lag p95 ≤ 1 s.
 */
import { execSync, fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { closeDb, migrate, openDatabase, setDbHandle } from '#db/client.server.ts'
import { rebuildSearchIndex } from '#search/sync.server.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('bench/search needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).')
  process.exit(2)
}
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const BENCH_DB = process.env.BENCH_DB || 'pe_bench_search'
const PARTNERS = 5_000
const LISTINGS = 50_000
const QUERIES = 500
const CONCURRENCY = Number(arg('concurrency') ?? 16)
const LAG_SAMPLES = 40
const reseed = process.argv.includes('--reseed')
const noPostgres = process.argv.includes('--no-postgres')

// ── database ────────────────────────────────────────────────────────────────────────────────
const admin = postgres(url, { max: 1, onnotice: () => {} })
const exists = (await admin`select 1 from pg_database where datname = ${BENCH_DB}`).length > 0
if (exists && reseed) await admin.unsafe(`drop database "${BENCH_DB}" with (force)`)
if (!exists || reseed) await admin.unsafe(`create database "${BENCH_DB}"`)
await admin.end()
const benchUrl = new URL(url)
benchUrl.pathname = `/${BENCH_DB}`
process.env.DATABASE_URL = benchUrl.toString()
const handle = openDatabase({ databaseUrl: benchUrl.toString() })
setDbHandle(handle)
await migrate(handle)
if (handle.driver !== 'postgres') throw new Error('unreachable')
const pg = handle.sql

const TOPICS = [
  'Healthcare data integration',
  'Cloud migration',
  'Managed security operations',
  'Kubernetes platform operations',
  'ERP implementation',
  'CRM rollout',
  'Payments modernization',
  'Identity and access management',
  'Data warehouse design',
  'Observability and monitoring',
  'Backup and disaster recovery',
  'Zero trust networking',
  'Retail analytics',
  'Supply chain visibility',
  'Customer support automation',
  'Machine learning operations',
  'Compliance reporting',
  'Mainframe modernization',
  'Edge computing',
  'Contact center transformation',
  'Document management',
  'Ecommerce platform',
  'Field service management',
  'Employee onboarding',
  'Clinical workflow automation',
  'Fraud detection',
  'Energy trading analytics',
  'Student information systems',
  'Network automation',
  'Digital marketing',
]
const NOUNS = ['assessment', 'accelerator', 'connector', 'blueprint', 'managed service', 'suite', 'toolkit', 'workshop', 'platform', 'program']
const PREFIXES = ['North', 'Blue', 'Silver', 'Bright', 'Iron', 'Cedar', 'Harbor', 'Summit', 'Granite', 'Nova', 'Atlas', 'Vertex', 'Orbit', 'Pioneer', 'Sterling']
const SUFFIXES = ['Systems', 'Cloud', 'Consulting', 'Partners', 'Labs', 'Digital', 'Integrators', 'Networks', 'Solutions', 'Analytics']
const CATEGORIES = [
  'Cloud migration',
  'Security',
  'Data and analytics',
  'Integration',
  'Implementation',
  'Operations',
  'AI and machine learning',
  'Industry solutions',
  'Networking',
  'Customer experience',
  'Finance',
  'Productivity',
]
const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`

const [{ n: listingCount }] = await pg<{ n: number }[]>`select count(*)::int as n from listings where id like 'bl%'`
if (listingCount !== LISTINGS) {
  const t0 = performance.now()
  console.log(`Seeding ${PARTNERS.toLocaleString('en')} partners and ${LISTINGS.toLocaleString('en')} listings …`)
  await pg.unsafe(`truncate organizations, listings, listing_versions, listing_categories, search_documents, search_words, search_index_state, search_changes, domain_events, outbox_cursors cascade`)
  await pg.unsafe(`insert into listing_categories (id, slug, name, position)
    select 'bc' || i, lower(regexp_replace(c, '[^A-Za-z]+', '-', 'g')), c, i from unnest(${sqlArray(CATEGORIES)}) with ordinality as t(c, i)`)
  await pg.unsafe(`insert into organizations (id, kind, name, slug, status, created_at) values ('bvendor', 'vendor', 'Bench Vendor', 'bench-vendor', 'active', now())`)
  await pg.unsafe(`
    insert into organizations (id, kind, name, slug, partner_type, tier, status, regions, industries, skills, tagline, description, approved_at, created_at)
    select 'bp' || g, 'partner',
      (${sqlArray(PREFIXES)})[1 + g % ${PREFIXES.length}] || ' ' || (${sqlArray(SUFFIXES)})[1 + (g / ${PREFIXES.length}) % ${SUFFIXES.length}] || ' ' || g,
      'bench-partner-' || g,
      (array['reseller','technology','systems_integrator','msp','referral','hyperscaler','distributor'])[1 + g % 7],
      (array['registered','silver','gold','platinum'])[1 + (g / 7) % 4],
      'active',
      case g % 5 when 0 then array['NA'] when 1 then array['EMEA','NA'] when 2 then array['APAC'] when 3 then array['LATAM','EMEA'] else array['EMEA'] end,
      array[(array['healthcare','financial_services','manufacturing','retail','public_sector','education','technology','energy','media','telecom'])[1 + g % 10],
            (array['healthcare','financial_services','manufacturing','retail','public_sector','education','technology','energy','media','telecom'])[1 + (g * 3 + 1) % 10]],
      array[lower((${sqlArray(TOPICS)})[1 + g % ${TOPICS.length}])],
      (${sqlArray(TOPICS)})[1 + g % ${TOPICS.length}] || ' specialists',
      'We deliver ' || lower((${sqlArray(TOPICS)})[1 + g % ${TOPICS.length}]) || ' and ' || lower((${sqlArray(TOPICS)})[1 + (g * 7) % ${TOPICS.length}]) || ' for our customers.',
      now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
    from generate_series(1, ${PARTNERS}) g`)
  await pg.unsafe(`
    insert into listings (id, org_id, kind, slug, status, published_at, created_at)
    select 'bl' || g, 'bp' || (1 + g % ${PARTNERS}), (array['service','solution','app'])[1 + g % 3], 'bench-listing-' || g, 'published',
      now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
    from generate_series(1, ${LISTINGS}) g`)
  await pg.unsafe(`
    insert into listing_versions (id, listing_id, number, status, title, summary, body, category_ids, industries, regions, published_at)
    select 'bv' || g, 'bl' || g, 1, 'published',
      (${sqlArray(TOPICS)})[1 + g % ${TOPICS.length}] || ' ' || (${sqlArray(NOUNS)})[1 + (g / ${TOPICS.length}) % ${NOUNS.length}] || ' ' || g,
      'A ' || (${sqlArray(NOUNS)})[1 + g % ${NOUNS.length}] || ' for ' || lower((${sqlArray(TOPICS)})[1 + (g * 11) % ${TOPICS.length}]) || ' teams.',
      'What you get: ' || lower((${sqlArray(TOPICS)})[1 + g % ${TOPICS.length}]) || ', delivered by certified consultants. We also cover ' || lower((${sqlArray(TOPICS)})[1 + (g * 13) % ${TOPICS.length}]) || '.',
      array['bc' || (1 + g % ${CATEGORIES.length}), 'bc' || (1 + (g * 5 + 2) % ${CATEGORIES.length})],
      array[(array['healthcare','financial_services','manufacturing','retail','public_sector','education','technology','energy','media','telecom'])[1 + (g * 7) % 10]],
      case (g * 3) % 5 when 0 then array['NA'] when 1 then array['EMEA'] when 2 then array['APAC','EMEA'] when 3 then array['LATAM'] else array['NA','EMEA'] end,
      now() - (g || ' seconds')::interval
    from generate_series(1, ${LISTINGS}) g`)
  await pg.unsafe(`update listings l set published_version_id = 'bv' || substr(l.id, 3) where l.id like 'bl%'`)
  await pg.unsafe('analyze')
  console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

const [{ n: indexed }] = await pg<{ n: number }[]>`select count(*)::int as n from search_documents`
if (indexed < PARTNERS + LISTINGS || reseed) {
  const t0 = performance.now()
  const { documents } = await rebuildSearchIndex({ pageSize: 2000 })
  await pg.unsafe('analyze search_documents; analyze search_words')
  console.log(`Indexed ${documents.toLocaleString('en')} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s (zero-downtime rebuild)`)
}

// ── the production build ────────────────────────────────────────────────────────────────────
const buildFile = path.resolve('build/server/index.js')
if (!process.env.BENCH_BUILD && (process.argv.includes('--build') || !fs.existsSync(buildFile) || !fs.readFileSync(buildFile, 'utf8').includes('api.v1.search'))) {
  console.log('Building the app (remix vite:build) …')
  execSync('npx remix vite:build', { stdio: 'ignore' })
  // Let the build's file writes settle: they slowed the first measurement after a build.
  execSync('sync')
  await new Promise((resolve) => setTimeout(resolve, 3000))
}

// ── load ────────────────────────────────────────────────────────────────────────────────────
function start(script: string, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(script, args, {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-session-secret-0123456789',
      WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY || 'YmVuY2gtd2ViaG9vay1rZXktMzItYnl0ZXMtbG9uZyE=',
      APP_ORIGIN: process.env.APP_ORIGIN || 'http://localhost:3000',
      DATABASE_POOL_SIZE: '20',
      ...extraEnv,
    },
    stdio: ['ignore', process.env.BENCH_NODE_FLAGS ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}
async function stop(child: ChildProcess) {
  child.send('stop')
  await new Promise((r) => child.once('exit', r))
}

// A deterministic mix: typos, plain words, prefixes, synonyms, filters, facets, sorts and pages.
let seed = 42
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!
const TEXTS = [
  'helthcare',
  'integrater',
  'clowd migration',
  'secruity',
  'kubernetes',
  'observabilty',
  'healthcare data',
  'cloud',
  'managed security',
  'erp implementation',
  'SI',
  'MSP',
  'ISV',
  'CRM',
  'fraud detec',
  'payments',
  'zero trust',
  'contact centre',
  'mainframe',
  'analytics',
  'identity access',
  'backup recovery',
  'retail analytics',
  'edge',
]
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM']
const INDUSTRIES = ['healthcare', 'financial_services', 'retail', 'manufacturing', 'public_sector']
const TYPES = ['systems_integrator', 'msp', 'technology', 'reseller']
const TIERS = ['gold', 'platinum', 'silver']
const queries: string[] = []
for (let i = 0; i < QUERIES; i++) {
  const p = new URLSearchParams()
  const shape = i % 10
  if (shape !== 9) p.set('q', pick(TEXTS))
  if (shape >= 3) p.append('region', pick(REGIONS))
  if (shape >= 5) p.append('industry', pick(INDUSTRIES))
  if (shape === 6 || shape === 9) {
    p.append('type', pick(TYPES))
    p.append('type', pick(TYPES))
  }
  if (shape === 7) p.append('tier', pick(TIERS))
  if (shape === 8) p.set('kind', 'partner')
  if (i % 7 === 0) p.set('sort', pick(['newest', 'name']))
  if (i % 11 === 0) p.set('page', String(2 + (i % 3)))
  queries.push(`/api/v1/search?${[...new Set(p.toString().split('&'))].join('&')}`)
}

/** CPU seconds used so far by every process of this machine named `name` (Linux /proc; 0 elsewhere). */
function processCpuSeconds(name: string): number {
  let ticks = 0
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        if (!stat.includes(`(${name})`)) continue
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        ticks += Number(fields[11]) + Number(fields[12])
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0
  }
  return ticks / 100
}
/** PostgreSQL's processes (other sessions' too: on a shared machine a backend that exits takes its ticks along, so this can even go down). */
const postgresCpuSeconds = () => processCpuSeconds('postgres')
/** Every Meilisearch server's on the machine (the bench's own, plus any another session's tests started meanwhile). */
const meiliCpuSeconds = () => processCpuSeconds('meilisearch')
type LoopDelay = { p99: number; max: number }
/** The engine's counters (Meilisearch): searches, answers kept, multi-searches and queries sent, facet counts reused. */
type EngineStats = Record<string, number>
function childCpuSeconds(child: ChildProcess): Promise<{ cpu: number; loopDelay: LoopDelay; search?: EngineStats }> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      const { cpu, loopDelay, search } = m as { cpu?: NodeJS.CpuUsage; loopDelay: LoopDelay; search?: EngineStats }
      if (!cpu) return
      child.off('message', onMessage)
      resolve({ cpu: (cpu.user + cpu.system) / 1e6, loopDelay, search })
    }
    child.on('message', onMessage)
    child.send('cpu')
  })
}

type Run = { p50: number; p95: number; rps: number; errors: number; cpu?: { app: number; postgres: number; meilisearch: number; client: number }; loopDelay?: LoopDelay; search?: EngineStats }
async function measured(child: ChildProcess, run: () => Promise<Run>): Promise<Run> {
  const before = await childCpuSeconds(child)
  const [pg0, meili0, client0] = [postgresCpuSeconds(), meiliCpuSeconds(), process.cpuUsage()]
  const result = await run()
  const client = process.cpuUsage(client0)
  const app = await childCpuSeconds(child)
  // The counters over the measured run alone (the warm-up included, as for the CPU seconds).
  const search = app.search && Object.fromEntries(Object.entries(app.search).map(([k, v]) => [k, v - (before.search?.[k] ?? 0)]))
  return {
    ...result,
    cpu: { app: app.cpu - before.cpu, postgres: postgresCpuSeconds() - pg0, meilisearch: meiliCpuSeconds() - meili0, client: (client.user + client.system) / 1e6 },
    loopDelay: app.loopDelay,
    search,
  }
}
async function load(port: number, paths: string[], { warmUp = true }: { warmUp?: boolean } = {}): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const get = (p: string) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now()
      http
        .get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - t0 : -1))
        })
        .on('error', reject)
    })
  if (warmUp) for (let i = 0; i < 50; i++) await get(paths[i % paths.length]!)
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) {
        const ms = await get(paths[next++]!)
        if (ms < 0) errors++
        else latencies.push(ms)
      }
    }),
  )
  const elapsed = (performance.now() - t0) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))] ?? NaN
  return { p50: q(0.5), p95: q(0.95), rps: paths.length / elapsed, errors }
}

/**
 * Waits until the search consumer has handled every event (what an earlier phase or run left
 * unconsumed): each engine is measured on an index at rest, its kept answers not dropped by a
 * catch-up in the middle of the run.
 */
async function caughtUp() {
  const { consumerLag } = await import('#app/features/events/outbox.server.ts')
  const t0 = performance.now()
  while ((await consumerLag('search')).pending > 0) {
    if (performance.now() - t0 > 60_000) {
      console.log('(the search consumer had not caught up after 60 s; measuring anyway)')
      return
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

const app = await start('bench/search/app-server.ts')
await caughtUp()
const stored = await new Promise<string>((resolve) => {
  http.get({ host: '127.0.0.1', port: app.port, path: '/api/v1/search?q=cloud&region=EMEA' }, (res) => {
    let body = ''
    res.on('data', (c) => (body += c))
    res.on('end', () => resolve(body))
  })
})
const storedFile = path.join(os.tmpdir(), `pe-bench-search-${process.pid}.json`)
fs.writeFileSync(storedFile, stored)
const bare = await start('bench/search/bare-server.ts', [storedFile])

const bareRun = await load(bare.port, queries)
const appRun = noPostgres ? null : await measured(app.child, () => load(app.port, queries))
// The same queries against the engine alone: a second app process with the result cache off (skip with --no-uncached).
let uncachedRun: Run | null = null
if (!noPostgres && !process.argv.includes('--no-uncached')) {
  const uncached = await start('bench/search/app-server.ts', [], { SEARCH_CACHE: '0', WORKERS: 'false' })
  uncachedRun = await measured(uncached.child, () => load(uncached.port, queries))
  await stop(uncached.child)
}

// ── commit-to-searchable lag ────────────────────────────────────────────────────────────────
const { createVendor, createPartner } = await import('#tests/factories/index.ts')
const { approveListing, createListing, submitListing } = await import('#app/features/listings/listings.server.ts')
const vendor = await createVendor()
const partner = await createPartner({ name: `Lag Probe ${Date.now()}` })

/** Wall-clock times of one lag probe: the approval's commit and the first search that found it. */
type Probe = { committedAt: number; foundAt: number }

/** Publishes listings one by one and times each until GET /api/v1/search on `port` finds it (`probes` gets each probe's wall-clock times). */
async function measureLag(port: number, probes: Probe[] = []) {
  const lags: number[] = []
  for (let i = 0; i < LAG_SAMPLES; i++) {
    const token = `lagprobe${Date.now().toString(36)}x${i}`
    const created = await createListing(partner.admin, {
      kind: 'service',
      title: `Probe ${token}`,
      summary: 'A listing that measures how fast search catches up.',
      body: '',
      categoryIds: ['bc1'],
      industries: ['retail'],
      regions: ['NA'],
      pricingModel: 'contact_us',
      removeLogo: false,
      removeScreenshots: [],
    })
    await submitListing(partner.admin, created.id)
    await approveListing(vendor.admin, created.id)
    const committed = performance.now()
    const committedAt = Date.now()
    for (;;) {
      const found = await new Promise<boolean>((resolve) => {
        http.get({ host: '127.0.0.1', port, path: `/api/v1/search?q=${token}` }, (res) => {
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => resolve((JSON.parse(body) as { total: number }).total > 0))
        })
      })
      if (found) break
      if (performance.now() - committed > 10_000) throw new Error('a published listing did not become searchable within 10 s')
      await new Promise((r) => setTimeout(r, 5))
    }
    lags.push(performance.now() - committed)
    probes.push({ committedAt, foundAt: Date.now() })
  }
  return lags.sort((a, b) => a - b)
}

// ── searches while listings are published ───────────────────────────────────────────────────
// Every publish is an index write; the engine's match sets follow the change log, so the same
// 500 queries should cost about what they did on a quiet index.
async function underPublishing(port: number) {
  let publishing = true
  const publisher = (async () => {
    let published = 0
    while (publishing) {
      const created = await createListing(partner.admin, {
        kind: 'service',
        title: `Cloud migration accelerator ${Date.now().toString(36)}`,
        summary: 'Published while searches run.',
        body: '',
        categoryIds: ['bc1'],
        industries: ['retail'],
        regions: ['EMEA'],
        pricingModel: 'contact_us',
        removeLogo: false,
        removeScreenshots: [],
      })
      await submitListing(partner.admin, created.id)
      await approveListing(vendor.admin, created.id)
      published++
    }
    return published
  })()
  const run = await load(port, queries, { warmUp: false })
  publishing = false
  return { run, published: await publisher }
}

const lags = noPostgres ? [] : await measureLag(app.port)
const { run: underWrites, published: publishedMeanwhile } = noPostgres ? { run: null, published: 0 } : await underPublishing(app.port)
await stop(app.child)

// ── Meilisearch: the same queries and lag against a real server (skip with --no-meili) ──────
// The app process is configured for Meilisearch (MEILI_HOST), its index rebuilt from the same
// database first; the search outbox consumer then feeds it, as in production.
type MeiliResult = { run: Run; lags: number[]; underWrites: Run; published: number; indexSeconds: number } | { skipped: string }
let meili: MeiliResult | null = null
let lagPhases: string[] = []

/**
 * Where each probe's lag went, from Meilisearch's own task records (same machine, same clock):
 * `busy` the consumer still waiting on a task enqueued before the commit (the probe's own create
 * and submit events), `enqueue` from then until the first task after the commit was enqueued (the
 * consumer's poll, reading the rows, the HTTP call), `queued` waiting in Meilisearch's queue,
 * `indexing` processing those tasks, `tail` from the last one finishing to the search finding the
 * listing (the consumer noticing the task, committing its cursor, the search). Then the mean
 * duration per batch of the steps Meilisearch reports for those batches.
 */
async function meiliLagPhases(host: string, key: string, probes: Probe[]) {
  const get = async (p: string) => (await fetch(`${host}${p}`, { headers: { authorization: `Bearer ${key}` } })).json()
  type Task = { uid: number; batchUid: number; type: string; enqueuedAt: string; startedAt: string; finishedAt: string }
  const tasks = ((await get('/tasks?indexUids=marketplace&statuses=succeeded&limit=1000')) as { results: Task[] }).results
  const t = (iso: string) => new Date(iso).getTime()
  const phases: Record<string, number[]> = { busy: [], enqueue: [], queued: [], indexing: [], tail: [], tasks: [] }
  const batches = new Set<number>()
  for (const probe of probes) {
    const before = tasks.filter((k) => t(k.enqueuedAt) < probe.committedAt && t(k.finishedAt) > probe.committedAt)
    const after = tasks.filter((k) => t(k.enqueuedAt) >= probe.committedAt && t(k.finishedAt) <= probe.foundAt).sort((a, b) => a.uid - b.uid)
    const busyUntil = Math.max(probe.committedAt, ...before.map((k) => t(k.finishedAt)))
    phases.busy!.push(busyUntil - probe.committedAt)
    phases.tasks!.push(after.length)
    if (!after.length) continue
    phases.enqueue!.push(t(after[0]!.enqueuedAt) - busyUntil)
    phases.queued!.push(after.reduce((sum, k) => sum + t(k.startedAt) - t(k.enqueuedAt), 0))
    phases.indexing!.push(after.reduce((sum, k) => sum + t(k.finishedAt) - t(k.startedAt), 0))
    phases.tail!.push(probe.foundAt - t(after[after.length - 1]!.finishedAt))
    for (const k of after) batches.add(k.batchUid)
  }
  const lines: string[] = []
  const stat = (v: number[]) => {
    const sorted = [...v].sort((a, b) => a - b)
    const mean = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)
    return `mean ${mean.toFixed(1)}, p50 ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(1)}, p95 ${(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN).toFixed(1)}`
  }
  for (const [name, values] of Object.entries(phases)) lines.push(`  ${name.padEnd(9)} ${stat(values)}${name === 'tasks' ? ' (tasks per probe after its commit)' : ' ms'}`)
  // Step durations, e.g. "processing tasks > indexing > …": "12.34ms".
  const parse = (d: string) => {
    const m = /^([\d.]+)(ns|µs|ms|s)$/.exec(d)
    return m ? Number(m[1]) * { ns: 1e-6, µs: 1e-3, ms: 1, s: 1000 }[m[2] as 'ns' | 'µs' | 'ms' | 's'] : 0
  }
  const steps = new Map<string, number>()
  for (const uid of batches) {
    const batch = (await get(`/batches/${uid}`)) as { stats?: { progressTrace?: Record<string, string> } }
    for (const [step, d] of Object.entries(batch.stats?.progressTrace ?? {})) steps.set(step, (steps.get(step) ?? 0) + parse(d))
  }
  const top = [...steps].filter(([, total]) => total / Math.max(1, batches.size) >= 1).sort(([a], [b]) => a.localeCompare(b))
  lines.push(`  per batch (${batches.size} batches), steps of ≥ 1 ms:`)
  for (const [step, total] of top) lines.push(`    ${(total / batches.size).toFixed(1).padStart(7)} ms  ${step}`)
  return lines
}
if (!process.argv.includes('--no-meili')) {
  const { findMeiliBinary, meiliMissingLine, startMeili } = await import('../../scripts/lib/meili.ts')
  const found = findMeiliBinary()
  if (found.path === null) meili = { skipped: meiliMissingLine(found.looked) }
  else {
    const server = await startMeili({ binary: found.path, indexingThreads: Math.max(1, os.cpus().length) })
    try {
      const { MeiliSearchEngine } = await import('#search/meili.server.ts')
      const engine = new MeiliSearchEngine({ host: server.host, apiKey: server.masterKey, index: 'marketplace', requestTimeoutMs: 60_000 })
      const t0 = performance.now()
      await rebuildSearchIndex({ engine, pageSize: 5000 })
      const indexSeconds = (performance.now() - t0) / 1000
      console.log(`Meilisearch: indexed the same documents in ${indexSeconds.toFixed(1)} s`)
      const meiliApp = await start('bench/search/app-server.ts', [], { MEILI_HOST: server.host, MEILI_API_KEY: server.masterKey, MEILI_INDEX: 'marketplace' })
      await caughtUp()
      const run = await measured(meiliApp.child, () => load(meiliApp.port, queries))
      const probes: Probe[] = []
      const meiliLags = await measureLag(meiliApp.port, probes)
      lagPhases = await meiliLagPhases(server.host, server.masterKey, probes)
      const writes = await underPublishing(meiliApp.port)
      await stop(meiliApp.child)
      meili = { run, lags: meiliLags, underWrites: writes.run, published: writes.published, indexSeconds }
    } finally {
      await server.stop()
    }
  }
}

await stop(bare.child)
fs.rmSync(storedFile, { force: true })
await closeDb()

const ms = (v: number) => `${v.toFixed(1)} ms`
const pct = (sorted: number[], f: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * f))]!
const row = (label: string, run: Run, note = '') =>
  `${label.padEnd(19)}${ms(run.p50).padStart(9)}  ${ms(run.p95).padStart(9)}  ${run.rps.toFixed(0).padStart(7)}  ${String(run.errors).padStart(6)}  ${(run.rps / bareRun.rps).toFixed(3).padStart(6)}×${note}`
console.log(
  `\nSearch benchmark — ${PARTNERS.toLocaleString('en')} partners + ${LISTINGS.toLocaleString('en')} listings, ${QUERIES} mixed queries, concurrency ${CONCURRENCY}, ${os.cpus().length} CPUs`,
)
console.log(`(${new Set(queries).size} distinct query strings among the ${QUERIES}; app logs at warn level)`)
console.log(`                     p50        p95        req/s  errors   vs bare`)
console.log(row('bare node server', bareRun))
if (appRun) console.log(row('PostgreSQL engine', appRun, '   (GET /api/v1/search, result cache on: the default)'))
if (uncachedRun) console.log(row('  … cache off', uncachedRun, '   (SEARCH_CACHE=0: every query hits PostgreSQL)'))
if (meili && 'run' in meili) console.log(row('Meilisearch', meili.run, `   (GET /api/v1/search, the app on MEILI_HOST; ${found(meili.run)})`))
function found(run: Run) {
  return run.errors ? `${run.errors} errors` : 'no errors'
}
const verdicts: [string, Run | null][] = [
  ['PostgreSQL (cache on)', appRun],
  ['PostgreSQL (cache off)', uncachedRun],
  ['Meilisearch', meili && 'run' in meili ? meili.run : null],
]
for (const [label, run] of verdicts) {
  if (!run) continue
  const ratio = run.rps / bareRun.rps
  console.log(
    `${label}: throughput ratio (app / bare) ${ratio.toFixed(3)}× (target ≥ 0.25×) ${ratio >= 0.25 ? 'MET' : 'NOT MET'}; p95 ${ms(run.p95)} (target ≤ 50 ms) ${run.p95 <= 50 ? 'MET' : 'NOT MET'}`,
  )
}
for (const [label, run] of verdicts) {
  if (run?.cpu)
    console.log(
      `${label}: CPU seconds (warm-up included) — app ${run.cpu.app.toFixed(2)}, PostgreSQL ${run.cpu.postgres.toFixed(2)}, Meilisearch ${run.cpu.meilisearch.toFixed(2)}, load client ${run.cpu.client.toFixed(2)}`,
    )
  if (run?.loopDelay) console.log(`${label}: app event-loop delay p99 ${ms(run.loopDelay.p99)}, max ${ms(run.loopDelay.max)}`)
  if (run?.search) {
    const s = run.search
    console.log(
      `${label}: of ${s.searches} searches (warm-up included) ${s.kept} answered from kept answers, ${s.joined ?? 0} by joining an identical search in flight; ${s.multiSearches} multi-searches sent with ${s.queries} queries (${(s.queries! / Math.max(1, s.multiSearches!)).toFixed(2)} each); facet counts reused ${s.countsReused} times; everything kept dropped ${s.dropped} times (new index version or own write)`,
    )
  }
}
if (underWrites)
  console.log(
    `PostgreSQL: while ${publishedMeanwhile} listings were published: p50 ${ms(underWrites.p50)}, p95 ${ms(underWrites.p95)}, ${underWrites.rps.toFixed(0)} req/s (the same 500 queries; not a target)`,
  )
if (lags.length)
  console.log(
    `PostgreSQL: commit-to-searchable lag over ${lags.length} publishes: p50 ${ms(pct(lags, 0.5))}, p95 ${ms(pct(lags, 0.95))} (target p95 ≤ 1 s) ${pct(lags, 0.95) <= 1000 ? 'MET' : 'NOT MET'}`,
  )
if (meili && 'run' in meili) {
  console.log(
    `Meilisearch: while ${meili.published} listings were published: p50 ${ms(meili.underWrites.p50)}, p95 ${ms(meili.underWrites.p95)}, ${meili.underWrites.rps.toFixed(0)} req/s (not a target)`,
  )
  console.log(
    `Meilisearch: commit-to-searchable lag over ${meili.lags.length} publishes: p50 ${ms(pct(meili.lags, 0.5))}, p95 ${ms(pct(meili.lags, 0.95))} (target p95 ≤ 1 s) ${pct(meili.lags, 0.95) <= 1000 ? 'MET' : 'NOT MET'}`,
  )
  if (lagPhases.length) console.log(`Meilisearch: where the lag went (ms, from Meilisearch's task records):\n${lagPhases.join('\n')}`)
} else if (meili) console.log(`Meilisearch: ${meili.skipped}`)
