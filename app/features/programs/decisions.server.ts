import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/orgs.ts'
import { programStandings, programTierHistory, programTiers, programTracks } from '#db/schema/programs.ts'
import { assertOrgMayAct, assertVendor, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { invalid, notFound } from '#app/utils/errors.ts'
import { reasonField } from '#app/features/programs/schemas.ts'

/**
 * Tier decisions: only the vendor's team turns a proposal into a tier (approve) or sets another
 * tier with a reason (override). Each decision is kept in the tier history, written to the audit
 * log with its event, and moves the organization's tier label (search facets, analytics filters)
 * to the new tier's, all in one transaction.
 */

type Decided = { fromTierName: string | null; toTierName: string | null }

async function applyDecision(
  actor: Actor,
  orgId: string,
  choose: (standing: typeof programStandings.$inferSelect) => string | null,
  kind: 'approved' | 'override',
  reason: string | null,
): Promise<Decided> {
  return db.transaction(async (tx) => {
    const [standing] = await tx.select().from(programStandings).where(eq(programStandings.orgId, orgId)).for('update')
    if (!standing) throw notFound('That partner has no program standing yet: evaluate the program first.')
    const toTierId = choose(standing)
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId))
    const [track] = await tx.select({ id: programTracks.id, name: programTracks.name }).from(programTracks).where(eq(programTracks.id, standing.trackId))
    const from = standing.currentTierId ? ((await tx.select().from(programTiers).where(eq(programTiers.id, standing.currentTierId)))[0] ?? null) : null
    let to: typeof programTiers.$inferSelect | null = null
    if (toTierId) {
      ;[to] = await tx
        .select()
        .from(programTiers)
        .where(and(eq(programTiers.id, toTierId), eq(programTiers.trackId, standing.trackId)))
      if (!to) throw invalid('Choose a tier of the partner’s track.', { tierId: ['That tier is not part of this partner’s track.'] })
    }
    const now = new Date()
    await tx
      .update(programStandings)
      .set({ currentTierId: to?.id ?? null, proposalStatus: kind === 'approved' ? 'approved' : 'overridden', proposedTierId: null, proposedAt: null, graceUntil: null, updatedAt: now })
      .where(eq(programStandings.orgId, orgId))
    await tx.insert(programTierHistory).values({
      orgId,
      trackId: standing.trackId,
      fromTierId: from?.id ?? null,
      toTierId: to?.id ?? null,
      fromTierName: from?.name ?? null,
      toTierName: to?.name ?? null,
      kind,
      reason,
      decidedBy: actor.userId,
      createdAt: now,
    })
    await tx
      .update(organizations)
      .set({ tier: to?.orgTier ?? null, updatedAt: now })
      .where(eq(organizations.id, orgId))
    await recordEvent(tx, {
      type: 'program.tier_changed',
      actorId: actor.userId,
      orgId,
      // The organization is the subject: search re-reads its document (the tier facet).
      subjectType: 'organization',
      subjectId: orgId,
      payload: {
        orgId,
        orgName: org!.name,
        trackId: track!.id,
        trackName: track!.name,
        fromTierId: from?.id ?? null,
        fromTierName: from?.name ?? null,
        toTierId: to?.id ?? null,
        toTierName: to?.name ?? null,
        kind,
        reason,
      },
    })
    return { fromTierName: from?.name ?? null, toTierName: to?.name ?? null }
  })
}

/** Approves the pending proposal as proposed. */
export async function approveProposal(actor: Actor, orgId: string, reason?: string | null) {
  assertVendor(actor, "Only the vendor's ecosystem team decides tiers.")
  assertOrgMayAct(actor, 'decide tiers')
  return applyDecision(
    actor,
    orgId,
    (s) => {
      if (s.proposalStatus !== 'pending') throw invalid('There is no pending proposal for this partner any more: evaluate again or set a tier with a reason.')
      return s.proposedTierId
    },
    'approved',
    reason?.trim() || null,
  )
}

/** Sets a tier (a tier id of the partner's track, or null for none) whatever was proposed; the reason is required. */
export async function overrideTier(actor: Actor, orgId: string, tierId: string | null, reason: string) {
  assertVendor(actor, "Only the vendor's ecosystem team decides tiers.")
  assertOrgMayAct(actor, 'decide tiers')
  const parsed = reasonField.safeParse(reason)
  if (!parsed.success) throw invalid('Give the reason for this decision.', { reason: parsed.error.issues.map((i) => i.message) })
  return applyDecision(actor, orgId, () => tierId, 'override', parsed.data)
}
