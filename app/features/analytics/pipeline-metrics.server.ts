import { sql, type SQL } from 'drizzle-orm'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { partnerOrgsSql, periodBounds, TOUCH_REFERRAL_STATUSES, VENDOR_ORG_ID } from '#app/features/analytics/metrics-sql.server.ts'

/** The pipeline and multiplier fields (float8, as the summary document reports them). */
export type PipelineRow = {
  total: number
  partner_sourced: number
  partner_influenced: number
  ecosystem_influenced: number
  direct: number
  eco_closed: number
  eco_won: number
  dir_closed: number
  dir_won: number
  eco_rpc: number | null
  dir_rpc: number | null
  eco_win_rate: number | null
  dir_win_rate: number | null
  multiplier: number | null
}

/**
 * Pipeline (opportunities created in the period) and the multiplier's groups (won/lost ones
 * closed in the period), for the vendor's opportunities.
 *
 * One index-only pass over the period's opportunities (covering period indexes) sums
 * everything and the partner-sourced share. Partner-influenced (not sourced, with a touch not
 * after the close): without filters from the same pass, by the `partner_touched_at` rollup;
 * with filters (only some partner orgs count, which the rollup cannot know) by a second pass
 * and a hash semi-join against the considered partners' touches. Direct and the direct group
 * follow by subtraction, done on the exact
 * numeric sums before the conversion to float8, so every field is the number the definition
 * gives; rates are float8 divisions as everywhere in the summary.
 */
export function pipelineSql(period: Period, filters: AnalyticsFilters): SQL {
  const { inPeriod, from, to } = periodBounds(period)
  // Without filters every partner org counts, which is what the partner_touched_at rollup
  // (db/schema/pipeline.ts, kept exact by triggers) answers: one pass, no join.
  const useRollup = !filters.partnerTypes.length && !filters.tiers.length && !filters.regions.length
  const closedIn = sql`o.stage in ('won', 'lost') and ${inPeriod(sql`o.closed_at`)}`
  const sourced = sql`coalesce(o.sourced_by_org_id in (select id from p), false)`
  const touched = useRollup ? sql`(o.partner_touched_at is not null and (o.closed_at is null or o.partner_touched_at <= o.closed_at))` : sql`null::boolean`
  const influencedSums = (where: SQL, prefix: string) => sql`
      coalesce(sum(amount) filter (where created_in and ${where}), 0) as ${sql.raw(prefix)}created_amount,
      count(*) filter (where closed_in and ${where}) as ${sql.raw(prefix)}closed,
      count(*) filter (where closed_in and stage = 'won' and ${where}) as ${sql.raw(prefix)}won,
      coalesce(sum(amount) filter (where closed_in and stage = 'won' and ${where}), 0) as ${sql.raw(prefix)}won_amount`
  return sql`
  with
  p as materialized (${partnerOrgsSql(filters)}),
  opp as not materialized (
    select o.id, o.amount, o.stage, o.closed_at, true as created_in, ${closedIn} as closed_in, ${sourced} as sourced, ${touched} as touched
    from opportunities o
    where o.created_at >= ${from}::timestamptz and o.created_at < ${to}::timestamptz and o.org_id = (${VENDOR_ORG_ID})
    union all
    select o.id, o.amount, o.stage, o.closed_at, false, true, ${sourced}, ${touched}
    from opportunities o
    where o.closed_at >= ${from}::timestamptz and o.closed_at < ${to}::timestamptz and o.org_id = (${VENDOR_ORG_ID})
      and o.stage in ('won', 'lost') and not ${inPeriod(sql`o.created_at`)}
  ),
  everything as (
    select
      coalesce(sum(amount) filter (where created_in), 0) as total,
      coalesce(sum(amount) filter (where created_in and sourced), 0) as partner_sourced,
      count(*) filter (where closed_in) as closed,
      count(*) filter (where closed_in and stage = 'won') as won,
      coalesce(sum(amount) filter (where closed_in and stage = 'won'), 0) as won_amount,
      count(*) filter (where closed_in and sourced) as sourced_closed,
      count(*) filter (where closed_in and sourced and stage = 'won') as sourced_won,
      coalesce(sum(amount) filter (where closed_in and sourced and stage = 'won'), 0) as sourced_won_amount,
      ${influencedSums(sql`not sourced and touched`, 'influenced_')}
    from opp
  ),
  ${
    useRollup
      ? sql`influenced as (select influenced_created_amount as created_amount, influenced_closed as closed, influenced_won as won, influenced_won_amount as won_amount from everything)`
      : sql`
  touch as (
    select r.opportunity_id as id, r.created_at as at
    from referrals r
    where r.opportunity_id is not null and r.status in ${TOUCH_REFERRAL_STATUSES}
      and (r.from_org_id in (select id from p) or r.to_org_id in (select id from p))
    union all
    select c.opportunity_id, c.joined_at
    from opportunity_participants c
    where c.status = 'accepted' and c.org_id in (select id from p)
  ),
  influenced as (
    select ${influencedSums(sql`true`, '')}
    from opp o
    where not o.sourced and exists (select 1 from touch t where t.id = o.id and (o.closed_at is null or t.at <= o.closed_at))
  )`
  }
  select x.*,
    x.partner_sourced + x.partner_influenced as ecosystem_influenced,
    case when x.eco_rpc is null or x.dir_rpc is null or x.dir_rpc = 0 then null else x.eco_rpc / x.dir_rpc end as multiplier
  from (
    select c.*,
      case when c.eco_closed = 0 then null else c.eco_won_amount / c.eco_closed end as eco_rpc,
      case when c.dir_closed = 0 then null else c.dir_won_amount / c.dir_closed end as dir_rpc,
      case when c.eco_closed = 0 then null else c.eco_won / c.eco_closed end as eco_win_rate,
      case when c.dir_closed = 0 then null else c.dir_won / c.dir_closed end as dir_win_rate
    from (
      select
        e.total::float8 as total,
        e.partner_sourced::float8 as partner_sourced,
        i.created_amount::float8 as partner_influenced,
        (e.total - e.partner_sourced - i.created_amount)::float8 as direct,
        (e.sourced_closed + i.closed)::float8 as eco_closed,
        (e.sourced_won + i.won)::float8 as eco_won,
        (e.sourced_won_amount + i.won_amount)::float8 as eco_won_amount,
        (e.closed - e.sourced_closed - i.closed)::float8 as dir_closed,
        (e.won - e.sourced_won - i.won)::float8 as dir_won,
        (e.won_amount - e.sourced_won_amount - i.won_amount)::float8 as dir_won_amount
      from everything e, influenced i
    ) c
  ) x`
}
