import { eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { partnershipPlans } from '#db/schema/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createPartnership } from '#app/features/partnerships/partnerships.server.ts'
import { saveDraft, signPlan } from '#app/features/partnerships/plans.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'

/**
 * The vendor in a strategic partnership with a new partner named `name` (the partnership's side B),
 * with a draft plan in USD and a 90-day activation window. Commitments and signatures are the test's.
 */
export async function createPartnershipWithDraft(name: string) {
  const vendor = await createVendor()
  const side = await createPartner({ name })
  const partnershipId = (await createPartnership(vendor.admin, { orgAId: vendor.org.id, orgBId: side.org.id })).id
  const draftId = (await saveDraft(vendor.admin, partnershipId, { currency: 'USD', activationWindowDays: '90', valueProposition: 'Together' })).id
  return { vendor, side, partnershipId, draftId }
}

/** Both sides sign a plan at the revision it has now (it becomes the signed plan). */
export async function signByBoth(planId: string, sideA: Actor, sideB: Actor) {
  const [plan] = await db.select().from(partnershipPlans).where(eq(partnershipPlans.id, planId))
  await signPlan(sideA, { planId, revision: String(plan!.revision) })
  await signPlan(sideB, { planId, revision: String(plan!.revision) })
}
