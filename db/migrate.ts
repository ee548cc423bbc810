import { closeDb, dbHandle, migrate } from '#db/client.server.ts'

const handle = dbHandle()
console.log(`Migrating ${handle.driver === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${handle.dataDir}`} …`)
await migrate(handle)
console.log('Migrations applied.')
await closeDb()
