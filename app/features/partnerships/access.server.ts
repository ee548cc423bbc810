import { eq, or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '#db/client.server.ts'
import { partnerships } from '#db/schema/partnerships.ts'
import { forbidden, notFound } from '#app/utils/errors.ts'
import { assertOrgMayAct, assertOrgMayRead, isOrgAdmin, isVendor, type Actor } from '#app/features/auth/actor.ts'

/**
 * Who sees and changes what in strategic partnerships, in one place:
 * - a partnership, its plans, commitments, reviews and health are visible to its two organizations
 *   and to the vendor's team; to anyone else it does not exist (404, never 403, so it does not leak);
 * - members of either side read; admins of a side edit that side's commitments, co-author drafts
 *   and sign off for their side;
 * - only the vendor's team creates partnerships, moves stages, assesses fit and designates
 *   strategic partnerships.
 */

export type Partnership = typeof partnerships.$inferSelect

const NOT_FOUND = 'We could not find that partnership.'

/** SQL condition on `partnerships`: the partnerships this actor may see. */
export function visiblePartnershipsWhere(actor: Actor): SQL {
  if (isVendor(actor)) return sql`true`
  return or(eq(partnerships.orgAId, actor.orgId), eq(partnerships.orgBId, actor.orgId))!
}

export function isSide(partnership: Pick<Partnership, 'orgAId' | 'orgBId'>, orgId: string) {
  return partnership.orgAId === orgId || partnership.orgBId === orgId
}

/** The partnership if the actor may see it; otherwise not found. */
export async function visiblePartnership(q: Queryable, actor: Actor, partnershipId: string): Promise<Partnership> {
  assertOrgMayRead(actor, 'see its partnerships')
  const [row] = await q.select().from(partnerships).where(eq(partnerships.id, partnershipId))
  if (!row || !(isVendor(actor) || isSide(row, actor.orgId))) throw notFound(NOT_FOUND)
  return row
}

/** Governance (stages, fit, designation): the vendor's team only. */
export function assertPartnershipGovernor(actor: Actor) {
  if (!isVendor(actor)) throw forbidden("Only the vendor's ecosystem team can change a partnership's stage, fit assessment or designation.")
}

/**
 * Editing one side of a visible partnership (its commitments, its sign-off, co-authoring a draft as
 * that side): the vendor's team for the vendor's side, an admin of the side's own organization for
 * a partner's side, while the organization may act. Nobody edits the other side's commitments.
 */
export function assertSideEditor(actor: Actor, partnership: Partnership, sideOrgId: string) {
  assertOrgMayAct(actor, 'change a partnership plan')
  if (!isSide(partnership, sideOrgId)) throw forbidden('That organization is not a side of this partnership.')
  if (actor.orgId !== sideOrgId) throw forbidden("You can only change your own organization's side of the plan.")
  if (isVendor(actor)) return
  if (!isOrgAdmin(actor)) throw forbidden('Only an admin of your organization can change its side of the plan.')
}
