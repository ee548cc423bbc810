import { describe, expect, it } from 'vitest'
import { dbHandle, openDatabase } from '#db/client.server.ts'
import { generateSnapshot } from '#app/features/analytics/testing/generate.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { computeSummary, noFilters } from '#app/features/analytics/metrics.server.ts'

// On PostgreSQL the summary's statements run side by side on several pooled connections that
// share one snapshot. A pool with no connection to spare must still give the same document (the
// waiting statements then run in the first one's transaction) instead of waiting forever.
describe.skipIf(!process.env.DATABASE_URL)('summary on a PostgreSQL pool', () => {
  it('gives the same numbers with a pool of one connection as with a roomy pool', async () => {
    const result = await importSnapshotFromCli(JSON.stringify(generateSnapshot(11)))
    expect(result.ok).toBe(true)
    const handle = dbHandle()
    if (handle.driver !== 'postgres') throw new Error('PostgreSQL only')
    const before = process.env.DATABASE_POOL_SIZE
    process.env.DATABASE_POOL_SIZE = '1'
    const single = openDatabase({ databaseUrl: handle.url })
    if (before === undefined) delete process.env.DATABASE_POOL_SIZE
    else process.env.DATABASE_POOL_SIZE = before
    try {
      const period = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }
      const roomy = await computeSummary(handle.db, period, noFilters())
      const tight = await computeSummary(single.db, period, noFilters())
      expect(tight).toEqual(roomy)
      expect(roomy.pipeline.total).toBeGreaterThan(0)
    } finally {
      if (single.driver === 'postgres') await single.sql.end()
    }
  })
})
