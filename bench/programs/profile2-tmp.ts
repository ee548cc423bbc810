import { closeDb, openDatabase, setDbHandle } from '#db/client.server.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
const handle = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/pe_bench_programs' })
setDbHandle(handle)
for (let i = 0; i < 3; i++) {
  const t0 = performance.now()
  await evaluateAll({ now: new Date(Date.UTC(2026, 5, 10 + i)) })
  console.error('total', (performance.now() - t0).toFixed(0))
}
await closeDb()
