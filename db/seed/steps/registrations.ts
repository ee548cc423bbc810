import { eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { dealRegistrations, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { decideRegistration, submitRegistration } from '#app/features/registrations/registrations.server.ts'

const DAY = 86_400_000

/**
 * Deal registrations in every state, made through the domain (so events, the vendor opportunity
 * and the conflict check are real), then dated: Northwind has one waiting for approval, one
 * approved with most of its protection left, one expiring in 10 days, one expired and one
 * rejected; Bluepeak's registration of a customer Northwind already registered sits in the
 * vendor's conflict queue.
 */
export const registrationsStep: SeedStep = {
  name: 'registrations',
  async run({ now, log }) {
    const actor = async (email: string) => {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
      return u ? loadActor(u.id) : null
    }
    const [northwind, bluepeak, vendor] = await Promise.all([actor(DEMO_ACCOUNTS.northwindAdmin.email), actor(DEMO_ACCOUNTS.bluepeakAdmin.email), actor(DEMO_ACCOUNTS.vendorAdmin.email)])
    if (!northwind || !bluepeak || !vendor) return log('No Northwind, Bluepeak or vendor admin: skipping deal registrations.')
    const close = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)
    const register = async (who: typeof northwind, accountName: string, accountDomain: string, amount: string, products: string, closeIn: number, notes?: string) =>
      (await submitRegistration(who, { accountName, accountDomain, amount, products, expectedCloseAt: close(closeIn), notes })).registration.id
    const redate = (id: string, set: Partial<typeof dealRegistrations.$inferInsert>) => db.update(dealRegistrations).set(set).where(eq(dealRegistrations.id, id))

    const pending = await register(
      northwind,
      'Harborview Logistics',
      'harborview-logistics.example',
      '180,000',
      'Data Platform, Streaming add-on',
      75,
      'CIO sponsor; proof of concept agreed for next month.',
    )
    await redate(pending, { createdAt: new Date(now.getTime() - 2 * DAY) })

    const approved = await register(northwind, 'Cedar Ridge Clinics', 'cedarridgeclinics.example', '240,000', 'Data Platform, Analytics', 120)
    await decideRegistration(vendor, approved, { decision: 'approve', reason: 'Northwind leads the clinic migration.' })
    await redate(approved, { createdAt: new Date(now.getTime() - 12 * DAY), decidedAt: new Date(now.getTime() - 10 * DAY), protectedUntil: new Date(now.getTime() + 80 * DAY) })

    const expiring = await register(northwind, 'Quayside Energy', 'quayside-energy.example', '95,000', 'Analytics', 30)
    await decideRegistration(vendor, expiring, { decision: 'approve' })
    await redate(expiring, {
      createdAt: new Date(now.getTime() - 82 * DAY),
      decidedAt: new Date(now.getTime() - 80 * DAY),
      protectedUntil: new Date(now.getTime() + 10 * DAY),
      reminded14At: new Date(now.getTime() - 4 * DAY),
    })

    const expired = await register(northwind, 'Lumen Freight', 'lumenfreight.example', '60,000', 'Data Platform', 20)
    await decideRegistration(vendor, expired, { decision: 'approve' })
    await redate(expired, {
      status: 'expired',
      createdAt: new Date(now.getTime() - 100 * DAY),
      decidedAt: new Date(now.getTime() - 95 * DAY),
      protectedUntil: new Date(now.getTime() - 5 * DAY),
      expiredAt: new Date(now.getTime() - 5 * DAY),
      reminded14At: new Date(now.getTime() - 19 * DAY),
      reminded3At: new Date(now.getTime() - 8 * DAY),
    })

    const rejected = await register(northwind, 'Saltmarsh Foods', 'saltmarshfoods.example', '40,000', 'Analytics', 45)
    await decideRegistration(vendor, rejected, { decision: 'reject', reason: 'Saltmarsh Foods already buys direct from Stratolink under an enterprise agreement.' })
    await redate(rejected, { createdAt: new Date(now.getTime() - 20 * DAY), decidedAt: new Date(now.getTime() - 18 * DAY) })

    // The conflict: Bluepeak registers the customer Northwind's approved registration protects.
    await register(bluepeak, 'Cedar Ridge Clinics', 'cedarridgeclinics.example', '150,000', 'Data Platform', 90, 'Met their CTO at a trade show.')
  },
}
