import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listLeads } from '#app/features/leads/leads.server.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'
import { leadsStep } from '#db/seed/steps/leads.ts'

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: () => {} }
  await seedFoundation(ctx)
  await leadsStep.run(ctx)
})

it('seeds Northwind’s inbox with a lead in every status but converted (no referral seeded here), newest first', async () => {
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
  const northwind = (await loadActor(user!.id))!
  const { rows, total, counts } = await listLeads(northwind)
  expect(total).toBe(5)
  expect(counts).toEqual({ new: 2, contacted: 1, qualified: 1, converted: 0, discarded: 1 })
  expect(rows.map((r) => r.company)).toEqual(['Meridian Health', 'Alpen Logistik', 'Bright Harbor Retail', 'Tidewater Bank', 'Cheap Leads Ltd'])
  expect(rows[2]).toMatchObject({ status: 'contacted', handledBy: user!.id })
  expect(rows[4]).toMatchObject({ status: 'discarded', discardReason: 'A sales pitch, not a customer.' })
})
