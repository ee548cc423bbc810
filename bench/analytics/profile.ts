/**
 * Where the analytics summary's time goes, on the bench database that run.ts seeds: times each
 * of the summary's statements alone (median of 5, after a warm-up) and, with --explain,
 * prints EXPLAIN (ANALYZE, BUFFERS) for each.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/analytics/profile.ts [--explain]
 */
import { PgDialect } from 'drizzle-orm/pg-core'
import type { SQL } from 'drizzle-orm'
import postgres from 'postgres'
import { noFilters } from '#app/features/analytics/metrics.server.ts'
import { networkSql } from '#app/features/analytics/network-metrics.server.ts'
import { pipelineSql } from '#app/features/analytics/pipeline-metrics.server.ts'
import { referralsSql } from '#app/features/analytics/referral-metrics.server.ts'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('Set DATABASE_URL (the bench database pe_bench_analytics on that server is used).')
  process.exit(2)
}
const u = new URL(url)
u.pathname = '/pe_bench_analytics'
const pg = postgres(u.toString(), { max: 1, onnotice: () => {} })
const period = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') }
const dialect = new PgDialect()
const statements: [string, SQL][] = [
  ['pipeline + multiplier', pipelineSql(period, noFilters())],
  ['P2P referrals', referralsSql(period, noFilters())],
  ['network', networkSql(period, noFilters())],
]
const settings = `select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('enable_mergejoin', 'off', true)`

for (const [name, statement] of statements) {
  const q = dialect.sqlToQuery(statement)
  const run = (prefix = '') =>
    pg.begin(async (tx) => {
      await tx.unsafe(settings)
      return tx.unsafe(prefix + q.sql, q.params as never[])
    })
  await run()
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(`${name}: median ${times[2]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[4]!.toFixed(1)})`)
  if (process.argv.includes('--explain')) {
    const plan = (await run('explain (analyze, buffers) ')) as unknown as Record<string, string>[]
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'))
  }
}
await pg.end()
