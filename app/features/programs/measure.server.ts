import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { PROGRAM_METRICS, STATE_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

/**
 * Measures the program's requirement metrics for every partner at once (docs/metrics.md, "Program
 * requirements"): one grouped, set-based query per family of metrics over the whole tables, never
 * a query per partner. Each windowed metric is measured for every trailing window some requirement
 * asks for, as one filtered aggregate per window in the same pass (a family scans its tables once).
 */

/** `metric:windowDays` (or `metric:*` for the state metrics) → value, per organization. */
export type Measurements = Map<string, Map<string, number>>

export const measureKey = (metric: ProgramMetric, windowDays: number) => (STATE_METRICS.includes(metric) ? `${metric}:*` : `${metric}:${windowDays}`)

export type WindowsByMetric = Partial<Record<ProgramMetric, number[]>>

const DAY_MS = 86_400_000
const ACCEPTED_REFERRAL = sql`('accepted', 'in_progress', 'won', 'lost')`

/** The organization's values (created on first use), so a row's several values are set with one lookup. */
function valuesOf(out: Measurements, orgId: string) {
  let m = out.get(orgId)
  if (!m) out.set(orgId, (m = new Map()))
  return m
}

function put(out: Measurements, orgId: string, key: string, value: number) {
  valuesOf(out, orgId).set(key, value)
}

/**
 * Sets a row's values from its array of figures: `keys[i]` names `f[i]`. The keys are built once
 * per query, not once per organization and window (thousands of rows).
 */
function putAll(out: Measurements, orgId: string, keys: string[], f: string[]) {
  const m = valuesOf(out, orgId)
  for (let i = 0; i < keys.length; i++) m.set(keys[i]!, Number(f[i]))
}

const unique = (xs: number[] | undefined) => [...new Set(xs ?? [])].sort((a, b) => a - b)

/**
 * Every metric some requirement uses, for every organization that has a non-zero value. An
 * organization missing from the map (or a key missing from its map) measured 0.
 */
export async function measureAll(q: Queryable, windows: WindowsByMetric, now: Date): Promise<Measurements> {
  const out: Measurements = new Map()
  const at = sql`${now.toISOString()}::timestamptz`
  // Window bounds are constants computed here ([now − d days, now), days of 24 h), so the planner
  // estimates each range from the column's statistics.
  const from = (days: number) => sql`${new Date(now.getTime() - days * DAY_MS).toISOString()}::timestamptz`
  const inWindow = (col: SQL, days: number) => sql`${col} >= ${from(days)} and ${col} < ${at}`

  // Pipeline family: the vendor's opportunities, each attributed to the partner that sourced it and
  // to every other partner with a touch not after its close (a linked referral accepted, in
  // progress, won or lost: both its organizations; an accepted co-sell participation: its
  // organization). Those (opportunity, partner) pairs are kept by database triggers in
  // program_pipeline_pairs (migration 0047), so this is one pass over them: each pair in the widest
  // window is read once (two index-only range scans: created in it, or won and closed in it), and
  // every window is a filtered sum in the same pass (no row per window). A pair only closed in the
  // window counts for closed-won revenue alone (its creation is outside every window).
  const pipelineDays = unique([...(windows.sourced_pipeline ?? []), ...(windows.influenced_pipeline ?? []), ...(windows.closed_won_revenue ?? [])])
  if (pipelineDays.length) {
    const maxDays = pipelineDays.at(-1)!
    const sums = sql.join(
      pipelineDays.map(
        (d) => sql`coalesce(sum(amount) filter (where sourced and ${inWindow(sql`created_at`, d)}), 0)::text,
          coalesce(sum(amount) filter (where not partner_sourced and ${inWindow(sql`created_at`, d)}), 0)::text,
          coalesce(sum(amount) filter (where won and ${inWindow(sql`closed_at`, d)}), 0)::text`,
      ),
      sql`, `,
    )
    const rows = await queryRows<{ org_id: string; f: string[] }>(
      q,
      sql`select org_id, array[${sums}] as f
          from (
            select org_id, sourced, partner_sourced, won, amount, created_at, closed_at
            from program_pipeline_pairs where ${inWindow(sql`created_at`, maxDays)}
            union all
            select org_id, false, true, true, amount, created_at, closed_at
            from program_pipeline_pairs where won and ${inWindow(sql`closed_at`, maxDays)} and not (${inWindow(sql`created_at`, maxDays)})
          ) p
          group by org_id`,
    )
    const keys = pipelineDays.flatMap((d) => [`sourced_pipeline:${d}`, `influenced_pipeline:${d}`, `closed_won_revenue:${d}`])
    for (const r of rows) putAll(out, r.org_id, keys, r.f)
  }

  // Referrals family: referrals a partner sent (created in the window), and those of them its receiver accepted.
  const referralDays = unique([...(windows.referrals_sent ?? []), ...(windows.referrals_accepted ?? [])])
  if (referralDays.length) {
    const counts = sql.join(
      referralDays.map(
        (d) => sql`count(*) filter (where ${inWindow(sql`r.created_at`, d)})::text, count(*) filter (where ${inWindow(sql`r.created_at`, d)} and r.status in ${ACCEPTED_REFERRAL})::text`,
      ),
      sql`, `,
    )
    const rows = await queryRows<{ org_id: string; f: string[] }>(
      q,
      sql`select r.from_org_id as org_id, array[${counts}] as f
          from referrals r where ${inWindow(sql`r.created_at`, referralDays.at(-1)!)}
          group by r.from_org_id`,
    )
    const keys = referralDays.flatMap((d) => [`referrals_sent:${d}`, `referrals_accepted:${d}`])
    for (const r of rows) putAll(out, r.org_id, keys, r.f)
  }

  /** One count per window, in one pass: `array[count in window 1, count in window 2, …]`. */
  const countsPerWindow = (days: number[], col: SQL) =>
    sql`array[${sql.join(
      days.map((d) => sql`count(*) filter (where ${inWindow(col, d)})::text`),
      sql`, `,
    )}]`

  // Verified endorsements: received for a referral that was won, given in the window.
  const endorsementDays = unique(windows.verified_endorsements)
  if (endorsementDays.length) {
    const rows = await queryRows<{ org_id: string; f: string[] }>(
      q,
      sql`select e.to_org_id as org_id, ${countsPerWindow(endorsementDays, sql`e.created_at`)} as f
          from endorsements e join referrals r on r.id = e.referral_id and r.status = 'won'
          where ${inWindow(sql`e.created_at`, endorsementDays.at(-1)!)}
          group by e.to_org_id`,
    )
    const keys = endorsementDays.map((d) => `verified_endorsements:${d}`)
    for (const r of rows) putAll(out, r.org_id, keys, r.f)
  }

  // Accepted community answers: replies by the partner accepted as the answer to another organization's question.
  const answerDays = unique(windows.community_accepted_answers)
  if (answerDays.length) {
    const rows = await queryRows<{ org_id: string; f: string[] }>(
      q,
      sql`select rep.author_org_id as org_id, ${countsPerWindow(answerDays, sql`rep.created_at`)} as f
          from community_topics t join community_replies rep on rep.id = t.accepted_reply_id and rep.topic_id = t.id
          where rep.author_org_id <> t.author_org_id and ${inWindow(sql`rep.created_at`, answerDays.at(-1)!)}
          group by rep.author_org_id`,
    )
    const keys = answerDays.map((d) => `community_accepted_answers:${d}`)
    for (const r of rows) putAll(out, r.org_id, keys, r.f)
  }

  // Confirmed integrations (now): those the partner published and those it is the counterpart of.
  if (windows.confirmed_integrations?.length) {
    const rows = await queryRows<{ org_id: string; n: string }>(
      q,
      sql`select x.org as org_id, count(distinct i.id)::text as n
          from integrations i cross join lateral (values (i.org_id), (i.counterpart_org_id)) as x(org)
          where i.status = 'confirmed' group by x.org`,
    )
    for (const r of rows) put(out, r.org_id, 'confirmed_integrations:*', Number(r.n))
  }

  // Active certifications (now): issued, not yet expired.
  if (windows.active_certifications?.length) {
    const rows = await queryRows<{ org_id: string; n: string }>(q, sql`select org_id, count(*)::text as n from program_certifications where issued_at <= ${at} and expires_at > ${at} group by org_id`)
    for (const r of rows) put(out, r.org_id, 'active_certifications:*', Number(r.n))
  }

  return out
}

/** The value of one requirement for one organization (0 when nothing was measured). */
export function measured(m: Measurements, orgId: string, metric: ProgramMetric, windowDays: number) {
  return m.get(orgId)?.get(measureKey(metric, windowDays)) ?? 0
}

export function windowsOf(requirements: { metric: ProgramMetric; windowDays: number }[]): WindowsByMetric {
  const out: WindowsByMetric = {}
  for (const metric of PROGRAM_METRICS) {
    const days = requirements.filter((r) => r.metric === metric).map((r) => r.windowDays)
    if (days.length) out[metric] = unique(days)
  }
  return out
}
