import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { analyzeWhereMissing, db, queryRows } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'

describe('database client', () => {
  it('runs on a fresh, migrated database with pg_trgm', async () => {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations`)
    expect(row!.n).toBe(0)
    const [sim] = await queryRows<{ s: number }>(db, sql`select similarity('healthcare', 'helthcare') as s`)
    expect(Number(sim!.s)).toBeGreaterThan(0.4)
  })

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(organizations).values({ kind: 'partner', name: 'Half Written', slug: 'half-written' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const rows = await db.select().from(organizations)
    expect(rows).toHaveLength(0)
  })

  it('accepts a Date inside a sql template and compares it as a timestamp, on either database', async () => {
    const at = new Date('2026-03-01T12:30:00.000Z')
    await db.insert(organizations).values({ kind: 'partner', name: 'Dated', slug: 'dated', createdAt: at })
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations where created_at >= ${at} and created_at < ${new Date(at.getTime() + 1)}`)
    expect(rows[0]!.n).toBe(1)
    const [row] = await queryRows<{ t: string }>(db, sql`select to_char(${at}::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as t`)
    expect(row!.t).toBe('2026-03-01 12:30')
  })
})

describe('statistics on PGlite (no autovacuum)', () => {
  it('analyzes the tables that have data and no statistics, and leaves the others', async () => {
    const pg = new PGlite()
    try {
      await pg.exec(`create table filled (id int primary key, kind text); insert into filled select g, 'k' || (g % 3) from generate_series(1, 500) g;
                     create table empty (id int primary key)`)
      const stats = async () => (await pg.exec(`select relname, reltuples from pg_class where relname in ('filled', 'empty') order by relname`))[0]!.rows
      expect(await stats()).toEqual([
        { relname: 'empty', reltuples: -1 },
        { relname: 'filled', reltuples: -1 },
      ])
      await analyzeWhereMissing(pg)
      expect(await stats()).toEqual([
        { relname: 'empty', reltuples: -1 },
        { relname: 'filled', reltuples: 500 },
      ])
      expect((await pg.exec(`select n_distinct from pg_stats where tablename = 'filled' and attname = 'kind'`))[0]!.rows).toEqual([{ n_distinct: 3 }])
    } finally {
      await pg.close()
    }
  })
})
