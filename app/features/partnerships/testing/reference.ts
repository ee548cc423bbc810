/**
 * An independent calculation of "Partnership health" (docs/metrics.md) over a raw snapshot
 * document, written from the definitions' text in plain TypeScript: no SQL and no code shared with
 * health.server.ts. Tests compare the two. Only for tests.
 */
import type { RawSnapshot } from '#app/features/analytics/testing/reference.ts'

export type RawPartnership = { key: string; a: string; b: string; strategic?: boolean; designatedAt?: string | null; stage?: string }
export type RawPlan = { key: string; partnership: string; version: number; signedAt?: string | null; supersededAt?: string | null; targets?: { quarter: string; pipeline: number }[] }
export type RawCommitment = { key: string; plan: string; owner: string; title: string; dueAt: string; status?: string; metAt?: string | null }
export type RawReview = { key: string; partnership: string; scheduledAt: string; heldAt?: string | null; sponsorsPresent?: string[] }
export type RawPartnershipSnapshot = RawSnapshot & { partnerships: RawPartnership[]; plans: RawPlan[]; commitments: RawCommitment[]; reviews: RawReview[] }

const t = (s: string | null | undefined) => (s === null || s === undefined ? null : Date.parse(s))

/** The quarter key and bounds of the quarter `k` quarters after the one holding the UTC time `ms`. */
function quarterFrom(ms: number, k: number) {
  const d = new Date(ms)
  let year = d.getUTCFullYear()
  let q = Math.floor(d.getUTCMonth() / 3) + k
  while (q < 0) {
    q += 4
    year--
  }
  while (q > 3) {
    q -= 4
    year++
  }
  return { key: `${year}-Q${q + 1}`, start: Date.UTC(year, q * 3, 1), end: Date.UTC(year, q * 3 + 3, 1) }
}

export function referenceHealth(doc: RawPartnershipSnapshot, partnershipKey: string, atIso: string) {
  const at = Date.parse(atIso)
  const ps = doc.partnerships.find((p) => p.key === partnershipKey)!
  const A = ps.a
  const B = ps.b
  const windowStart = at - 365 * 86_400_000
  const inWindow = (x: number | null) => x !== null && x >= windowStart && x < at
  const plans = doc.plans.filter((p) => p.partnership === ps.key)
  const signedPlans = new Set(plans.filter((p) => p.signedAt).map((p) => p.key))

  // Fulfilment.
  const commitments = doc.commitments.filter((c) => signedPlans.has(c.plan))
  const fulfil = (side: string) => {
    const due = commitments.filter((c) => c.owner === side && inWindow(t(c.dueAt)) && (c.status ?? 'open') !== 'waived')
    if (due.length === 0) return null
    const onTime = due.filter((c) => c.status === 'met' && t(c.metAt)! <= t(c.dueAt)!)
    return onTime.length / due.length
  }
  const fA = fulfil(A)
  const fB = fulfil(B)

  // Engagement.
  const reviews = doc.reviews.filter((r) => r.partnership === ps.key)
  const scheduled = reviews.filter((r) => inWindow(t(r.scheduledAt)))
  const engaged = scheduled.filter((r) => r.heldAt && (r.sponsorsPresent ?? []).includes(A) && (r.sponsorsPresent ?? []).includes(B))

  // The plan version active at `at`: latest signedAt wins.
  const active = plans.filter((p) => p.signedAt && t(p.signedAt)! <= at && (!p.supersededAt || t(p.supersededAt)! > at)).sort((x, y) => t(y.signedAt)! - t(x.signedAt)! || y.version - x.version)[0]

  // Touches before the close, per opportunity and org: the earliest time.
  const opps = new Map(doc.opportunities.map((o) => [o.key, o]))
  const firstTouch = new Map<string, Map<string, number | null>>()
  const touch = (oppKey: string, org: string, when: number | null) => {
    const o = opps.get(oppKey)!
    const closed = t(o.closedAt)
    if (closed !== null && (when === null || when > closed)) return
    const byOrg = firstTouch.get(oppKey) ?? new Map<string, number | null>()
    const prev = byOrg.get(org)
    if (prev === undefined || (when !== null && (prev === null || when < prev))) byOrg.set(org, when)
    firstTouch.set(oppKey, byOrg)
  }
  for (const r of doc.referrals) {
    if (!r.opportunity || !['accepted', 'in_progress', 'won', 'lost'].includes(r.status)) continue
    touch(r.opportunity, r.from, t(r.createdAt))
    touch(r.opportunity, r.to, t(r.createdAt))
  }
  for (const c of doc.coSell) if (c.status === 'accepted') touch(c.opportunity, c.org, t(c.joinedAt))
  const touched = (oppKey: string, org: string) => firstTouch.get(oppKey)?.has(org) ?? false
  const touchTime = (oppKey: string, org: string) => firstTouch.get(oppKey)?.get(org) ?? null

  const kind = (orgKey: string) => doc.organizations.find((o) => o.key === orgKey)!.kind
  const vendor = kind(A) === 'vendor' ? A : kind(B) === 'vendor' ? B : null
  const partner = vendor === A ? B : vendor === B ? A : null

  // Pipeline attainment for the last complete quarter.
  const lastQ = quarterFrom(at, -1)
  let attainment: number | null = null
  const target = active?.targets?.find((x) => x.quarter === lastQ.key)?.pipeline
  if (active && target !== undefined && target !== 0) {
    let sum = 0
    for (const o of doc.opportunities) {
      const created = t(o.createdAt)!
      if (created < lastQ.start || created >= lastQ.end) continue
      // Snapshot opportunities all belong to the vendor.
      const counts = vendor !== null ? o.sourcedBy === partner || touched(o.key, partner!) : touched(o.key, A) && touched(o.key, B)
      if (counts) sum += o.amount
    }
    attainment = sum / target
  }

  // Activity by quarter.
  const quarters = [-4, -3, -2, -1].map((k) => quarterFrom(at, k))
  const byQuarter: Record<string, number> = Object.fromEntries(quarters.map((q) => [q.key, 0]))
  const count = (when: number | null) => {
    if (when === null) return
    const q = quarters.find((x) => when >= x.start && when < x.end)
    if (q) byQuarter[q.key]!++
  }
  for (const r of doc.referrals) if ((r.from === A && r.to === B) || (r.from === B && r.to === A)) count(t(r.createdAt))
  for (const o of doc.opportunities) {
    const aT = touched(o.key, A)
    const bT = touched(o.key, B)
    if (o.sourcedBy === A && bT) count(touchTime(o.key, B))
    else if (o.sourcedBy === B && aT) count(touchTime(o.key, A))
    else if (aT && bT) {
      const ta = touchTime(o.key, A)
      const tb = touchTime(o.key, B)
      count(ta === null || tb === null ? null : Math.max(ta, tb))
    }
  }
  for (const r of reviews) count(t(r.heldAt))
  for (const c of commitments) if (c.status === 'met') count(t(c.metAt))
  const lastN = byQuarter[quarters[3]!.key]!
  const prevN = byQuarter[quarters[2]!.key]!

  const designated = ps.strategic === true && ps.designatedAt != null && t(ps.designatedAt)! <= at
  const recentReview = reviews.some((r) => r.heldAt && t(r.heldAt)! > at - 100 * 86_400_000 && t(r.heldAt)! <= at)

  return {
    partnership: ps.key,
    at: new Date(at).toISOString(),
    fulfilment: { A: fA, B: fB, asymmetry: fA === null || fB === null ? null : Math.abs(fA - fB) },
    engagement: { rate: scheduled.length ? engaged.length / scheduled.length : null },
    pipeline: { attainment },
    activity: { byQuarter, drifting: prevN > 0 && lastN < 0.7 * prevN },
    strategicInNameOnly: designated && (!active || !recentReview),
  }
}
