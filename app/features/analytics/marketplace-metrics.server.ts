import { sql, type SQL } from 'drizzle-orm'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { partnerOrgsSql, periodBounds } from '#app/features/analytics/metrics-sql.server.ts'

/** The marketplace fields (float8 for the rate). */
export type MarketplaceRow = {
  marketplace_leads: number
  marketplace_converted: number
  marketplace_conversion_rate: number | null
  marketplace_pipeline: number
}

/**
 * Marketplace-sourced leads and their pipeline (docs/metrics.md, "Marketplace leads"): leads sent
 * to a considered partner org from its public profile or a listing, created in the period; the
 * ones converted before the period's end; and the value of the records they were converted into
 * (a referral's estimated value, a co-sell opportunity's amount, a deal registration's value in
 * the reporting currency — 0 once rejected or revoked, or when the record no longer exists).
 */
export function marketplaceSql(period: Period, filters: AnalyticsFilters): SQL {
  const { inPeriod, to } = periodBounds(period)
  return sql`
  with
  p as materialized (${partnerOrgsSql(filters)}),
  l as (
    select d.converted_kind, d.converted_id, (d.status = 'converted' and d.converted_at < ${to}::timestamptz) as converted
    from leads d join p on p.id = d.org_id
    where ${inPeriod(sql`d.created_at`)}
  ),
  valued as (
    select l.converted,
      case when not l.converted then 0
           when l.converted_kind = 'referral' then coalesce((select r.estimated_value from referrals r where r.id = l.converted_id), 0)
           when l.converted_kind = 'cosell' then coalesce((select o.amount from opportunities o where o.id = l.converted_id), 0)
           when l.converted_kind = 'registration' then coalesce((select g.amount_reporting from deal_registrations g where g.id = l.converted_id and g.status not in ('rejected', 'revoked')), 0)
           else 0 end as value
    from l
  )
  select count(*)::float8 as marketplace_leads,
    count(*) filter (where converted)::float8 as marketplace_converted,
    (count(*) filter (where converted))::float8 / nullif(count(*), 0)::float8 as marketplace_conversion_rate,
    coalesce(sum(value), 0)::float8 as marketplace_pipeline
  from valued`
}
