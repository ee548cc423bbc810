import { sql } from 'drizzle-orm'
import { dbRead, queryRows } from '#db/client.server.ts'
import { forbidden } from '#app/utils/errors.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { listLedger } from '#app/features/referrals/fees.server.ts'
import type { Period } from '#app/features/analytics/period.ts'

/**
 * A partner's own numbers for a period: referrals it sent and received (by status), the revenue
 * of the won ones, its fee ledger totals (from the referrals capability's ledger), and its
 * connections — the partners it has an edge with (docs/metrics.md edge rules) and how many
 * interactions each edge had. Only the actor's own org is ever read: no other partner's totals.
 */
export type PartnerInsights = {
  period: { from: string; to: string }
  sent: { created: number; won: number; wonRevenue: number; byStatus: Record<string, number> }
  received: { created: number; won: number; wonRevenue: number; byStatus: Record<string, number> }
  acceptanceRateReceived: number | null
  fees: { earned: number; owed: number; earnedOpen: number; owedOpen: number } | null
  coSell: { accepted: number }
  sourcedPipeline: number
  connections: { name: string; slug: string; partnerType: string | null; referralsSent: number; referralsReceived: number; coSell: number }[]
}

export async function getPartnerInsights(actor: Actor, period: Period): Promise<PartnerInsights> {
  if (actor.orgKind !== 'partner') throw forbidden('Partner insights are for partner organizations; the vendor team has the analytics dashboard.')
  if (actor.orgStatus !== 'active') throw forbidden('Your organization must be approved before it has numbers here.')
  const me = actor.orgId
  const f = period.from.toISOString()
  const t = period.to.toISOString()
  const inP = (col: ReturnType<typeof sql>) => sql`(${col} >= ${f}::timestamptz and ${col} < ${t}::timestamptz)`

  const byStatus = await queryRows<{ dir: string; status: string; created: number; won: number; revenue: number }>(
    dbRead,
    sql`select case when from_org_id = ${me} then 'sent' else 'received' end as dir, status,
          count(*) filter (where ${inP(sql`created_at`)})::int as created,
          count(*) filter (where status = 'won' and ${inP(sql`closed_at`)})::int as won,
          coalesce(sum(won_amount) filter (where status = 'won' and ${inP(sql`closed_at`)}), 0)::float8 as revenue
        from referrals
        where (from_org_id = ${me} or to_org_id = ${me}) and (${inP(sql`created_at`)} or ${inP(sql`closed_at`)})
        group by 1, 2`,
  )
  const side = (dir: 'sent' | 'received') => {
    const rows = byStatus.filter((r) => r.dir === dir)
    return {
      created: rows.reduce((a, r) => a + Number(r.created), 0),
      won: rows.reduce((a, r) => a + Number(r.won), 0),
      wonRevenue: rows.reduce((a, r) => a + Number(r.revenue), 0),
      byStatus: Object.fromEntries(rows.filter((r) => Number(r.created) > 0).map((r) => [r.status, Number(r.created)])),
    }
  }
  const sent = side('sent')
  const received = side('received')
  const answered = Object.entries(received.byStatus)
    .filter(([s]) => s !== 'submitted')
    .reduce((a, [, n]) => a + n, 0)
  const accepted = Object.entries(received.byStatus)
    .filter(([s]) => ['accepted', 'in_progress', 'won', 'lost'].includes(s))
    .reduce((a, [, n]) => a + n, 0)

  const [extra] = await queryRows<{ cosell: number; sourced: number }>(
    dbRead,
    sql`select (select count(*) from opportunity_participants where org_id = ${me} and status = 'accepted' and ${inP(sql`joined_at`)})::int as cosell,
               (select coalesce(sum(amount), 0) from opportunities where sourced_by_org_id = ${me} and ${inP(sql`created_at`)})::float8 as sourced`,
  )

  // Edges touching this partner only (other partners' names, never their totals).
  const connections = await queryRows<{ name: string; slug: string; partner_type: string | null; sent: number; received: number; cosell: number }>(
    dbRead,
    sql`with x as (
          select to_org_id as other, 1 as sent, 0 as received, 0 as cosell from referrals where from_org_id = ${me} and ${inP(sql`created_at`)}
          union all
          select from_org_id, 0, 1, 0 from referrals where to_org_id = ${me} and ${inP(sql`created_at`)}
          union all
          select c2.org_id, 0, 0, 1 from opportunity_participants c1
          join opportunity_participants c2 on c2.opportunity_id = c1.opportunity_id and c2.org_id <> c1.org_id
          where c1.org_id = ${me} and c1.status = 'accepted' and c2.status = 'accepted' and ${inP(sql`c1.joined_at`)} and ${inP(sql`c2.joined_at`)}
        )
        select o.name, o.slug, o.partner_type, sum(x.sent)::int as sent, sum(x.received)::int as received, sum(x.cosell)::int as cosell
        from x join organizations o on o.id = x.other and o.kind = 'partner'
        group by o.id, o.name, o.slug, o.partner_type
        order by sum(x.sent + x.received + x.cosell) desc, o.name
        limit 50`,
  )

  let fees: PartnerInsights['fees'] = null
  try {
    const ledger = await listLedger(actor, { page: 1 })
    fees = { earned: ledger.totals.owed, owed: ledger.totals.owes, earnedOpen: ledger.totals.owedOpen, owedOpen: ledger.totals.owesOpen }
  } catch {
    fees = null
  }

  return {
    period: { from: f, to: t },
    sent,
    received,
    acceptanceRateReceived: answered === 0 ? null : accepted / answered,
    fees,
    coSell: { accepted: Number(extra?.cosell ?? 0) },
    sourcedPipeline: Number(extra?.sourced ?? 0),
    connections: connections.map((c) => ({ name: c.name, slug: c.slug, partnerType: c.partner_type, referralsSent: Number(c.sent), referralsReceived: Number(c.received), coSell: Number(c.cosell) })),
  }
}
