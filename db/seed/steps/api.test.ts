import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { listApiKeys } from '#app/features/api/keys.server.ts'
import { getApiRateLimits } from '#app/features/api/rate-limits.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { apiStep, DEMO_API_LIMITS } from '#db/seed/steps/api.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'

const logged: string[] = []

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: (m: string) => void logged.push(m) }
  await seedFoundation(ctx)
  await apiStep.run(ctx)
})

it('seeds an active and a revoked key for the demo partner, and prints no secret', async () => {
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
  const admin = (await loadActor(user!.id))!
  const keys = await listApiKeys(admin)
  expect(keys.map((k) => [k.name, k.state])).toEqual([
    ['HubSpot sync', 'active'],
    ['Old spreadsheet export', 'revoked'],
  ])
  expect(keys[0]!.lastUsedAt).toBeInstanceOf(Date)
  expect(logged.join('\n')).not.toMatch(/ph_live_/)
})

it("seeds the vendor's API rate limits, which /admin/settings shows", async () => {
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.vendorAdmin.email))
  const vendorAdmin = (await loadActor(user!.id))!
  expect(await getApiRateLimits(vendorAdmin)).toEqual(DEMO_API_LIMITS)
  expect(logged.join('\n')).toMatch(/600 a minute per key, 3000 per organization/)
})
