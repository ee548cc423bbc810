/**
 * Marketplace page benchmark. Seeds 5,000 partners and 50,000 published listings (generate_series),
 * starts the real production server (built Remix app, Express, compression, logging, session
 * lookup, the root loader, the listing loader's SQL) and a bare Node HTTP server that returns the
 * same HTML from memory, and measures both with autocannon at a fixed concurrency in the same run:
 * requests per second and p95 latency for a listing page (a random one of 2,000 slugs per request)
 * and the marketplace home. Prints the ratios (target: listing page ≥ 0.15× the bare server).
 *
 * The production server keeps rendered pages for anonymous visitors (app/features/page-cache):
 * before measuring, every one of the 2,000 listing pages is requested once, as a CDN's edge would
 * be warm for popular pages, so the main rows are the steady state an anonymous visitor meets.
 * The "render" rows send a cookie the app ignores (no session), which bypasses that cache: they
 * measure the full path (session check, root loader, the loader's SQL, React SSR) on every request.
 *
 *   npx tsx bench/marketplace/run.ts                  # PGlite in a fresh data directory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/marketplace/run.ts   # PostgreSQL (database pe_bench_marketplace)
 *
 * BENCH_CONNECTIONS (default 10) and BENCH_SECONDS (default 10) tune the load.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { buildApp, ROOT } from '../../scripts/lib/build.ts'
import { load, serveFromMemory, startAppServer, type Load } from '../lib/http-load.ts'

const PARTNERS = 5_000
const LISTINGS = 50_000
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)

process.chdir(ROOT)
const baseUrl = process.env.DATABASE_URL
let serverEnv: Record<string, string> = {}
// BENCH_DATA_DIR re-uses a data directory seeded by an earlier run (PGlite only).
const dataDir = process.env.BENCH_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-marketplace-'))
if (baseUrl) {
  const BENCH_DB = 'pe_bench_marketplace'
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${BENCH_DB}" with (force)`)
  await admin.unsafe(`create database "${BENCH_DB}"`)
  await admin.end()
  const u = new URL(baseUrl)
  u.pathname = `/${BENCH_DB}`
  setDbHandle(openDatabase({ databaseUrl: u.toString() }))
  serverEnv = { DATABASE_URL: u.toString() }
} else {
  setDbHandle(openDatabase({ dataDir }))
}
await migrate()
console.log(`Database: ${baseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`}`)

// ------------------------------------------------------------------ seed
const t0 = performance.now()
const [{ existing }] = await queryRows<{ existing: number }>(db, sql`select count(*)::int as existing from listings`)
if (Number(existing) >= LISTINGS) console.log(`Re-using ${Number(existing).toLocaleString('en-US')} seeded listings`)
else {
  await db.execute(sql`insert into organizations (id, kind, name, slug, status, approved_at) values ('vendor', 'vendor', 'Stratolink', 'stratolink', 'active', now())`)
  await db.execute(sql`insert into organizations (id, kind, name, slug, status, partner_type, tier, regions, industries, skills, tagline, description, website, approved_at)
  select 'p' || g, 'partner', 'Partner ' || g || ' Systems', 'partner-' || g, case when g % 50 = 0 then 'suspended' else 'active' end,
    (array['reseller','technology','systems_integrator','msp','referral','hyperscaler','distributor'])[1 + g % 7],
    (array['registered','silver','gold','platinum'])[1 + g % 4],
    array[(array['NA','LATAM','EMEA','APAC'])[1 + g % 4]], array[(array['healthcare','retail','technology','energy'])[1 + g % 4]],
    array['Kubernetes','AWS'], 'Partner ' || g || ' delivers cloud projects', 'A partner company number ' || g || '.', 'https://partner-' || g || '.example.com', now()
  from generate_series(1, ${PARTNERS}) g`)
  await db.execute(sql`insert into listing_categories (id, slug, name, description, position)
  select 'c' || g, 'category-' || g, 'Category ' || g, 'Listings in category ' || g, g from generate_series(1, 14) g`)
  await db.execute(sql`insert into listings (id, org_id, kind, slug, status, featured, published_at, created_at, updated_at)
  select 'l' || g, 'p' || (1 + g % ${PARTNERS}), (array['service','solution','app','integration'])[1 + g % 4]::text,
    'listing-' || g, 'published', g % 500 = 0, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now()
  from generate_series(1, ${LISTINGS}) g`)
  await db.execute(sql`insert into listing_versions (id, listing_id, number, status, title, summary, body, body_html, category_ids, industries, regions, pricing_model, pricing_details, published_at)
  select 'v' || g, 'l' || g, 1, 'published', 'Cloud service number ' || g,
    'A managed cloud service (' || g || ') that moves workloads, keeps them secure and reports on cost every month.',
    '## Overview' || chr(10) || chr(10) || repeat('We plan, migrate and run workloads for listing ' || g || '. ', 12) || chr(10) || chr(10) || '- Discovery' || chr(10) || '- Migration' || chr(10) || '- Operations',
    '<h2>Overview</h2>' || chr(10) || '<p>' || repeat('We plan, migrate and run workloads for listing ' || g || '. ', 12) || '</p>' || chr(10) || '<ul><li>Discovery</li><li>Migration</li><li>Operations</li></ul>',
    array['c' || (1 + g % 14), 'c' || (1 + (g * 7) % 14)], array['healthcare'], array['EMEA','NA'],
    (array['free','subscription','one_time','usage_based','contact_us'])[1 + g % 5], 'From $' || (g % 90) || ',000', now()
  from generate_series(1, ${LISTINGS}) g`)
  await db.execute(sql`update listings set published_version_id = 'v' || substr(id, 2)`)
  await db.execute(sql`analyze`)
}
const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from listings where status = 'published'`)
console.log(`Seeded ${PARTNERS.toLocaleString('en-US')} partners and ${Number(n).toLocaleString('en-US')} published listings in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
await closeDb()

// ------------------------------------------------------------------ servers
buildApp({ log: (m) => console.log(m) })
const server = await startAppServer({ dataDir, env: serverEnv })
const real = server.url

// Slugs of active partners' listings (suspended partners' listings are 404).
const slugs = Array.from({ length: 2_000 }, (_, i) => `listing-${1 + ((i * 24_989) % LISTINGS)}`).filter((s) => (1 + (Number(s.split('-')[1]) % PARTNERS)) % 50 !== 0)
const fetchHtml = async (p: string) => {
  const res = await fetch(real + p)
  if (res.status !== 200) throw new Error(`${p} answered ${res.status}`)
  return res.text()
}
// Warm up (every measured page once, four at a time) and capture the HTML the bare server will return.
const warmStarted = performance.now()
for (let k = 0; k < slugs.length; k += 4) await Promise.all(slugs.slice(k, k + 4).map((s) => fetchHtml(`/listings/${s}`)))
console.log(`Warm-up: ${slugs.length.toLocaleString('en-US')} listing pages rendered in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`)
const listingHtml = Buffer.from(await fetchHtml(`/listings/${slugs[0]}`))
const homeHtml = Buffer.from(await fetchHtml('/marketplace'))
if (!listingHtml.includes('Cloud service number')) throw new Error('the listing page did not render the listing')
const probe = await fetch(`${real}/listings/${slugs[1]}`)
await probe.text()
console.log(`Page cache after warm-up: ${probe.headers.get('x-page-cache') ?? 'off'}`)

const bare = await serveFromMemory((req) => (req.url?.startsWith('/marketplace') ? homeHtml : listingHtml))
const bareUrl = bare.url

// ------------------------------------------------------------------ measure
/** Anonymous requests without accept-encoding (as this bench has always measured); `headers` may carry a cookie. */
const measure = (url: string, pathFor: () => string, headers?: Record<string, string>): Promise<Load> =>
  load({ url, connections: CONNECTIONS, seconds: SECONDS, headers, gzip: false, path: () => pathFor() })
let i = 0
const nextListing = () => `/listings/${slugs[i++ % slugs.length]}`
// A cookie that is no session: the app treats the visitor as anonymous but skips the page cache.
const bypass = { cookie: 'bench=render' }
const cases = [
  { name: 'listing page', path: nextListing },
  { name: 'marketplace home', path: () => '/marketplace' },
  { name: 'listing (render)', path: nextListing, headers: bypass },
  { name: 'home (render)', path: () => '/marketplace', headers: bypass },
]
const rows: string[] = []
const ratios: Record<string, number> = {}
console.log(`\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s each\n`)
for (const c of cases) {
  const app = await measure(real, c.path, c.headers)
  const base = await measure(bareUrl, c.path)
  if (app.non2xx || app.errors) console.log(`  warning: ${c.name}: ${app.non2xx} non-2xx, ${app.errors} errors`)
  ratios[c.name] = app.rps / base.rps
  rows.push(
    `${c.name.padEnd(18)} app ${app.rps.toFixed(0).padStart(7)} req/s  p95 ${app.p95.toFixed(1).padStart(6)} ms   bare ${base.rps.toFixed(0).padStart(7)} req/s  p95 ${base.p95.toFixed(1).padStart(6)} ms   ratio ${ratios[c.name]!.toFixed(3)}×`,
  )
  console.log(rows[rows.length - 1])
}
console.log(`\nHTML sizes: listing ${listingHtml.length.toLocaleString('en-US')} B, home ${homeHtml.length.toLocaleString('en-US')} B`)
const ok = ratios['listing page']! >= 0.15
console.log(`Listing page ratio ${ratios['listing page']!.toFixed(3)}× the bare server (target ≥ 0.15×): ${ok ? 'MET' : 'NOT MET'}`)
console.log(`Marketplace home ratio ${ratios['marketplace home']!.toFixed(3)}×`)
console.log(`Without the page cache (every request rendered): listing ${ratios['listing (render)']!.toFixed(3)}×, home ${ratios['home (render)']!.toFixed(3)}×`)

await bare.close()
await server.stop()
if (!baseUrl && !process.env.BENCH_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true })
process.exit(0)
