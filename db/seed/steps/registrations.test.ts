import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listDealConflicts } from '#app/features/deals/queue.server.ts'
import { listRegistrations } from '#app/features/registrations/registrations.server.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'
import { registrationsStep } from '#db/seed/steps/registrations.ts'

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: () => {} }
  await seedFoundation(ctx)
  await registrationsStep.run(ctx)
})

const actor = async (email: string) => {
  const [u] = await db.select().from(users).where(eq(users.email, email))
  return (await loadActor(u!.id))!
}

it('seeds Northwind’s registrations in every state and a conflict in the vendor’s queue', async () => {
  const northwind = await actor(DEMO_ACCOUNTS.northwindAdmin.email)
  const { rows } = await listRegistrations(northwind)
  const byName = Object.fromEntries(rows.map((r) => [r.accountName, r]))
  expect(byName['Harborview Logistics']?.status).toBe('pending')
  expect(byName['Cedar Ridge Clinics']?.status).toBe('approved')
  expect(byName['Quayside Energy']?.status).toBe('approved')
  expect(byName['Quayside Energy']!.protectedUntil!.getTime() - Date.now()).toBeLessThan(14 * 86_400_000)
  expect(byName['Lumen Freight']?.status).toBe('expired')
  expect(byName['Saltmarsh Foods']?.status).toBe('rejected')
  const queue = await listDealConflicts(await actor(DEMO_ACCOUNTS.vendorAdmin.email))
  expect(queue.rows.map((c) => [c.dealKind, c.accountName])).toContainEqual(['registration', 'Cedar Ridge Clinics'])
})
