import type { RawCoSell, RawOpp, RawOrg, RawReferral, RawSnapshot } from '#app/features/analytics/testing/reference.ts'

/**
 * A random but reproducible ecosystem snapshot for tests and the CLI check: partners of every
 * type/tier/status (some approved late, some never), opportunities over 2025–2026 (some
 * exactly at period boundaries), referrals in every status (some with the vendor, some linked
 * to opportunities, some created after the opportunity closed), co-sell in every status.
 */
export function generateSnapshot(seed = 7, size = { partners: 40, opportunities: 300, referrals: 250, coSell: 150 }): RawSnapshot {
  let state = seed >>> 0 || 1
  const rand = () => {
    // xorshift32: deterministic, good enough for test data
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x100000000
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const base = Date.parse('2025-01-01T00:00:00Z')
  const span = Date.parse('2027-01-01T00:00:00Z') - base
  const boundaries = ['2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
  const time = () => (rand() < 0.06 ? pick(boundaries) : new Date(base + Math.floor(rand() * span)).toISOString())
  const after = (iso: string) => new Date(Math.min(Date.parse(iso) + int(0, 200) * 86_400_000 + int(0, 86_399) * 1000, base + span)).toISOString()

  const types = ['reseller', 'technology', 'systems_integrator', 'msp', 'referral', 'hyperscaler', 'distributor']
  const tiers = ['registered', 'silver', 'gold', 'platinum']
  const regions = ['NA', 'LATAM', 'EMEA', 'APAC']
  const organizations: RawOrg[] = [{ key: 'vendor', name: 'The Vendor', kind: 'vendor', status: 'active', approvedAt: null }]
  for (let i = 0; i < size.partners; i++) {
    const status = rand() < 0.8 ? 'active' : pick(['applicant', 'suspended', 'rejected'])
    organizations.push({
      key: `p${i}`,
      name: `Partner ${i}`,
      kind: 'partner',
      type: pick(types),
      tier: pick(tiers),
      status,
      approvedAt: status === 'applicant' || rand() < 0.05 ? null : time(),
      regions: [...new Set([pick(regions), ...(rand() < 0.3 ? [pick(regions)] : [])])],
      industries: [],
    })
  }
  const orgKey = () => (rand() < 0.08 ? 'vendor' : `p${int(0, size.partners - 1)}`)
  const opportunities: RawOpp[] = []
  for (let i = 0; i < size.opportunities; i++) {
    const createdAt = time()
    const stage = pick(['open', 'open', 'won', 'lost'] as const)
    opportunities.push({
      key: `o${i}`,
      accountName: `Account ${i}`,
      accountDomain: `account${i}.example`,
      amount: rand() < 0.05 ? 0 : int(1, 500) * 1000 + int(0, 99),
      stage,
      createdAt,
      closedAt: stage === 'open' ? null : rand() < 0.05 ? createdAt : after(createdAt),
      sourcedBy: rand() < 0.35 ? orgKey() : null,
    })
  }
  const statuses = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost']
  const referrals: RawReferral[] = []
  for (let i = 0; i < size.referrals; i++) {
    const from = orgKey()
    let to = orgKey()
    while (to === from) to = orgKey()
    const status = pick(statuses)
    const opp = rand() < 0.4 ? pick(opportunities) : null
    const createdAt = opp && opp.closedAt && rand() < 0.5 ? (rand() < 0.3 ? opp.closedAt : after(opp.createdAt)) : time()
    referrals.push({
      key: `r${i}`,
      from,
      to,
      accountName: `Account r${i}`,
      estimatedValue: int(0, 100) * 1000,
      status,
      createdAt,
      closedAt: status === 'won' || status === 'lost' ? (rand() < 0.1 ? null : after(createdAt)) : null,
      wonAmount: status === 'won' ? int(0, 300) * 1000 : null,
      opportunity: opp?.key ?? null,
    })
  }
  const coSell: RawCoSell[] = []
  const used = new Set<string>()
  for (let i = 0; i < size.coSell; i++) {
    const opp = pick(opportunities.slice(0, Math.max(10, Math.floor(opportunities.length / 3))))
    const org = orgKey()
    if (used.has(`${opp.key}/${org}`)) continue
    used.add(`${opp.key}/${org}`)
    const status = pick(['invited', 'accepted', 'accepted', 'declined'])
    coSell.push({
      opportunity: opp.key,
      org,
      status,
      joinedAt: status === 'invited' ? null : opp.closedAt && rand() < 0.3 ? after(opp.closedAt) : after(opp.createdAt),
    })
  }
  return { organizations, opportunities, referrals, coSell }
}
