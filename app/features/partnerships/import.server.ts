import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.server.ts'
import type { ImportTally } from '#db/schema/analytics.ts'
import { organizations } from '#db/schema/orgs.ts'
import { partnershipCommitments, partnershipPlans, partnershipPlanSignoffs, partnershipReviewAttendees, partnershipReviews, partnerships, partnershipStageChanges } from '#db/schema/partnerships.ts'
import { createId } from '#app/utils/id.ts'
import type { Snapshot } from '#app/features/analytics/snapshot.ts'
import { countUpserted, refreshOnConflict } from '#app/utils/upsert.server.ts'

/**
 * The partnership part of an ecosystem snapshot import (docs/import-format.md, "partnerships",
 * "plans", "commitments", "reviews"), written inside the import's transaction after the
 * organizations. Records are matched by their key (`import_key`); a partnership already in the
 * app for the same two organizations, or a plan version already there, is adopted and takes the
 * key. Importing the same file again changes nothing.
 */

const tally = (): ImportTally => ({ inserted: 0, updated: 0, unchanged: 0 })
const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime())

export type PartnershipImportCounts = { partnerships: ImportTally; plans: ImportTally; commitments: ImportTally; reviews: ImportTally }

export async function importPartnershipRecords(tx: Tx, snapshot: Snapshot, orgIds: Map<string, string>, actorId: string | null): Promise<PartnershipImportCounts> {
  const counts: PartnershipImportCounts = { partnerships: tally(), plans: tally(), commitments: tally(), reviews: tally() }
  if (!snapshot.partnerships.length && !snapshot.plans.length && !snapshot.commitments.length && !snapshot.reviews.length) return counts
  const org = (k: string) => orgIds.get(k)!

  // Partnerships: by key, else by the pair of organizations (either order).
  const psIds = new Map<string, string>()
  const keys = snapshot.partnerships.map((p) => p.key)
  const sideIds = [...new Set(snapshot.partnerships.flatMap((p) => [org(p.a), org(p.b)]))]
  const existing = keys.length
    ? await tx
        .select()
        .from(partnerships)
        .where(or(inArray(partnerships.importKey, keys), and(inArray(partnerships.orgAId, sideIds), inArray(partnerships.orgBId, sideIds))))
    : []
  const byKey = new Map(existing.filter((r) => r.importKey).map((r) => [r.importKey!, r]))
  const byPair = new Map(existing.map((r) => [[r.orgAId, r.orgBId].sort().join('|'), r]))
  for (const p of snapshot.partnerships) {
    const a = org(p.a)
    const b = org(p.b)
    const values = { orgAId: a, orgBId: b, strategic: p.strategic, designatedAt: p.designatedAt, stage: p.stage, importKey: p.key }
    const found = byKey.get(p.key) ?? byPair.get([a, b].sort().join('|'))
    if (!found) {
      const [row] = await tx
        .insert(partnerships)
        .values({ ...values, createdBy: actorId })
        .returning({ id: partnerships.id })
      psIds.set(p.key, row!.id)
      await tx.insert(partnershipStageChanges).values({ partnershipId: row!.id, fromStage: null, toStage: p.stage, note: 'Imported', changedBy: actorId })
      counts.partnerships.inserted++
      continue
    }
    psIds.set(p.key, found.id)
    const same = found.orgAId === a && found.orgBId === b && found.strategic === p.strategic && sameTime(found.designatedAt, p.designatedAt) && found.stage === p.stage && found.importKey === p.key
    if (same) {
      counts.partnerships.unchanged++
      continue
    }
    await tx
      .update(partnerships)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(partnerships.id, found.id))
    if (found.stage !== p.stage) await tx.insert(partnershipStageChanges).values({ partnershipId: found.id, fromStage: found.stage, toStage: p.stage, note: 'Imported', changedBy: actorId })
    counts.partnerships.updated++
  }

  // Plan versions: by key, else by (partnership, version). Signed ones get both sides' sign-offs.
  const planIds = new Map<string, string>()
  const planKeys = snapshot.plans.map((p) => p.key)
  const planPs = [...new Set(snapshot.plans.map((p) => psIds.get(p.partnership)!))]
  const existingPlans = planKeys.length
    ? await tx
        .select()
        .from(partnershipPlans)
        .where(or(inArray(partnershipPlans.importKey, planKeys), inArray(partnershipPlans.partnershipId, planPs)))
    : []
  const planByKey = new Map(existingPlans.filter((r) => r.importKey).map((r) => [r.importKey!, r]))
  const planByVersion = new Map(existingPlans.map((r) => [`${r.partnershipId}|${r.version}`, r]))
  const psOf = new Map(snapshot.partnerships.map((p) => [p.key, p]))
  for (const p of snapshot.plans) {
    const partnershipId = psIds.get(p.partnership)!
    const status = !p.signedAt ? ('draft' as const) : p.supersededAt ? ('superseded' as const) : ('active' as const)
    const values = {
      partnershipId,
      version: p.version,
      status,
      currency: p.currency,
      valueProposition: p.valueProposition,
      activationWindowDays: p.activationWindowDays,
      targets: p.targets.map((t) => ({ quarter: t.quarter, pipeline: t.pipeline, ...(t.revenue !== undefined ? { revenue: t.revenue } : {}) })),
      signedAt: p.signedAt,
      supersededAt: p.supersededAt,
      importKey: p.key,
    }
    const found = planByKey.get(p.key) ?? planByVersion.get(`${partnershipId}|${p.version}`)
    let id: string
    let revision = 1
    if (!found) {
      id = createId()
      await tx.insert(partnershipPlans).values({ id, ...values, createdBy: actorId })
      counts.plans.inserted++
    } else {
      id = found.id
      revision = found.revision
      const same =
        found.partnershipId === partnershipId &&
        found.version === p.version &&
        found.status === status &&
        found.currency === p.currency &&
        found.valueProposition === p.valueProposition &&
        found.activationWindowDays === p.activationWindowDays &&
        JSON.stringify(found.targets) === JSON.stringify(values.targets) &&
        sameTime(found.signedAt, p.signedAt) &&
        sameTime(found.supersededAt, p.supersededAt) &&
        found.importKey === p.key
      if (same) counts.plans.unchanged++
      else {
        await tx
          .update(partnershipPlans)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(partnershipPlans.id, id))
        counts.plans.updated++
      }
    }
    planIds.set(p.key, id)
    if (p.signedAt) {
      const ps = psOf.get(p.partnership)!
      await tx
        .insert(partnershipPlanSignoffs)
        .values([org(ps.a), org(ps.b)].map((orgId) => ({ planId: id, orgId, revision, signedAt: p.signedAt! })))
        .onConflictDoUpdate({
          ...refreshOnConflict([partnershipPlanSignoffs.planId, partnershipPlanSignoffs.orgId], { revision: partnershipPlanSignoffs.revision, signedAt: partnershipPlanSignoffs.signedAt }),
        })
    }
  }

  // Commitments.
  for (let i = 0; i < snapshot.commitments.length; i += 500) {
    const part = snapshot.commitments.slice(i, i + 500)
    const rows = await tx
      .insert(partnershipCommitments)
      .values(
        part.map((c) => ({
          planId: planIds.get(c.plan)!,
          ownerOrgId: org(c.owner),
          kind: c.kind,
          title: c.title,
          measure: c.measure,
          dueAt: c.dueAt,
          status: c.status,
          metAt: c.metAt,
          importKey: c.key,
          createdBy: actorId,
        })),
      )
      .onConflictDoUpdate({
        ...refreshOnConflict(
          partnershipCommitments.importKey,
          {
            planId: partnershipCommitments.planId,
            ownerOrgId: partnershipCommitments.ownerOrgId,
            kind: partnershipCommitments.kind,
            title: partnershipCommitments.title,
            measure: partnershipCommitments.measure,
            dueAt: partnershipCommitments.dueAt,
            status: partnershipCommitments.status,
            metAt: partnershipCommitments.metAt,
          },
          { touch: true },
        ),
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` })
    countUpserted(counts.commitments, part.length, rows)
  }

  // Reviews, and one sponsor attendee per organization listed in sponsorsPresent.
  if (snapshot.reviews.length) {
    const orgNames = new Map(
      (
        await tx
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(inArray(organizations.id, [...new Set(snapshot.reviews.flatMap((r) => r.sponsorsPresent.map(org)))].concat([''])))
      ).map((o) => [o.id, o.name]),
    )
    for (let i = 0; i < snapshot.reviews.length; i += 500) {
      const part = snapshot.reviews.slice(i, i + 500)
      const rows = await tx
        .insert(partnershipReviews)
        .values(
          part.map((r) => ({
            partnershipId: psIds.get(r.partnership)!,
            kind: r.kind,
            scheduledAt: r.scheduledAt,
            heldAt: r.heldAt,
            notes: r.notes,
            importKey: r.key,
            createdBy: actorId,
          })),
        )
        .onConflictDoUpdate({
          ...refreshOnConflict(partnershipReviews.importKey, {
            partnershipId: partnershipReviews.partnershipId,
            kind: partnershipReviews.kind,
            scheduledAt: partnershipReviews.scheduledAt,
            heldAt: partnershipReviews.heldAt,
            notes: partnershipReviews.notes,
          }),
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` })
      countUpserted(counts.reviews, part.length, rows)

      const ids = new Map(
        (
          await tx
            .select({ id: partnershipReviews.id, key: partnershipReviews.importKey })
            .from(partnershipReviews)
            .where(
              inArray(
                partnershipReviews.importKey,
                part.map((r) => r.key),
              ),
            )
        ).map((r) => [r.key!, r.id]),
      )
      // The imported sponsors are the unnamed sponsor rows; replace them with the file's list.
      await tx
        .delete(partnershipReviewAttendees)
        .where(and(inArray(partnershipReviewAttendees.reviewId, [...ids.values()]), eq(partnershipReviewAttendees.sponsor, true), isNull(partnershipReviewAttendees.userId)))
      const attendees = part.flatMap((r) => r.sponsorsPresent.map((k) => ({ reviewId: ids.get(r.key)!, orgId: org(k), name: `${orgNames.get(org(k)) ?? k} executive sponsor`, sponsor: true })))
      if (attendees.length) await tx.insert(partnershipReviewAttendees).values(attendees)
    }
  }
  return counts
}
