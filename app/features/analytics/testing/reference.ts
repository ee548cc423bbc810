/**
 * An independent calculation of docs/metrics.md over a raw snapshot document, written from the
 * definitions' text in plain JavaScript (no SQL, no shared code with metrics.server.ts). Tests
 * compare it with the SQL summary. Only for tests.
 */

export type RawOrg = {
  key: string
  kind: 'vendor' | 'partner'
  type?: string | null
  tier?: string | null
  status?: string
  approvedAt?: string | null
  regions?: string[]
  name: string
  industries?: string[]
}
export type RawOpp = {
  key: string
  amount: number
  stage: 'open' | 'won' | 'lost'
  createdAt: string
  closedAt?: string | null
  sourcedBy?: string | null
  accountName?: string
  accountDomain?: string
}
export type RawReferral = {
  key: string
  from: string
  to: string
  status: string
  createdAt: string
  closedAt?: string | null
  wonAmount?: number | null
  opportunity?: string | null
  accountName?: string
  accountDomain?: string
  estimatedValue?: number
}
export type RawCoSell = { opportunity: string; org: string; status: string; joinedAt?: string | null }
export type RawSnapshot = { organizations: RawOrg[]; opportunities: RawOpp[]; referrals: RawReferral[]; coSell: RawCoSell[] }
export type RefFilters = { partnerTypes?: string[]; tiers?: string[]; regions?: string[] }

const ms = (s: string | null | undefined) => (s === null || s === undefined ? null : Date.parse(s))

export function referenceSummary(doc: RawSnapshot, fromIso: string, toIso: string, filters: RefFilters = {}) {
  const from = Date.parse(fromIso)
  const to = Date.parse(toIso)
  const inPeriod = (t: number | null) => t !== null && t >= from && t < to
  const orgs = new Map(doc.organizations.map((o) => [o.key, o]))
  const isPartner = (key: string | null | undefined) => {
    if (!key) return false
    const o = orgs.get(key)
    if (!o || o.kind !== 'partner') return false
    if (filters.partnerTypes?.length && !filters.partnerTypes.includes(o.type ?? '')) return false
    if (filters.tiers?.length && !filters.tiers.includes(o.tier ?? '')) return false
    if (filters.regions?.length && !(o.regions ?? []).some((r) => filters.regions!.includes(r))) return false
    return true
  }
  const opps = new Map(doc.opportunities.map((o) => [o.key, o]))

  // Touches: which orgs touched each opportunity before it closed.
  const touches = new Map<string, string[]>()
  const addTouch = (opp: string, org: string) => touches.set(opp, [...(touches.get(opp) ?? []), org])
  for (const r of doc.referrals) {
    if (!r.opportunity || !['accepted', 'in_progress', 'won', 'lost'].includes(r.status)) continue
    const o = opps.get(r.opportunity)!
    const closed = ms(o.closedAt)
    if (closed !== null && ms(r.createdAt)! > closed) continue
    addTouch(o.key, r.from)
    addTouch(o.key, r.to)
  }
  for (const c of doc.coSell) {
    if (c.status !== 'accepted') continue
    const o = opps.get(c.opportunity)!
    const closed = ms(o.closedAt)
    const joined = ms(c.joinedAt)
    if (closed !== null && (joined === null || joined > closed)) continue
    addTouch(o.key, c.org)
  }
  const sourced = (o: RawOpp) => isPartner(o.sourcedBy)
  const influenced = (o: RawOpp) => !sourced(o) && (touches.get(o.key) ?? []).some(isPartner)
  const ecosystem = (o: RawOpp) => sourced(o) || influenced(o)

  const created = doc.opportunities.filter((o) => inPeriod(ms(o.createdAt)))
  const sum = (list: { amount: number }[]) => list.reduce((a, o) => a + o.amount, 0)
  const total = sum(created)
  const partnerSourced = sum(created.filter(sourced))
  const partnerInfluenced = sum(created.filter(influenced))
  const direct = sum(created.filter((o) => !ecosystem(o)))

  const p2p = doc.referrals.filter((r) => isPartner(r.from) && isPartner(r.to))
  const p2pCreatedList = p2p.filter((r) => inPeriod(ms(r.createdAt)))
  const p2pWon = p2p.filter((r) => r.status === 'won' && inPeriod(ms(r.closedAt)))
  const answered = p2pCreatedList.filter((r) => r.status !== 'submitted')
  const accepted = answered.filter((r) => ['accepted', 'in_progress', 'won', 'lost'].includes(r.status))
  const decided = p2p.filter((r) => (r.status === 'won' || r.status === 'lost') && inPeriod(ms(r.closedAt)))

  const closedOpps = doc.opportunities.filter((o) => (o.stage === 'won' || o.stage === 'lost') && inPeriod(ms(o.closedAt)))
  const group = (list: RawOpp[]) => {
    const won = list.filter((o) => o.stage === 'won')
    return {
      revenuePerClosed: list.length === 0 ? null : sum(won) / list.length,
      winRate: list.length === 0 ? null : won.length / list.length,
    }
  }
  const eco = group(closedOpps.filter(ecosystem))
  const dir = group(closedOpps.filter((o) => !ecosystem(o)))

  // Network over the active partners at the period's end.
  const active = new Set(doc.organizations.filter((o) => isPartner(o.key) && o.status === 'active' && o.approvedAt && Date.parse(o.approvedAt) < to).map((o) => o.key))
  const edgeSet = new Set<string>()
  const edgeKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)
  const directed = new Set<string>()
  for (const r of doc.referrals) {
    if (!inPeriod(ms(r.createdAt)) || !active.has(r.from) || !active.has(r.to) || r.from === r.to) continue
    edgeSet.add(edgeKey(r.from, r.to))
    directed.add(`${r.from}\u0000${r.to}`)
  }
  const byOpp = new Map<string, string[]>()
  for (const c of doc.coSell) {
    if (c.status !== 'accepted' || !inPeriod(ms(c.joinedAt)) || !active.has(c.org)) continue
    byOpp.set(c.opportunity, [...(byOpp.get(c.opportunity) ?? []), c.org])
  }
  for (const list of byOpp.values()) for (const a of list) for (const b of list) if (a !== b) edgeSet.add(edgeKey(a, b))
  const N = active.size
  const E = edgeSet.size
  const neighbours = new Map<string, string[]>()
  for (const k of edgeSet) {
    const [a, b] = k.split('\u0000') as [string, string]
    neighbours.set(a, [...(neighbours.get(a) ?? []), b])
    neighbours.set(b, [...(neighbours.get(b) ?? []), a])
  }
  let largest = 0
  const seen = new Set<string>()
  for (const start of active) {
    if (seen.has(start)) continue
    let size = 0
    const stack = [start]
    seen.add(start)
    while (stack.length) {
      const x = stack.pop()!
      size++
      for (const y of neighbours.get(x) ?? [])
        if (!seen.has(y)) {
          seen.add(y)
          stack.push(y)
        }
    }
    largest = Math.max(largest, size)
  }
  const reciprocated = [...directed].filter((k) => {
    const [a, b] = k.split('\u0000')
    return directed.has(`${b}\u0000${a}`)
  }).length

  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    pipeline: { total, partnerSourced, partnerInfluenced, ecosystemInfluenced: partnerSourced + partnerInfluenced, direct },
    referrals: {
      p2pCreated: p2pCreatedList.length,
      p2pWonCount: p2pWon.length,
      p2pRevenue: p2pWon.reduce((a, r) => a + (r.wonAmount ?? 0), 0),
      acceptanceRate: answered.length === 0 ? null : accepted.length / answered.length,
      winRate: decided.length === 0 ? null : decided.filter((r) => r.status === 'won').length / decided.length,
    },
    multiplier: {
      value: eco.revenuePerClosed === null || dir.revenuePerClosed === null || dir.revenuePerClosed === 0 ? null : eco.revenuePerClosed / dir.revenuePerClosed,
      ecosystemRevenuePerClosed: eco.revenuePerClosed,
      directRevenuePerClosed: dir.revenuePerClosed,
      ecosystemWinRate: eco.winRate,
      directWinRate: dir.winRate,
    },
    network: {
      activePartners: N,
      edges: E,
      connectedPartners: neighbours.size,
      participationRate: N === 0 ? null : neighbours.size / N,
      density: N < 2 ? null : E / ((N * (N - 1)) / 2),
      reciprocity: directed.size === 0 ? null : reciprocated / directed.size,
      largestComponentShare: N === 0 ? null : largest / N,
    },
    // A snapshot carries no community posts: its community numbers are those of an empty
    // community (app/features/community/metrics.test.ts computes them on posts).
    community: { activeMembers: 0, topics: 0, replies: 0, answerRate: null, medianHoursToFirstReply: null, partnerAnswerShare: null, requestsConverted: 0 },
    // Nor leads (app/features/analytics/marketplace-metrics.test.ts computes them on leads).
    marketplace: { leads: 0, convertedLeads: 0, conversionRate: null, pipeline: 0 },
  }
}
