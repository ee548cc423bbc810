import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from './client.server.ts'
import { organizations } from './schema/index.ts'

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
})
