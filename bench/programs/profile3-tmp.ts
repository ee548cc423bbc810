import { closeDb, openDatabase, setDbHandle } from '#db/client.server.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
const handle = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/pe_bench_programs' })
setDbHandle(handle)
await evaluateAll({ now: new Date(process.argv[2]!) })
await closeDb()
