import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { keepPlans } from '#db/kept-plans.server.ts'
import { currentQueryStats, recordStatement } from '#db/query-stats.server.ts'
import * as schema from '#db/schema/index.ts'
import { remember } from '#app/core/remember.ts'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, any>
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'db/migrations')

type Handle = { driver: 'postgres'; db: Db; sql: postgres.Sql; url: string } | { driver: 'pglite'; db: Db; pglite: PGlite; dataDir: string | null }

export type DbConfig = { databaseUrl?: string; dataDir?: string; inMemory?: boolean; loadDataDir?: Blob }

/** The process's database handles (see remember: the server and the Remix build share them). */
const holder = remember('db', () => ({}) as { __peDb?: Handle; __peDbRead?: Handle })

export function openDatabase(config: DbConfig): Handle {
  if (config.databaseUrl) {
    const client = postgres(config.databaseUrl, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      connection: { application_name: 'partner-ecosystem' },
    })
    const db = drizzlePostgres(client, { schema, logger: { logQuery: () => recordStatement(currentQueryStats(), 0) } }) as unknown as Db
    serializeDatesInSqlTemplates(client)
    return { driver: 'postgres', db, sql: client, url: config.databaseUrl }
  }
  const dataDir = config.inMemory ? null : path.resolve(config.dataDir ?? './.data', 'pgdata')
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm },
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  })
  countStatementsOf(pglite)
  // Named statements, so PGlite keeps plans as postgres.js does on PostgreSQL (see kept-plans.server.ts).
  keepPlans(pglite)
  return { driver: 'pglite', db: drizzlePglite(pglite, { schema }) as unknown as Db, pglite, dataDir }
}

/**
 * Every statement PGlite runs (query, exec, inside a transaction or not) passes through its
 * exclusive-query lock: timing the work inside it gives the engine's busy time, not the wait.
 */
function countStatementsOf(pglite: PGlite) {
  const runExclusive = pglite._runExclusiveQuery.bind(pglite)
  pglite._runExclusiveQuery = <T>(fn: () => Promise<T>) => {
    const stats = currentQueryStats()
    if (!stats) return runExclusive(fn)
    return runExclusive(async () => {
      const started = performance.now()
      try {
        return await fn()
      } finally {
        recordStatement(stats, performance.now() - started)
      }
    })
  }
}

/**
 * drizzle makes postgres-js pass date/time parameters through untouched (its columns send ISO
 * strings), so a raw `Date` inside a `sql` template reached the driver as an object and failed on
 * PostgreSQL only (PGlite accepts it). Serializing Dates here makes both databases agree.
 */
function serializeDatesInSqlTemplates(client: postgres.Sql) {
  const toText = (value: unknown) => (value instanceof Date ? value.toISOString() : value)
  for (const type of ['1184', '1114', '1082']) client.options.serializers[type as unknown as number] = toText as (v: unknown) => string
}

function configFromEnv(): DbConfig {
  return { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './.data' }
}

/** The process-wide database handle, opened on first use from DATABASE_URL or DATA_DIR. */
export function dbHandle(): Handle {
  holder.__peDb ??= openDatabase(configFromEnv())
  return holder.__peDb
}

/** Replace the process-wide handle (tests give each file a fresh database). */
export function setDbHandle(handle: Handle | undefined) {
  holder.__peDb = handle
  holder.__peDbRead = undefined
}

export async function closeDb() {
  const handles = [holder.__peDbRead, holder.__peDb].filter(Boolean) as Handle[]
  holder.__peDb = undefined
  holder.__peDbRead = undefined
  for (const h of new Set(handles)) {
    if (h.driver === 'postgres') await h.sql.end({ timeout: 5 })
    else if (!h.pglite.closed) await h.pglite.close()
  }
}

function proxyTo(get: () => Handle): Db {
  return new Proxy({} as Db, {
    get(_target, prop) {
      const target = get().db as unknown as Record<string | symbol, unknown>
      const value = target[prop]
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** The database. Domain code imports this; it follows whatever handle is current. */
export const db: Db = proxyTo(dbHandle)

/** Heavy analytics reads go to DATABASE_READ_URL when it is set. */
export const dbRead: Db = proxyTo(() => {
  const url = process.env.DATABASE_READ_URL
  if (!url) return dbHandle()
  holder.__peDbRead ??= openDatabase({ databaseUrl: url })
  return holder.__peDbRead
})

export async function migrate(handle: Handle = dbHandle()) {
  if (handle.driver === 'postgres') {
    await migratePostgres(handle.db as never, { migrationsFolder: MIGRATIONS_DIR })
  } else {
    await handle.pglite.waitReady
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_DIR })
    await analyzeWhereMissing(handle.pglite)
  }
}

/**
 * PGlite runs no autovacuum, so a table filled without an ANALYZE has no statistics and the
 * planner guesses (a join of a few hundred rows planned as a nested loop over "3 rows" cost 40 ms
 * instead of 0.3 ms). Tables with data and no statistics are analyzed when the database is
 * opened; the demo seed analyzes what it wrote.
 */
export async function analyzeWhereMissing(pglite: PGlite) {
  const { rows } = await pglite.query<{ name: string }>(
    `select quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0 and pg_relation_size(c.oid) > 0`,
  )
  if (rows.length > 0) await pglite.exec(`analyze ${rows.map((r) => r.name).join(', ')}`)
}

/** Run raw SQL and get plain rows, whichever driver is underneath. */
export async function queryRows<T = Record<string, unknown>>(q: Queryable, statement: SQL): Promise<T[]> {
  const result = (await (q as Db).execute(statement)) as unknown
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}

export async function ping(): Promise<boolean> {
  try {
    const h = dbHandle()
    if (h.driver === 'postgres') await h.sql`select 1`
    else await h.pglite.query('select 1')
    return true
  } catch {
    return false
  }
}
