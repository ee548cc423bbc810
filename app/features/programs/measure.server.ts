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

/** The first instant of `t`'s calendar month (UTC), `add` months later. */
const monthOf = (t: Date, add = 0) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + add, 1))

export type WindowSplit = { days: number; from: Date; monthsFrom: Date }

/**
 * How trailing windows [now − d days, now) are read from sums per calendar month (UTC): each window
 * covers the whole months from `monthsFrom` (the first month starting in it) to `monthsTo` (the
 * month of `now`, the same for every window; none when `monthsFrom` is not before it), and the rest
 * of it — before `monthsFrom` and from `monthsTo` on — is read row by row. `edges` are those
 * row-by-row stretches of every window, merged, so no row is read twice.
 */
export function splitByMonths(now: Date, days: number[]) {
  const monthsTo = monthOf(now)
  const windows: WindowSplit[] = days.map((d) => {
    const from = new Date(now.getTime() - d * DAY_MS)
    const first = monthOf(from).getTime() === from.getTime() ? from : monthOf(from, 1)
    return { days: d, from, monthsFrom: first < monthsTo ? first : monthsTo }
  })
  const stretches: [Date, Date][] = []
  for (const w of windows) {
    if (w.monthsFrom < monthsTo) {
      if (w.from < w.monthsFrom) stretches.push([w.from, w.monthsFrom])
      if (monthsTo < now) stretches.push([monthsTo, now])
    } else if (w.from < now) stretches.push([w.from, now])
  }
  stretches.sort((a, b) => a[0].getTime() - b[0].getTime())
  const edges: [Date, Date][] = []
  for (const [a, b] of stretches) {
    const last = edges.at(-1)
    if (last && a <= last[1]) last[1] = b > last[1] ? b : last[1]
    else edges.push([a, b])
  }
  const monthsFrom = windows.reduce((min, w) => (w.monthsFrom < min ? w.monthsFrom : min), monthsTo)
  return { windows, monthsFrom, monthsTo, edges }
}

/**
 * Per organization, the sums of `columns` over each trailing window [now − d days, now) for every d
 * in `days` (one array per organization: the columns for the first window, then for the next),
 * from sums kept per calendar month (`months(from, to)`: rows (org_id, m true, t the month's start,
 * …columns) for the months in [from, to)) and the rows themselves (`rows(from, to)`: (org_id, m
 * false, t the row's time, …columns) for the times in [from, to)) at the windows' ends that do not
 * fill a month (splitByMonths). One pass: each month's sums and each row is read once, and counts in
 * a window when its whole month is one of the window's, or (a row) when it is in the window but not
 * in one of those months. Exact to the instant.
 */
async function sumsByMonths(q: Queryable, now: Date, days: number[], columns: string[], read: { months: (from: SQL, to: SQL) => SQL; rows: (from: SQL, to: SQL) => SQL[] }) {
  const split = splitByMonths(now, days)
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`
  const to = ts(split.monthsTo)
  const counts = (w: WindowSplit) => sql`case when m then t >= ${ts(w.monthsFrom)} and t < ${to} else t >= ${ts(w.from)} and t < ${ts(now)} and not (t >= ${ts(w.monthsFrom)} and t < ${to}) end`
  const sums = sql.join(
    split.windows.flatMap((w) => columns.map((c) => sql`coalesce(sum(${sql.identifier(c)}) filter (where ${counts(w)}), 0)::text`)),
    sql`, `,
  )
  const parts: SQL[] = []
  if (split.monthsFrom < split.monthsTo) parts.push(read.months(ts(split.monthsFrom), to))
  for (const [a, b] of split.edges) parts.push(...read.rows(ts(a), ts(b)))
  if (!parts.length) return []
  return queryRows<{ org_id: string; f: string[] }>(q, sql`select org_id, array[${sums}] as f from (${sql.join(parts, sql` union all `)}) p group by org_id`)
}

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
  // program_pipeline_pairs (migration 0049), and their sums per partner and calendar month in
  // program_pipeline_months (migration 0056): each window is its whole months' sums plus the pairs
  // of its partial months (created in them, or won and closed in them). A pair only closed in a
  // window counts for closed-won revenue alone.
  const pipelineDays = unique([...(windows.sourced_pipeline ?? []), ...(windows.influenced_pipeline ?? []), ...(windows.closed_won_revenue ?? [])])
  if (pipelineDays.length) {
    const rows = await sumsByMonths(q, now, pipelineDays, ['s', 'i', 'w'], {
      months: (from, to) => sql`select org_id, true as m, month as t, sourced as s, influenced as i, won as w
        from program_pipeline_months where month >= ${from} and month < ${to}`,
      rows: (from, to) => [
        sql`select org_id, false, created_at, case when sourced then amount else 0 end, case when not partner_sourced then amount else 0 end, 0
          from program_pipeline_pairs where created_at >= ${from} and created_at < ${to}`,
        sql`select org_id, false, closed_at, 0, 0, amount
          from program_pipeline_pairs where won and closed_at >= ${from} and closed_at < ${to}`,
      ],
    })
    const keys = pipelineDays.flatMap((d) => [`sourced_pipeline:${d}`, `influenced_pipeline:${d}`, `closed_won_revenue:${d}`])
    for (const r of rows) putAll(out, r.org_id, keys, r.f)
  }

  // Referrals family: referrals a partner sent (created in the window), and those of them its
  // receiver accepted; counted per partner and calendar month in program_referral_months (migration
  // 0058), so each window is its whole months' counts plus the referrals of its partial months.
  const referralDays = unique([...(windows.referrals_sent ?? []), ...(windows.referrals_accepted ?? [])])
  if (referralDays.length) {
    const rows = await sumsByMonths(q, now, referralDays, ['s', 'a'], {
      months: (from, to) => sql`select org_id, true as m, month as t, sent as s, accepted as a
        from program_referral_months where month >= ${from} and month < ${to}`,
      rows: (from, to) => [
        sql`select from_org_id, false, created_at, 1, case when status in ${ACCEPTED_REFERRAL} then 1 else 0 end
          from referrals where created_at >= ${from} and created_at < ${to}`,
      ],
    })
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
