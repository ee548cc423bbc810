/**
 * bench/community/space-list: what one page of a big space's topic list costs the database, the
 * way it was (a count of the space's topics, then OFFSET to the page) and the way it is (the
 * maintained counters, then a keyset seek after the previous page's last topic), in the same
 * process on the same PGlite database of 20,000 topics, pages drawn across the whole list and
 * the two interleaved, so the machine's load falls on both alike.
 *
 *   npx tsx bench/community/space-list.ts          # BENCH_PAGES (default 200) pages each
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { parseEnv } from '#app/env.server.ts'
import { ROOT } from '../../scripts/lib/build.ts'

const TOPICS = 20_000
const PER_PAGE = 20
const PAGES = Number(process.env.BENCH_PAGES ?? 200)

process.chdir(ROOT)
parseEnv()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-bench-space-list-'))
setDbHandle(openDatabase({ dataDir }))
await migrate()
const { createPartner, createVendor } = await import('#tests/factories/index.ts')
const { createSpace } = await import('#app/features/community/spaces.server.ts')
const vendor = await createVendor()
const partner = await createPartner()
const space = await createSpace(vendor.admin, { name: 'Big space', slug: 'big-space', visibility: 'partners' })
let started = Date.now()
await db.execute(sql`
  insert into community_topics (id, space_id, kind, title, body, author_user_id, author_org_id, reply_count, last_activity_at, created_at)
  select 'big-' || g, ${space.id}, case when g % 3 = 0 then 'question' else 'discussion' end, 'Topic ' || g, 'Body ' || g, ${partner.admin.userId}, ${partner.org.id}, g % 7,
         now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
  from generate_series(1, ${TOPICS}) g`)
console.log(`inserted ${TOPICS.toLocaleString('en-US')} topics (the counter trigger runs once per statement) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
await db.execute(sql`vacuum analyze community_topics`)
const me = partner.member.userId
const listed = sql`(t.state = 'published' or (t.state = 'held' and t.author_user_id = ${me}))`
const columns = sql`t.id, t.kind, t.title, t.pinned, t.state, t.reply_count, t.last_activity_at, t.created_at, u.name as author_name, o.name as org_name`
const from = sql`community_topics t left join users u on u.id = t.author_user_id join organizations o on o.id = t.author_org_id`

// The keyset cursors that open each page (what the "Older topics" links carry).
const cursors = await queryRows<{ pinned: boolean; micros: string; id: string }>(
  db,
  sql`select pinned, micros, id from (select pinned, (extract(epoch from last_activity_at) * 1000000)::bigint::text as micros, id,
        row_number() over (order by pinned desc, last_activity_at desc, id desc) as n from community_topics where space_id = ${space.id}) x
      where n % ${PER_PAGE} = 0 order by n`,
)

async function before(page: number) {
  await queryRows(db, sql`select count(*)::int as n from community_topics t where t.space_id = ${space.id} and ${listed}`)
  return queryRows(
    db,
    sql`select ${columns} from ${from} where t.space_id = ${space.id} and ${listed}
        order by t.pinned desc, t.last_activity_at desc, t.id desc limit ${PER_PAGE} offset ${page * PER_PAGE}`,
  )
}
async function after(page: number) {
  await queryRows(db, sql`select coalesce(sum(topics), 0)::int as n from community_space_topic_counts where space_id = ${space.id} and state = 'published'`)
  await queryRows(db, sql`select count(*)::int as n from community_topics t where t.space_id = ${space.id} and t.state = 'held' and t.author_user_id = ${me}`)
  const c = page === 0 ? null : cursors[page - 1]!
  const seek = c ? sql`and (t.pinned, t.last_activity_at, t.id) < (${c.pinned}::boolean, timestamptz 'epoch' + ${c.micros}::bigint * interval '1 microsecond', ${c.id}::text)` : sql``
  return queryRows(
    db,
    sql`select ${columns} from ${from} where t.space_id = ${space.id} and ${listed} ${seek}
        order by t.pinned desc, t.last_activity_at desc, t.id desc limit ${PER_PAGE}`,
  )
}

// Both give the same page.
for (const page of [0, 1, 499, 999]) {
  const [a, b] = [await before(page), await after(page)]
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`page ${page} differs between OFFSET and keyset`)
}
const times = { before: [] as number[], after: [] as number[] }
for (let i = 0; i < PAGES; i++) {
  const page = (i * 37) % cursors.length
  for (const [name, run] of i % 2
    ? ([
        ['after', after],
        ['before', before],
      ] as const)
    : ([
        ['before', before],
        ['after', after],
      ] as const)) {
    started = performance.now()
    await run(page)
    times[name].push(performance.now() - started)
  }
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! }
}
const b = stat(times.before)
const a = stat(times.after)
console.log(`load average ${os.loadavg()[0]!.toFixed(2)}; ${PAGES} pages each, spread over ${cursors.length} pages of ${PER_PAGE}`)
console.log(`count + OFFSET:    mean ${b.mean.toFixed(2)} ms, p50 ${b.p50.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms`)
console.log(`counters + keyset: mean ${a.mean.toFixed(2)} ms, p50 ${a.p50.toFixed(2)} ms, p95 ${a.p95.toFixed(2)} ms`)
console.log(`the list's database work per page: ${(b.mean / a.mean).toFixed(1)}× less`)
process.exit(0)
