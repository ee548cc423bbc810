import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { PROGRAM_METRICS, STATE_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

/**
 * Measures the program's requirement metrics for every partner at once (docs/metrics.md, "Program
 * requirements"): one grouped, set-based query per family of metrics over the whole tables, never
 * a query per partner. Each windowed metric is measured for every trailing window some requirement
 * asks for (the windows are joined in, so a family still scans its tables once).
 */

/** `metric:windowDays` (or `metric:*` for the state metrics) → value, per organization. */
export type Measurements = Map<string, Map<string, number>>

export const measureKey = (metric: ProgramMetric, windowDays: number) => (STATE_METRICS.includes(metric) ? `${metric}:*` : `${metric}:${windowDays}`)

export type WindowsByMetric = Partial<Record<ProgramMetric, number[]>>

const ACCEPTED_REFERRAL = sql`('accepted', 'in_progress', 'won', 'lost')`

function windowsValues(days: number[]): SQL {
  return sql`(values ${sql.join(
    days.map((d) => sql`(${d}::int)`),
    sql`, `,
  )}) as w(days)`
}

function put(out: Measurements, orgId: string, key: string, value: number) {
  let m = out.get(orgId)
  if (!m) out.set(orgId, (m = new Map()))
  m.set(key, value)
}

const unique = (xs: number[] | undefined) => [...new Set(xs ?? [])].sort((a, b) => a - b)

/**
 * Every metric some requirement uses, for every organization that has a non-zero value. An
 * organization missing from the map (or a key missing from its map) measured 0.
 */
export async function measureAll(q: Queryable, windows: WindowsByMetric, now: Date): Promise<Measurements> {
  const out: Measurements = new Map()
  const at = sql`${now.toISOString()}::timestamptz`

  // Pipeline family: the vendor's opportunities, each attributed to the partner that sourced it and
  // to every partner with a touch not after its close (a linked referral accepted, in progress, won
  // or lost: both its organizations; an accepted co-sell participation: its organization).
  const pipelineDays = unique([...(windows.sourced_pipeline ?? []), ...(windows.influenced_pipeline ?? []), ...(windows.closed_won_revenue ?? [])])
  if (pipelineDays.length) {
    const maxDays = pipelineDays.at(-1)!
    const rows = await queryRows<{ org_id: string; days: number; sourced: string; influenced: string; won: string }>(
      q,
      sql`with partners as (select id from organizations where kind = 'partner'),
          o as (
            select o.id, o.amount, o.stage, o.created_at, o.closed_at, o.sourced_by_org_id, (sp.id is not null) as partner_sourced
            from opportunities o
            join organizations v on v.id = o.org_id and v.kind = 'vendor'
            left join organizations sp on sp.id = o.sourced_by_org_id and sp.kind = 'partner'
            where (o.created_at >= ${at} - make_interval(days => ${maxDays}) and o.created_at < ${at})
               or (o.stage = 'won' and o.closed_at >= ${at} - make_interval(days => ${maxDays}) and o.closed_at < ${at})
          ),
          touches as (
            select r.opportunity_id as opp, x.org, r.created_at as at
            from referrals r cross join lateral (values (r.from_org_id), (r.to_org_id)) as x(org)
            where r.opportunity_id is not null and r.status in ${ACCEPTED_REFERRAL}
            union all
            select p.opportunity_id, p.org_id, coalesce(p.joined_at, 'infinity'::timestamptz)
            from opportunity_participants p where p.status = 'accepted'
          ),
          attributed as (
            select o.id, o.sourced_by_org_id as org, true as sourced, o.amount, o.stage, o.created_at, o.closed_at, o.partner_sourced from o where o.partner_sourced
            union all
            select o.id, t.org, false, o.amount, o.stage, o.created_at, o.closed_at, o.partner_sourced
            from touches t join o on o.id = t.opp join partners p on p.id = t.org
            where o.closed_at is null or t.at <= o.closed_at
          ),
          pairs as (
            select id, org, bool_or(sourced) as sourced, min(amount) as amount, min(stage) as stage, min(created_at) as created_at, min(closed_at) as closed_at, bool_or(partner_sourced) as partner_sourced
            from attributed group by id, org
          )
          select pairs.org as org_id, w.days,
            coalesce(sum(pairs.amount) filter (where pairs.sourced and pairs.created_at >= ${at} - make_interval(days => w.days) and pairs.created_at < ${at}), 0)::text as sourced,
            coalesce(sum(pairs.amount) filter (where not pairs.partner_sourced and pairs.created_at >= ${at} - make_interval(days => w.days) and pairs.created_at < ${at}), 0)::text as influenced,
            coalesce(sum(pairs.amount) filter (where pairs.stage = 'won' and pairs.closed_at >= ${at} - make_interval(days => w.days) and pairs.closed_at < ${at}), 0)::text as won
          from pairs cross join ${windowsValues(pipelineDays)}
          group by pairs.org, w.days`,
    )
    for (const r of rows) {
      put(out, r.org_id, `sourced_pipeline:${r.days}`, Number(r.sourced))
      put(out, r.org_id, `influenced_pipeline:${r.days}`, Number(r.influenced))
      put(out, r.org_id, `closed_won_revenue:${r.days}`, Number(r.won))
    }
  }

  // Referrals family: referrals a partner sent (created in the window), and those of them its receiver accepted.
  const referralDays = unique([...(windows.referrals_sent ?? []), ...(windows.referrals_accepted ?? [])])
  if (referralDays.length) {
    const rows = await queryRows<{ org_id: string; days: number; sent: string; accepted: string }>(
      q,
      sql`select r.from_org_id as org_id, w.days,
            count(*) filter (where r.created_at >= ${at} - make_interval(days => w.days))::text as sent,
            count(*) filter (where r.created_at >= ${at} - make_interval(days => w.days) and r.status in ${ACCEPTED_REFERRAL})::text as accepted
          from referrals r cross join ${windowsValues(referralDays)}
          where r.created_at >= ${at} - make_interval(days => ${referralDays.at(-1)!}) and r.created_at < ${at}
          group by r.from_org_id, w.days`,
    )
    for (const r of rows) {
      put(out, r.org_id, `referrals_sent:${r.days}`, Number(r.sent))
      put(out, r.org_id, `referrals_accepted:${r.days}`, Number(r.accepted))
    }
  }

  // Verified endorsements: received for a referral that was won, given in the window.
  const endorsementDays = unique(windows.verified_endorsements)
  if (endorsementDays.length) {
    const rows = await queryRows<{ org_id: string; days: number; n: string }>(
      q,
      sql`select e.to_org_id as org_id, w.days, count(*) filter (where e.created_at >= ${at} - make_interval(days => w.days))::text as n
          from endorsements e join referrals r on r.id = e.referral_id and r.status = 'won' cross join ${windowsValues(endorsementDays)}
          where e.created_at >= ${at} - make_interval(days => ${endorsementDays.at(-1)!}) and e.created_at < ${at}
          group by e.to_org_id, w.days`,
    )
    for (const r of rows) put(out, r.org_id, `verified_endorsements:${r.days}`, Number(r.n))
  }

  // Accepted community answers: replies by the partner accepted as the answer to another organization's question.
  const answerDays = unique(windows.community_accepted_answers)
  if (answerDays.length) {
    const rows = await queryRows<{ org_id: string; days: number; n: string }>(
      q,
      sql`select rep.author_org_id as org_id, w.days, count(*) filter (where rep.created_at >= ${at} - make_interval(days => w.days))::text as n
          from community_topics t join community_replies rep on rep.id = t.accepted_reply_id and rep.topic_id = t.id cross join ${windowsValues(answerDays)}
          where rep.author_org_id <> t.author_org_id and rep.created_at >= ${at} - make_interval(days => ${answerDays.at(-1)!}) and rep.created_at < ${at}
          group by rep.author_org_id, w.days`,
    )
    for (const r of rows) put(out, r.org_id, `community_accepted_answers:${r.days}`, Number(r.n))
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
