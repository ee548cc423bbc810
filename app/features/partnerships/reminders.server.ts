import { sql } from 'drizzle-orm'
import { db, queryRows, type Tx } from '#db/client.server.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'

const DAY = 86_400_000
export const DUE_SOON_DAYS = 7
export const REVIEW_REMINDER_DAYS = 3
const BATCH = 500

type Sides = { partnership_id: string; org_a_id: string; a_name: string; org_b_id: string; b_name: string }

/** A reminder is about the partnership, told to both its sides and the vendor's team, and not audited. */
const aboutPartnership = (r: Sides) => ({ subjectType: 'partnership' as const, subjectId: r.partnership_id, audience: { orgs: [r.org_a_id, r.org_b_id], vendor: true }, audit: false })
/** The partnership and its sides' names, which every reminder's payload starts with. */
const sidesOf = (r: Sides) => ({ partnershipId: r.partnership_id, orgAId: r.org_a_id, orgAName: r.a_name, orgBId: r.org_b_id, orgBName: r.b_name })

type Row = Sides & { id: string; plan_id: string; owner_org_id: string; title: string; due_at: Date | string }

/** Claims up to a batch of commitments for one reminder (marking them reminded in the same statement), with the sides' names. */
async function claimCommitments(tx: Tx, column: 'reminded_due_soon_at' | 'reminded_overdue_at', window: ReturnType<typeof sql>, now: Date) {
  return queryRows<Row>(
    tx,
    sql`with claimed as (
          update partnership_commitments c set ${sql.raw(column)} = ${now.toISOString()}
          where c.id in (
            select c2.id from partnership_commitments c2
            join partnership_plans pl on pl.id = c2.plan_id and pl.status <> 'draft'
            where c2.status = 'open' and c2.${sql.raw(column)} is null and ${window}
            order by c2.due_at limit ${BATCH} for update of c2 skip locked)
          returning c.id, c.plan_id, c.owner_org_id, c.title, c.due_at)
        select claimed.*, pl.partnership_id, p.org_a_id, a.name as a_name, p.org_b_id, b.name as b_name
        from claimed join partnership_plans pl on pl.id = claimed.plan_id
        join partnerships p on p.id = pl.partnership_id
        join organizations a on a.id = p.org_a_id join organizations b on b.id = p.org_b_id`,
  )
}

/**
 * The reminders job: agreed open commitments due within 7 days, overdue ones, and reviews within
 * 3 days. Each is reminded exactly once (the row is marked in the statement that claims it, in the
 * transaction that records the event), and safe on many nodes (SKIP LOCKED).
 */
export async function sendPartnershipReminders(now = new Date()) {
  return db.transaction(async (tx) => {
    const soon = await claimCommitments(tx, 'reminded_due_soon_at', sql`c2.due_at > ${now.toISOString()} and c2.due_at <= ${new Date(now.getTime() + DUE_SOON_DAYS * DAY).toISOString()}`, now)
    const overdue = await claimCommitments(tx, 'reminded_overdue_at', sql`c2.due_at <= ${now.toISOString()}`, now)
    for (const [rows, type] of [
      [soon, 'partnership.commitment.due_soon'],
      [overdue, 'partnership.commitment.overdue'],
    ] as const) {
      for (const r of rows) {
        await recordEvent(tx, {
          type,
          ...aboutPartnership(r),
          payload: { ...sidesOf(r), planId: r.plan_id, commitmentId: r.id, ownerOrgId: r.owner_org_id, title: r.title, dueAt: new Date(r.due_at).toISOString() },
        })
      }
    }
    const reviews = await queryRows<{
      id: string
      partnership_id: string
      kind: 'quarterly' | 'annual'
      scheduled_at: Date | string
      org_a_id: string
      a_name: string
      org_b_id: string
      b_name: string
    }>(
      tx,
      sql`with claimed as (
            update partnership_reviews r set reminded_at = ${now.toISOString()}
            where r.id in (
              select r2.id from partnership_reviews r2
              where r2.held_at is null and r2.reminded_at is null and r2.scheduled_at > ${now.toISOString()} and r2.scheduled_at <= ${new Date(now.getTime() + REVIEW_REMINDER_DAYS * DAY).toISOString()}
              order by r2.scheduled_at limit ${BATCH} for update of r2 skip locked)
            returning r.id, r.partnership_id, r.kind, r.scheduled_at)
          select claimed.*, p.org_a_id, a.name as a_name, p.org_b_id, b.name as b_name
          from claimed join partnerships p on p.id = claimed.partnership_id
          join organizations a on a.id = p.org_a_id join organizations b on b.id = p.org_b_id`,
    )
    for (const r of reviews) {
      await recordEvent(tx, {
        type: 'partnership.review.reminder',
        ...aboutPartnership(r),
        payload: { ...sidesOf(r), reviewId: r.id, kind: r.kind, scheduledAt: new Date(r.scheduled_at).toISOString() },
      })
    }
    return { dueSoon: soon.length, overdue: overdue.length, reviews: reviews.length }
  })
}
