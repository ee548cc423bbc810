import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { textArray } from '#app/features/analytics/sql-util.server.ts'
import { TOUCH_REFERRAL_STATUSES } from '#app/features/analytics/metrics-sql.server.ts'

/**
 * Partnership health (docs/metrics.md, "Partnership health"), computed by SQL for a set of
 * partnerships at once: one statement per figure for the whole set, never one per partnership.
 */

export type PartnershipHealth = {
  /** The partnership's import key, or its id when it has none. */
  partnership: string
  at: string
  fulfilment: { A: number | null; B: number | null; asymmetry: number | null }
  engagement: { rate: number | null }
  pipeline: { attainment: number | null }
  activity: { byQuarter: Record<string, number>; drifting: boolean }
  strategicInNameOnly: boolean
}

const DAY = 86_400_000
export const HEALTH_WINDOW_DAYS = 365
export const IN_NAME_ONLY_REVIEW_DAYS = 100
export const DRIFT_FACTOR = 0.7

/** A calendar quarter in UTC: `2026-Q1` is [2026-01-01, 2026-04-01). */
export type Quarter = { key: string; start: Date; end: Date }

export function quarterAt(year: number, index: number): Quarter {
  const y = year + Math.floor(index / 4)
  const i = ((index % 4) + 4) % 4
  return { key: `${y}-Q${i + 1}`, start: new Date(Date.UTC(y, i * 3, 1)), end: new Date(Date.UTC(y, i * 3 + 3, 1)) }
}

/** The `n` complete calendar quarters before `at` (each ended at or before `at`), oldest first. */
export function completeQuartersBefore(at: Date, n: number): Quarter[] {
  // The quarter containing `at` has not ended (even when `at` is its first instant, it ends later);
  // the one before it ended at its start, which is at or before `at`.
  const current = Math.floor(at.getUTCMonth() / 3)
  const out: Quarter[] = []
  for (let k = n; k >= 1; k--) out.push(quarterAt(at.getUTCFullYear(), current - k))
  return out
}

const rate = (num: number, den: number) => (den === 0 ? null : num / den)

type Base = { id: string; key: string; org_a_id: string; org_b_id: string; a_kind: string; b_kind: string; strategic: boolean; designated_at: string | null }

/** Health of many partnerships at `at`, keyed by partnership id. Unknown ids are left out. */
export async function partnershipHealthMany(q: Queryable, partnershipIds: readonly string[], at: Date): Promise<Map<string, PartnershipHealth>> {
  const out = new Map<string, PartnershipHealth>()
  if (!partnershipIds.length) return out
  const ids = textArray([...new Set(partnershipIds)])
  const atIso = at.toISOString()
  const windowFrom = new Date(at.getTime() - HEALTH_WINDOW_DAYS * DAY).toISOString()
  const reviewFrom = new Date(at.getTime() - IN_NAME_ONLY_REVIEW_DAYS * DAY).toISOString()
  const quarters = completeQuartersBefore(at, 4)
  const last = quarters[3]!
  const actFrom = quarters[0]!.start.toISOString()
  const actTo = last.end.toISOString()
  const qLabel = (col: string) => sql.raw(`(extract(year from ${col} at time zone 'UTC')::int || '-Q' || extract(quarter from ${col} at time zone 'UTC')::int)`)

  const base = await queryRows<Base>(
    q,
    sql`select p.id, coalesce(p.import_key, p.id) as key, p.org_a_id, p.org_b_id, oa.kind as a_kind, ob.kind as b_kind, p.strategic, p.designated_at::text as designated_at
        from partnerships p join organizations oa on oa.id = p.org_a_id join organizations ob on ob.id = p.org_b_id
        where p.id = any(${ids})`,
  )
  if (!base.length) return out

  // Commitments of signed versions due in the window, not waived, per owner: due and met on time.
  const fulfilment = await queryRows<{ pid: string; owner: string; due: number; met: number }>(
    q,
    sql`select pl.partnership_id as pid, c.owner_org_id as owner, count(*)::int as due,
          count(*) filter (where c.status = 'met' and c.met_at <= c.due_at)::int as met
        from partnership_plans pl join partnership_commitments c on c.plan_id = pl.id
        where pl.partnership_id = any(${ids}) and pl.signed_at is not null
          and c.due_at >= ${windowFrom}::timestamptz and c.due_at < ${atIso}::timestamptz and c.status <> 'waived'
        group by 1, 2`,
  )

  // Reviews scheduled in the window: held with a sponsor of each side present.
  const engagement = await queryRows<{ pid: string; scheduled: number; engaged: number }>(
    q,
    sql`select r.partnership_id as pid, count(*)::int as scheduled,
          count(*) filter (where r.held_at is not null
            and exists (select 1 from partnership_review_attendees x where x.review_id = r.id and x.sponsor and x.org_id = p.org_a_id)
            and exists (select 1 from partnership_review_attendees x where x.review_id = r.id and x.sponsor and x.org_id = p.org_b_id))::int as engaged
        from partnership_reviews r join partnerships p on p.id = r.partnership_id
        where r.partnership_id = any(${ids}) and r.scheduled_at >= ${windowFrom}::timestamptz and r.scheduled_at < ${atIso}::timestamptz
        group by 1`,
  )

  // The plan version active at `at` (latest signed wins), and whether a review was held recently.
  const status = await queryRows<{ pid: string; target: number | null; has_active: boolean; recent_review: boolean }>(
    q,
    sql`select p.id as pid, act.target, act.id is not null as has_active,
          exists (select 1 from partnership_reviews r where r.partnership_id = p.id and r.held_at > ${reviewFrom}::timestamptz and r.held_at <= ${atIso}::timestamptz) as recent_review
        from partnerships p
        left join lateral (
          select pl.id, (select (t->>'pipeline')::float8 from jsonb_array_elements(pl.targets) t where t->>'quarter' = ${last.key} limit 1) as target
          from partnership_plans pl
          where pl.partnership_id = p.id and pl.signed_at <= ${atIso}::timestamptz and (pl.superseded_at is null or pl.superseded_at > ${atIso}::timestamptz)
          order by pl.signed_at desc, pl.version desc limit 1
        ) act on true
        where p.id = any(${ids})`,
  )

  // Joint opportunities: each side's earliest touch (docs/metrics.md "touch": not after the close),
  // for opportunities either side touched or sourced. Pipeline for the last complete quarter, and
  // the moment an opportunity became joint for the activity count.
  const opps = await queryRows<{ pid: string; pipeline: number; label: string | null; n: number }>(
    q,
    sql`with
      base as materialized (
        select p.id as pid, p.org_a_id as a, p.org_b_id as b,
          case when oa.kind = 'vendor' then p.org_a_id when ob.kind = 'vendor' then p.org_b_id end as vendor,
          case when oa.kind = 'vendor' then p.org_b_id when ob.kind = 'vendor' then p.org_a_id end as partner
        from partnerships p join organizations oa on oa.id = p.org_a_id join organizations ob on ob.id = p.org_b_id
        where p.id = any(${ids})
      ),
      sides as materialized (select a as org from base union select b from base),
      touch as (
        select r.opportunity_id as opp, r.from_org_id as org, r.created_at as t from referrals r
        where r.opportunity_id is not null and r.status in ${TOUCH_REFERRAL_STATUSES} and r.from_org_id in (select org from sides)
        union all
        select r.opportunity_id, r.to_org_id, r.created_at from referrals r
        where r.opportunity_id is not null and r.status in ${TOUCH_REFERRAL_STATUSES} and r.to_org_id in (select org from sides)
        union all
        select c.opportunity_id, c.org_id, c.joined_at from opportunity_participants c
        where c.status = 'accepted' and c.org_id in (select org from sides)
      ),
      first_touch as materialized (
        select t.opp, t.org, min(t.t) as first
        from touch t join opportunities o on o.id = t.opp
        where o.closed_at is null or t.t <= o.closed_at
        group by t.opp, t.org
      ),
      -- Every opportunity that counts involves the partner of a vendor–partner partnership (it
      -- sourced or touched it), and side B of a partnership of two partners (both must be
      -- involved): the candidates are that side's, never all of the vendor's.
      cand as (
        select b.pid, f.opp from base b join first_touch f on f.org = coalesce(b.partner, b.b)
        union
        select b.pid, o.id from base b join opportunities o on o.sourced_by_org_id = coalesce(b.partner, b.b)
      ),
      joint as (
        select b.pid, o.amount, o.created_at, o.org_id, o.sourced_by_org_id as sb, b.a, b.b, b.vendor, b.partner,
          fa.opp is not null as a_touched, fb.opp is not null as b_touched, fa.first as ta, fb.first as tb
        from cand c join base b on b.pid = c.pid join opportunities o on o.id = c.opp
        left join first_touch fa on fa.opp = o.id and fa.org = b.a
        left join first_touch fb on fb.opp = o.id and fb.org = b.b
      ),
      attained as (
        select pid, coalesce(sum(amount), 0)::float8 as pipeline from joint
        where created_at >= ${last.start.toISOString()}::timestamptz and created_at < ${last.end.toISOString()}::timestamptz
          and case when vendor is not null
            then org_id = vendor and (sb = partner or (case when partner = a then a_touched else b_touched end))
            else a_touched and b_touched end
        group by pid
      ),
      moments as (
        select pid,
          case
            when sb = a and b_touched then tb
            when sb = b and a_touched then ta
            when a_touched and b_touched then case when ta is null or tb is null then null else greatest(ta, tb) end
          end as m
        from joint
      )
      select pid, pipeline, null as label, 0 as n from attained
      union all
      select pid, 0, ${qLabel('m')}, count(*)::int from moments
      where m >= ${actFrom}::timestamptz and m < ${actTo}::timestamptz
      group by pid, 3`,
  )

  // Other joint activity by quarter: referrals between the two sides, reviews held, commitments met.
  const activity = await queryRows<{ pid: string; label: string; n: number }>(
    q,
    sql`select pid, label, count(*)::int as n from (
          select p.id as pid, ${qLabel('r.created_at')} as label
          from partnerships p join referrals r on (r.from_org_id = p.org_a_id and r.to_org_id = p.org_b_id) or (r.from_org_id = p.org_b_id and r.to_org_id = p.org_a_id)
          where p.id = any(${ids}) and r.created_at >= ${actFrom}::timestamptz and r.created_at < ${actTo}::timestamptz
          union all
          select r.partnership_id, ${qLabel('r.held_at')}
          from partnership_reviews r
          where r.partnership_id = any(${ids}) and r.held_at >= ${actFrom}::timestamptz and r.held_at < ${actTo}::timestamptz
          union all
          select pl.partnership_id, ${qLabel('c.met_at')}
          from partnership_plans pl join partnership_commitments c on c.plan_id = pl.id
          where pl.partnership_id = any(${ids}) and pl.signed_at is not null and c.status = 'met'
            and c.met_at >= ${actFrom}::timestamptz and c.met_at < ${actTo}::timestamptz
        ) x group by pid, label`,
  )

  for (const b of base) {
    const side = (org: string) => {
      const row = fulfilment.find((f) => f.pid === b.id && f.owner === org)
      return row ? rate(row.met, row.due) : null
    }
    const A = side(b.org_a_id)
    const B = side(b.org_b_id)
    const eng = engagement.find((e) => e.pid === b.id)
    const st = status.find((s) => s.pid === b.id)!
    const pipeline = opps.find((o) => o.pid === b.id && o.label === null)?.pipeline ?? 0
    const byQuarter: Record<string, number> = {}
    for (const quarter of quarters) {
      byQuarter[quarter.key] =
        opps.filter((o) => o.pid === b.id && o.label === quarter.key).reduce((s, o) => s + o.n, 0) + activity.filter((a) => a.pid === b.id && a.label === quarter.key).reduce((s, a) => s + a.n, 0)
    }
    const lastN = byQuarter[quarters[3]!.key]!
    const prevN = byQuarter[quarters[2]!.key]!
    const designated = b.designated_at !== null && new Date(b.designated_at) <= at
    out.set(b.id, {
      partnership: b.key,
      at: atIso,
      fulfilment: { A, B, asymmetry: A === null || B === null ? null : Math.abs(A - B) },
      engagement: { rate: eng ? rate(eng.engaged, eng.scheduled) : null },
      pipeline: { attainment: st.target === null || Number(st.target) === 0 ? null : pipeline / Number(st.target) },
      activity: { byQuarter, drifting: prevN > 0 && lastN < DRIFT_FACTOR * prevN },
      strategicInNameOnly: b.strategic && designated && (!st.has_active || !st.recent_review),
    })
  }
  return out
}

/** Health of one partnership at `at`; null when there is no such partnership. */
export async function partnershipHealth(q: Queryable, partnershipId: string, at: Date): Promise<PartnershipHealth | null> {
  return (await partnershipHealthMany(q, [partnershipId], at)).get(partnershipId) ?? null
}

/** A partnership's id from its import key or its id (the CLI's `--partnership`). */
export async function resolvePartnershipId(q: Queryable, keyOrId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(q, sql`select id from partnerships where import_key = ${keyOrId} or id = ${keyOrId} order by (import_key = ${keyOrId}) desc nulls last limit 1`)
  return row?.id ?? null
}
