/**
 * The demo seed's rows reach the index through the outbox alone: the seed steps that write
 * searchable data (organizations, listings, integrations, categories) record their events, so the
 * search consumer builds the same index the seed's final rebuild does.
 */
import { faker } from '@faker-js/faker'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { useTempStorage } from '#app/features/listings/test-helpers.ts'
import { db, queryRows } from '#db/client.server.ts'
import { seedFoundation } from '#db/seed/steps/foundation.ts'
import { marketplaceStep } from '#db/seed/steps/marketplace.ts'
import { dropTestIndex, engineUnderTest, expectIndexEqualsDatabase, searchConsumer } from '#search/test-support.ts'

const engine = engineUnderTest()
const { drain } = searchConsumer(engine)
afterAll(() => dropTestIndex(engine))

beforeAll(async () => {
  useTempStorage()
  faker.seed(20261122)
  const ctx = { faker, now: new Date('2026-11-22T00:00:00Z'), log: () => {} }
  await seedFoundation(ctx)
  await marketplaceStep.run(ctx)
}, 180_000)

test('the seeded partners, listings and integrations are indexed by the outbox consumer, without a reindex', async () => {
  await drain(120_000)
  const [counts] = await queryRows<{ partners: number; listings: number }>(
    db,
    sql`select (select count(*) from organizations where kind = 'partner' and status = 'active')::int as partners,
               (select count(*) from listings where status = 'published')::int as listings`,
  )
  const ids = await engine.allIds()
  expect(ids.filter((id) => id.startsWith('partner-')).length).toBe(Number(counts!.partners))
  expect(ids.filter((id) => id.startsWith('listing-')).length).toBeGreaterThan(100)
  expect(ids.filter((id) => id.startsWith('integration-')).length).toBeGreaterThan(10)
  await expectIndexEqualsDatabase(engine)
}, 180_000)
