import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
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
