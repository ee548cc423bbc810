import { sql } from 'drizzle-orm'
import { closeDb, db, migrate, openDatabase, queryRows, setDbHandle } from '#db/client.server.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import { parseEnv } from '#app/env.server.ts'
parseEnv()
setDbHandle(openDatabase({ dataDir: '/tmp/prog/portfolio-data' }))
await migrate()
const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = 'bench-portfolio@vendor.test'`)
const { sessionId } = await startSession(user!.id, { userAgent: 'x', ip: '127.0.0.1' })
console.log(sessionId)
await closeDb()
