import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listOnboarding } from '#app/features/onboarding/onboarding.server.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'
import { onboardingStep } from '#db/seed/steps/onboarding.ts'

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: () => {} }
  await seedFoundation(ctx)
  await onboardingStep.run(ctx)
})

it("seeds a half-way partner that the vendor's onboarding page shows as stuck, and a fresh one with nothing done", async () => {
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.vendorMember.email))
  const vendor = (await loadActor(user!.id))!
  const [larch] = (await listOnboarding(vendor, { q: 'Larch Street' })).partners
  const [cobalt] = (await listOnboarding(vendor, { q: 'Cobalt Ridge' })).partners
  expect(larch).toMatchObject({ done: 0, stuck: false })
  expect(cobalt).toMatchObject({ done: 2, total: 5, stuck: true })
  expect(cobalt!.steps.filter((s) => s.done).map((s) => s.key)).toEqual(['profile', 'accounts'])
  const { partners } = await listOnboarding(vendor, { sort: 'progress' })
  expect(partners[0]!.slug, 'least progress first').toBe('larch-street-it')
})
