import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { openDatabase, migrate } from '../../db/client.server.ts'

export const TMP_DIR = path.resolve('tests/.tmp')
export const PGLITE_TEMPLATE = path.join(TMP_DIR, 'pglite-template.tar.gz')
export const PG_TEMPLATE_DB = 'pe_test_template'

/**
 * Builds one migrated database to clone for every test file: a PGlite data dump, or, when
 * DATABASE_URL names a PostgreSQL server, a template database on it.
 */
export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true })
  const url = process.env.DATABASE_URL
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'pe_test_%'`
    for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`)
    await admin.unsafe(`create database "${PG_TEMPLATE_DB}"`)
    await admin.end()
    const templateUrl = withDatabase(url, PG_TEMPLATE_DB)
    const handle = openDatabase({ databaseUrl: templateUrl })
    await migrate(handle)
    if (handle.driver === 'postgres') await handle.sql.end()
    return async () => {
      const cleanup = postgres(url, { max: 1, onnotice: () => {} })
      const dbs = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like 'pe_test_%'`
      for (const { datname } of dbs) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`)
      await cleanup.end()
    }
  }
  const handle = openDatabase({ inMemory: true })
  await migrate(handle)
  if (handle.driver !== 'pglite') throw new Error('unreachable')
  const dump = await handle.pglite.dumpDataDir('gzip')
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()))
  await handle.pglite.close()
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
