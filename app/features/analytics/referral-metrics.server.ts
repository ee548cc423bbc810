import { sql, type SQL } from 'drizzle-orm'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { partnerOrgsSql, periodBounds, TOUCH_REFERRAL_STATUSES } from '#app/features/analytics/metrics-sql.server.ts'

/** The P2P referral fields (float8, as the summary document reports them). */
export type ReferralsRow = {
  p2p_created: number
  p2p_won_count: number
  p2p_revenue: number
  acceptance_rate: number | null
  win_rate: number | null
}

/**
 * The P2P referral fields: referrals between two considered partner orgs (any status) created
 * or closed in the period, read index-only from the covering created/closed indexes.
 */
export function referralsSql(period: Period, filters: AnalyticsFilters): SQL {
  const { inPeriod, from, to } = periodBounds(period)
  const closedWon = sql`status = 'won' and ${inPeriod(sql`closed_at`)}`
  return sql`
  with
  p as materialized (${partnerOrgsSql(filters)}),
  p2p as (
    select r.status, r.created_in, r.closed_at, r.won_amount
    from (
      select from_org_id, to_org_id, status, true as created_in, closed_at, won_amount
      from referrals where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
      union all
      select from_org_id, to_org_id, status, false, closed_at, won_amount
      from referrals where closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz and not ${inPeriod(sql`created_at`)}
    ) r
    where r.from_org_id in (select id from p) and r.to_org_id in (select id from p)
  ),
  p2p_counts as (
    select
      count(*) filter (where created_in) as created,
      count(*) filter (where ${closedWon}) as won,
      coalesce(sum(won_amount) filter (where ${closedWon}), 0) as revenue,
      count(*) filter (where created_in and status <> 'submitted') as acc_den,
      count(*) filter (where created_in and status in ${TOUCH_REFERRAL_STATUSES}) as acc_num,
      count(*) filter (where status in ('won', 'lost') and ${inPeriod(sql`closed_at`)}) as win_den
    from p2p
  )
  select
    created::float8 as p2p_created,
    won::float8 as p2p_won_count,
    revenue::float8 as p2p_revenue,
    case when acc_den = 0 then null else acc_num::float8 / acc_den::float8 end as acceptance_rate,
    case when win_den = 0 then null else won::float8 / win_den::float8 end as win_rate
  from p2p_counts`
}
