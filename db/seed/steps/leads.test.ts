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

it('seeds Northwind’s inbox with two new leads and one handled, newest first', async () => {
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
  const northwind = (await loadActor(user!.id))!
  const { rows, total, newCount } = await listLeads(northwind)
  expect({ total, newCount }).toEqual({ total: 3, newCount: 2 })
  expect(rows.map((r) => r.company)).toEqual(['Meridian Health', 'Alpen Logistik', 'Bright Harbor Retail'])
  expect(rows[2]).toMatchObject({ status: 'handled', handledBy: user!.id })
})
