import { faker } from '@faker-js/faker'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { seedFoundation } from '#db/seed/steps/foundation.ts'
import { referralsStep } from '#db/seed/steps/referrals.ts'

describe('referrals seed', () => {
  beforeAll(async () => {
    faker.seed(20261122)
    const ctx = { faker, now: new Date(), log: () => {} }
    await seedFoundation(ctx)
    await referralsStep.run(ctx)
  }, 180_000)

  it('creates hundreds of referrals in every status, many between Northwind and Bluepeak, with threads, fees and endorsements', async () => {
    const byStatus = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from referrals group by status`)
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300)
    for (const s of ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost']) expect(counts[s], s).toBeGreaterThan(20)
    const [nb] = await queryRows<{ n: number; statuses: number }>(
      db,
      sql`select count(*)::int as n, count(distinct r.status)::int as statuses from referrals r
          join organizations f on f.id = r.from_org_id join organizations t on t.id = r.to_org_id
          where (f.slug, t.slug) in (('northwind-systems', 'bluepeak-cloud'), ('bluepeak-cloud', 'northwind-systems'))`,
    )
    expect(Number(nb!.n)).toBeGreaterThanOrEqual(50)
    expect(Number(nb!.statuses)).toBe(6)
    const [t] = await queryRows<{ threads: number; messages: number; fees: number; endorsements: number; bad_seq: number }>(
      db,
      sql`select (select count(*)::int from threads) as threads, (select count(*)::int from messages) as messages,
                 (select count(*)::int from referral_fees) as fees, (select count(*)::int from endorsements) as endorsements,
                 (select count(*)::int from threads th where th.last_seq <> (select count(*) from messages m where m.thread_id = th.id)) as bad_seq`,
    )
    expect(Number(t!.threads)).toBe(Object.values(counts).reduce((a, b) => a + b, 0))
    expect(Number(t!.messages)).toBeGreaterThan(500)
    expect(Number(t!.fees)).toBeGreaterThan(20)
    expect(Number(t!.endorsements)).toBeGreaterThan(20)
    expect(Number(t!.bad_seq)).toBe(0)
    // Won referrals have an amount and a close time (docs/metrics.md reads them).
    const [won] = await queryRows<{ bad: number }>(db, sql`select count(*)::int as bad from referrals where status = 'won' and (won_amount is null or closed_at is null)`)
    expect(Number(won!.bad)).toBe(0)
  })
})
