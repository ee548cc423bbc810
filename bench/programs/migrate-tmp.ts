import { openDatabase, setDbHandle, migrate, closeDb } from '#db/client.server.ts'
const h = openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/pe_bench_programs' })
setDbHandle(h)
const t = Date.now()
await migrate(h)
console.log('migrated', Date.now() - t)
await closeDb()
