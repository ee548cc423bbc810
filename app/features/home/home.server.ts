import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { isActivePartner, isVendor, type Actor } from '#app/features/auth/actor.ts'

/** One thing waiting for the signed-in person's organization, with where to deal with it. */
export type WorkItem = { key: string; count: number; label: string; href: string }

type Counts = Record<string, number>

/**
 * "What needs you": counts of the work waiting for the actor's organization, all from one query.
 * Only the actor's own org (and, for the vendor's team, the program-wide queues) is counted.
 */
export async function workWaitingFor(actor: Actor): Promise<WorkItem[]> {
  if (isVendor(actor)) return vendorItems(actor)
  if (isActivePartner(actor)) return partnerItems(actor)
  return []
}

async function partnerItems(actor: Actor): Promise<WorkItem[]> {
  const [c] = await queryRows<Counts>(
    db,
    sql`select
      (select count(*)::int from referrals where to_org_id = ${actor.orgId} and status = 'submitted') as referrals_to_answer,
      (select count(*)::int from opportunity_participants where org_id = ${actor.orgId} and status = 'invited') as cosell_invitations,
      (select count(*)::int from threads t
         join thread_orgs o on o.thread_id = t.id and o.org_id = ${actor.orgId}
         left join thread_reads r on r.thread_id = t.id and r.user_id = ${actor.userId}
         where t.last_seq > coalesce(r.last_read_seq, 0)) as unread_threads,
      (select count(*)::int from connections where recipient_org_id = ${actor.orgId} and status = 'requested') as connection_requests,
      (select count(*)::int from referral_fees where payer_org_id = ${actor.orgId} and status = 'owed') as fees_to_pay,
      (select count(*)::int from referral_fees where payee_org_id = ${actor.orgId} and status = 'paid') as fees_to_confirm,
      (select count(*)::int from integrations where counterpart_org_id = ${actor.orgId} and status = 'pending') as integrations_to_confirm,
      (select count(*)::int from listings l join listing_versions v on v.id = l.draft_version_id
         where l.org_id = ${actor.orgId} and v.status = 'rejected') as listings_rejected,
      (select count(*)::int from listings l join listing_versions v on v.id = l.draft_version_id
         where l.org_id = ${actor.orgId} and v.status = 'in_review') as listings_in_review`,
  )
  return present(c!, [
    ['referrals_to_answer', ['referral waiting for your answer', 'referrals waiting for your answer'], '/referrals?box=inbox&status=submitted'],
    ['cosell_invitations', ['co-sell invitation to answer', 'co-sell invitations to answer'], '/cosell'],
    ['unread_threads', ['conversation with unread messages', 'conversations with unread messages'], '/notifications'],
    ['connection_requests', ['connection request from a partner', 'connection requests from partners'], '/connections'],
    ['fees_to_pay', ['referral fee you owe', 'referral fees you owe'], '/referrals/ledger'],
    ['fees_to_confirm', ['fee payment to confirm', 'fee payments to confirm'], '/referrals/ledger'],
    ['integrations_to_confirm', ['integration with your product to confirm', 'integrations with your product to confirm'], '/manage/integrations'],
    ['listings_rejected', ['listing sent back by the partner team', 'listings sent back by the partner team'], '/manage/listings'],
    ['listings_in_review', ['listing waiting for review', 'listings waiting for review'], '/manage/listings'],
  ])
}

async function vendorItems(actor: Actor): Promise<WorkItem[]> {
  const [c] = await queryRows<Counts>(
    db,
    sql`select
      (select count(*)::int from organizations where kind = 'partner' and status = 'applicant') as applications,
      (select count(*)::int from listing_versions where status = 'in_review') as listings_to_review,
      (select count(*)::int from deal_conflicts where status = 'open') as referral_conflicts,
      (select count(*)::int from deal_registrations where status = 'pending') as registrations_to_decide,
      (select count(*)::int from integrations where counterpart_org_id = ${actor.orgId} and status = 'pending') as integrations_to_confirm`,
  )
  return present(c!, [
    ['applications', ['partner application to review', 'partner applications to review'], '/admin/applications'],
    ['listings_to_review', ['listing version in the review queue', 'listing versions in the review queue'], '/admin/listings'],
    ['referral_conflicts', ['deal conflict to resolve', 'deal conflicts to resolve'], '/admin/conflicts'],
    ['registrations_to_decide', ['deal registration to approve or reject', 'deal registrations to approve or reject'], '/admin/registrations'],
    ['integrations_to_confirm', ['integration with your product to confirm', 'integrations with your product to confirm'], '/manage/integrations'],
  ])
}

function present(counts: Counts, defs: [key: string, label: [one: string, many: string], href: string][]): WorkItem[] {
  return defs.map(([key, [one, many], href]) => {
    const count = Number(counts[key] ?? 0)
    return { key, label: count === 1 ? one : many, href, count }
  })
}
