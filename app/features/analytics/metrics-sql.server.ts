import { sql, type SQL } from 'drizzle-orm'
import type { AnalyticsFilters, Period } from '#app/features/analytics/period.ts'
import { textArray } from '#app/features/analytics/sql-util.server.ts'

/** SQL pieces shared by the summary's statements (docs/metrics.md terms). */

/** `select id, status, approved_at from organizations` restricted to the considered partner orgs (any status). */
export function partnerOrgsSql(filters: AnalyticsFilters): SQL {
  const conds: SQL[] = [sql`kind = 'partner'`]
  if (filters.partnerTypes.length) conds.push(sql`partner_type = any(${textArray(filters.partnerTypes)})`)
  if (filters.tiers.length) conds.push(sql`tier = any(${textArray(filters.tiers)})`)
  if (filters.regions.length) conds.push(sql`regions && ${textArray(filters.regions)}`)
  return sql`select id, status, approved_at from organizations where ${sql.join(conds, sql` and `)}`
}

/** The vendor's own org: its opportunities are the pipeline (partners' co-sell records are not). */
export const VENDOR_ORG_ID = sql`select id from organizations where kind = 'vendor' order by created_at limit 1`

/** Referral statuses that make a referral linked to an opportunity a touch. */
export const TOUCH_REFERRAL_STATUSES = sql`('accepted', 'in_progress', 'won', 'lost')`

/** The half-open period [from, to) as ISO text (postgres-js refuses raw Date parameters) and a predicate builder. */
export function periodBounds(period: Period) {
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const inPeriod = (col: SQL) => sql`(${col} >= ${from}::timestamptz and ${col} < ${to}::timestamptz)`
  return { from, to, inPeriod }
}
