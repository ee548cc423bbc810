import { sql } from 'drizzle-orm'
import { closeDb, openDatabase, setDbHandle, queryRows } from '#db/client.server.ts'
import { loadProgram } from '#app/features/programs/evaluation.server.ts'
import { measureAll, windowsOf } from '#app/features/programs/measure.server.ts'

const handle = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/pe_bench_programs' })
setDbHandle(handle)
const program = await loadProgram(handle.db)
const all = windowsOf(program.flatMap((t) => t.tiers.flatMap((tier) => tier.requirements)))
const now = new Date('2026-06-01T00:00:00Z')
const families: Record<string, (keyof typeof all)[]> = {
  pipeline: ['sourced_pipeline', 'influenced_pipeline', 'closed_won_revenue'],
  referrals: ['referrals_sent', 'referrals_accepted'],
  endorsements: ['verified_endorsements'],
  answers: ['community_accepted_answers'],
  integrations: ['confirmed_integrations'],
  certs: ['active_certifications'],
}
for (let round = 0; round < 2; round++) {
  for (const [name, metrics] of Object.entries(families)) {
    const w = Object.fromEntries(metrics.filter((m) => all[m]).map((m) => [m, all[m]]))
    const t0 = performance.now()
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`)
      await tx.execute(sql`set local jit = off`)
      await measureAll(tx, w, now)
    })
    console.log(round, name, (performance.now() - t0).toFixed(0), 'ms')
  }
}
const t0 = performance.now()
const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from program_pipeline_pairs`)
console.log('pairs', n, (performance.now() - t0).toFixed(0), 'ms')
await closeDb()
