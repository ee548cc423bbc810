import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'
import { openDatabase, migrate } from '#db/client.server.ts'

export const TMP_DIR = path.resolve('tests/.tmp')
/** Leftovers of runs that died without cleaning up are removed after this long. */
const STALE_MS = 2 * 60 * 60 * 1000

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's migrated PGlite data dump (a file under tests/.tmp). */
    pgliteTemplate: string
    /** This run's migrated template database on the PostgreSQL server. */
    pgTemplate: string
    /** Prefix of this run's per-file databases. */
    pgPrefix: string
  }
}

/**
 * Builds one migrated database to clone for every test file: a PGlite data dump, or, when
 * DATABASE_URL names a PostgreSQL server, a template database on it. Names carry a run id and
 * its start time, so several runs on one machine (or one server) never touch each other's.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true })
  const started = Date.now()
  const runId = `${Math.floor(started / 1000).toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const url = process.env.DATABASE_URL
  if (url) {
    const prefix = `pe_test_${runId}_`
    const template = `${prefix}template`
    project.provide('pgPrefix', prefix)
    project.provide('pgTemplate', template)
    project.provide('pgliteTemplate', '')
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await dropDatabases(admin, (name) => isStale(name, started))
    await admin.unsafe(`create database "${template}"`)
    await admin.end()
    const handle = openDatabase({ databaseUrl: withDatabase(url, template) })
    await migrate(handle)
    if (handle.driver === 'postgres') await handle.sql.end()
    return async () => {
      const cleanup = postgres(url, { max: 1, onnotice: () => {} })
      await dropDatabases(cleanup, (name) => name.startsWith(prefix))
      await cleanup.end()
    }
  }
  for (const file of fs.readdirSync(TMP_DIR)) {
    const full = path.join(TMP_DIR, file)
    if (file.startsWith('pglite-template') && started - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { force: true })
  }
  const file = path.join(TMP_DIR, `pglite-template-${runId}.tar.gz`)
  project.provide('pgliteTemplate', file)
  project.provide('pgTemplate', '')
  project.provide('pgPrefix', '')
  const handle = openDatabase({ inMemory: true })
  await migrate(handle)
  if (handle.driver !== 'pglite') throw new Error('unreachable')
  const dump = await handle.pglite.dumpDataDir('gzip')
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await handle.pglite.close()
  return () => fs.rmSync(file, { force: true })
}

/** pe_test_<start time base36>_… older than STALE_MS, or the unnamed leftovers of older harness versions. */
function isStale(name: string, now: number) {
  const match = /^pe_test_([0-9a-z]+)_[0-9a-z]+_/.exec(name)
  if (!match) return true
  return now - parseInt(match[1]!, 36) * 1000 > STALE_MS
}

async function dropDatabases(sql: postgres.Sql, which: (name: string) => boolean) {
  const dbs = await sql<{ datname: string }[]>`select datname from pg_database where datname like 'pe\\_test\\_%'`
  for (const { datname } of dbs) {
    if (which(datname)) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
  }
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
