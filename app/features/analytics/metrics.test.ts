import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { computeSummary, noFilters, type Summary } from '#app/features/analytics/metrics.server.ts'
import type { AnalyticsFilters } from '#app/features/analytics/period.ts'
import type { RawSnapshot } from '#app/features/analytics/testing/reference.ts'
import { referenceSummary } from '#app/features/analytics/testing/reference.ts'

// Small hand-built snapshots, one per definition and edge of docs/metrics.md, loaded through the
// import. Each test starts from an empty ecosystem.

const FROM = '2026-01-01T00:00:00.000Z'
const TO = '2026-07-01T00:00:00.000Z'
const APPROVED = '2025-06-01T00:00:00Z'

async function reset() {
  await db.execute(sql`truncate referrals, opportunity_participants, opportunity_stage_history, opportunities, analytics_imports cascade`)
  await db.execute(sql`delete from organizations where kind = 'partner'`)
}

const vendor = { key: 'v', name: 'Vendor', kind: 'vendor' as const, status: 'active' }
const partner = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: `Partner ${key}`,
  kind: 'partner' as const,
  type: 'systems_integrator',
  tier: 'gold',
  status: 'active',
  approvedAt: APPROVED,
  regions: ['EMEA'],
  ...extra,
})

type LooseSnapshot = { organizations?: object[]; opportunities?: object[]; referrals?: object[]; coSell?: object[] }

async function summarize(doc: LooseSnapshot, filters: Partial<AnalyticsFilters> = {}, from = FROM, to = TO): Promise<Summary> {
  const full = { organizations: [vendor], opportunities: [], referrals: [], coSell: [], ...doc } as unknown as RawSnapshot
  const result = await importSnapshotFromCli(JSON.stringify(full))
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const summary = await computeSummary(db, { from: new Date(from), to: new Date(to) }, { ...noFilters(), ...filters })
  // Every hand-built case also agrees with the independent reference calculation.
  expect(summary).toEqual(referenceSummary(full, from, to, filters))
  return summary
}

const opp = (key: string, extra: Record<string, unknown> = {}) => ({ key, accountName: key, amount: 1000, stage: 'open', createdAt: '2026-02-01T00:00:00Z', ...extra })
const ref = (key: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({ key, from, to, accountName: key, status: 'accepted', createdAt: '2026-02-01T00:00:00Z', ...extra })

beforeEach(reset)

describe('pipeline', () => {
  it('counts opportunities created exactly at from, and not exactly at to', async () => {
    const s = await summarize({
      opportunities: [
        opp('at-from', { amount: 100, createdAt: '2026-01-01T00:00:00Z' }),
        opp('at-to', { amount: 10, createdAt: '2026-07-01T00:00:00Z' }),
        opp('before', { amount: 1, createdAt: '2025-12-31T23:59:59.999Z' }),
      ],
    })
    expect(s.pipeline).toEqual({ total: 100, partnerSourced: 0, partnerInfluenced: 0, ecosystemInfluenced: 0, direct: 100 })
  })

  it('splits sourced, influenced and direct; vendor-sourced is direct', async () => {
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b')],
      opportunities: [
        opp('sourced', { amount: 1, sourcedBy: 'a' }),
        opp('sourced-and-touched', { amount: 2, sourcedBy: 'a' }),
        opp('influenced', { amount: 4 }),
        opp('by-vendor', { amount: 8, sourcedBy: 'v' }),
        opp('direct', { amount: 16 }),
      ],
      referrals: [ref('r1', 'a', 'b', { opportunity: 'influenced' }), ref('r2', 'b', 'a', { opportunity: 'sourced-and-touched' })],
    })
    expect(s.pipeline).toEqual({ total: 31, partnerSourced: 3, partnerInfluenced: 4, ecosystemInfluenced: 7, direct: 24 })
  })

  it('a touch after close does not influence; a touch exactly at close does', async () => {
    const closed = { stage: 'won', closedAt: '2026-03-01T00:00:00Z' }
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b')],
      opportunities: [opp('late', { amount: 1, ...closed }), opp('on-time', { amount: 2, ...closed }), opp('cosell-late', { amount: 4, ...closed }), opp('cosell-on-time', { amount: 8, ...closed })],
      referrals: [ref('r-late', 'a', 'b', { opportunity: 'late', createdAt: '2026-03-01T00:00:00.001Z' }), ref('r-on-time', 'a', 'b', { opportunity: 'on-time', createdAt: '2026-03-01T00:00:00Z' })],
      coSell: [
        { opportunity: 'cosell-late', org: 'a', status: 'accepted', joinedAt: '2026-03-02T00:00:00Z' },
        { opportunity: 'cosell-on-time', org: 'a', status: 'accepted', joinedAt: '2026-02-15T00:00:00Z' },
      ],
    })
    expect(s.pipeline.partnerInfluenced).toBe(2 + 8)
    expect(s.pipeline.direct).toBe(1 + 4)
  })

  it('only accepted/in_progress/won/lost referrals and accepted co-sell are touches', async () => {
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b')],
      opportunities: [
        opp('submitted', { amount: 1 }),
        opp('declined', { amount: 2 }),
        opp('in-progress', { amount: 4 }),
        opp('cosell-declined', { amount: 8 }),
        opp('cosell-invited', { amount: 16 }),
        opp('lost', { amount: 32 }),
      ],
      referrals: [
        ref('r1', 'a', 'b', { opportunity: 'submitted', status: 'submitted' }),
        ref('r2', 'a', 'b', { opportunity: 'declined', status: 'declined' }),
        ref('r3', 'a', 'b', { opportunity: 'in-progress', status: 'in_progress' }),
        ref('r4', 'a', 'b', { opportunity: 'lost', status: 'lost', closedAt: '2026-03-01T00:00:00Z' }),
      ],
      coSell: [
        { opportunity: 'cosell-declined', org: 'a', status: 'declined', joinedAt: '2026-02-15T00:00:00Z' },
        { opportunity: 'cosell-invited', org: 'b', status: 'invited' },
      ],
    })
    expect(s.pipeline.partnerInfluenced).toBe(4 + 32)
    expect(s.pipeline.direct).toBe(1 + 2 + 8 + 16)
  })

  it('a referral between the vendor and a partner is a touch by the partner; sourcing by an inactive partner still counts', async () => {
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('gone', { status: 'suspended' })],
      opportunities: [opp('vendor-referral', { amount: 1 }), opp('by-suspended', { amount: 2, sourcedBy: 'gone' })],
      referrals: [ref('r1', 'v', 'a', { opportunity: 'vendor-referral' })],
    })
    expect(s.pipeline).toMatchObject({ partnerSourced: 2, partnerInfluenced: 1, direct: 0 })
    expect(s.referrals.p2pCreated).toBe(0)
  })

  it('filters restrict the partner orgs considered', async () => {
    const doc = {
      organizations: [vendor, partner('si', { type: 'systems_integrator', tier: 'gold', regions: ['EMEA'] }), partner('isv', { type: 'technology', tier: 'silver', regions: ['NA', 'APAC'] })],
      opportunities: [opp('by-si', { amount: 1, sourcedBy: 'si' }), opp('by-isv', { amount: 2, sourcedBy: 'isv' }), opp('touched-by-isv', { amount: 4 })],
      referrals: [ref('r1', 'isv', 'v', { opportunity: 'touched-by-isv' })],
    }
    const onlySi = await summarize(doc, { partnerTypes: ['systems_integrator'] })
    expect(onlySi.pipeline).toEqual({ total: 7, partnerSourced: 1, partnerInfluenced: 0, ecosystemInfluenced: 1, direct: 6 })
    await reset()
    const apac = await summarize(doc, { regions: ['APAC'] })
    expect(apac.pipeline).toEqual({ total: 7, partnerSourced: 2, partnerInfluenced: 4, ecosystemInfluenced: 6, direct: 1 })
  })
})

describe('P2P referrals', () => {
  it('counts created/won at the boundaries, rates null without denominators', async () => {
    const empty = await summarize({ organizations: [vendor, partner('a'), partner('b')] })
    expect(empty.referrals).toEqual({ p2pCreated: 0, p2pWonCount: 0, p2pRevenue: 0, acceptanceRate: null, winRate: null })
    await reset()
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b')],
      referrals: [
        ref('at-from', 'a', 'b', { status: 'submitted', createdAt: FROM }),
        ref('at-to', 'a', 'b', { status: 'accepted', createdAt: TO }),
        ref('declined', 'b', 'a', { status: 'declined' }),
        ref('won-before', 'a', 'b', { status: 'won', createdAt: '2025-10-01T00:00:00Z', closedAt: FROM, wonAmount: 500 }),
        ref('won-at-to', 'a', 'b', { status: 'won', closedAt: TO, wonAmount: 7 }),
        ref('lost', 'a', 'b', { status: 'lost', closedAt: '2026-05-01T00:00:00Z' }),
        ref('with-vendor', 'v', 'a', { status: 'won', closedAt: '2026-05-01T00:00:00Z', wonAmount: 1000 }),
      ],
    })
    expect(s.referrals.p2pCreated).toBe(4) // at-from, declined, won-at-to, lost
    expect(s.referrals.p2pWonCount).toBe(1) // won-before (closed exactly at from)
    expect(s.referrals.p2pRevenue).toBe(500)
    expect(s.referrals.acceptanceRate).toBe(2 / 3) // of declined, won-at-to, lost
    expect(s.referrals.winRate).toBe(1 / 2)
  })
})

describe('multiplier', () => {
  it('compares ecosystem and direct closed opportunities; null when a group is empty or direct is 0', async () => {
    const closed = (stage: string, extra: Record<string, unknown> = {}) => ({ stage, closedAt: '2026-03-01T00:00:00Z', createdAt: '2025-03-01T00:00:00Z', ...extra })
    const s = await summarize({
      organizations: [vendor, partner('a')],
      opportunities: [
        opp('eco-won', { amount: 900, sourcedBy: 'a', ...closed('won') }),
        opp('eco-lost', { amount: 50, sourcedBy: 'a', ...closed('lost') }),
        opp('dir-won', { amount: 100, ...closed('won') }),
        opp('dir-lost', { amount: 70, ...closed('lost') }),
        opp('dir-lost2', { amount: 70, ...closed('lost') }),
        opp('dir-won-at-to', { amount: 999, ...closed('won', { closedAt: TO }) }),
        opp('open', { amount: 5, sourcedBy: 'a' }),
      ],
    })
    expect(s.multiplier).toEqual({ value: 450 / (100 / 3), ecosystemRevenuePerClosed: 450, directRevenuePerClosed: 100 / 3, ecosystemWinRate: 0.5, directWinRate: 1 / 3 })
    await reset()
    const noDirectWins = await summarize({
      organizations: [vendor, partner('a')],
      opportunities: [opp('eco-won', { amount: 900, sourcedBy: 'a', ...closed('won') }), opp('dir-lost', { amount: 70, ...closed('lost') })],
    })
    expect(noDirectWins.multiplier).toEqual({ value: null, ecosystemRevenuePerClosed: 900, directRevenuePerClosed: 0, ecosystemWinRate: 1, directWinRate: 0 })
    await reset()
    const none = await summarize({ organizations: [vendor, partner('a')] })
    expect(none.multiplier).toEqual({ value: null, ecosystemRevenuePerClosed: null, directRevenuePerClosed: null, ecosystemWinRate: null, directWinRate: null })
  })
})

describe('network', () => {
  it('counts only partners active and approved before to; late-approved and inactive partners are out', async () => {
    const s = await summarize({
      organizations: [
        vendor,
        partner('a'),
        partner('b'),
        partner('late', { approvedAt: TO }),
        partner('suspended', { status: 'suspended' }),
        partner('never', { approvedAt: null }),
        partner('isolated'),
      ],
      referrals: [ref('ab', 'a', 'b'), ref('a-late', 'a', 'late'), ref('a-susp', 'a', 'suspended'), ref('a-vendor', 'a', 'v')],
    })
    expect(s.network).toEqual({ activePartners: 3, edges: 1, connectedPartners: 2, participationRate: 2 / 3, density: 1 / 3, reciprocity: 0, largestComponentShare: 2 / 3 })
  })

  it('co-sell edges need both participations accepted and joined in the period; declined ones make none', async () => {
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b'), partner('c'), partner('d')],
      opportunities: [opp('o1'), opp('o2'), opp('o3')],
      coSell: [
        { opportunity: 'o1', org: 'a', status: 'accepted', joinedAt: '2026-02-01T00:00:00Z' },
        { opportunity: 'o1', org: 'b', status: 'accepted', joinedAt: FROM },
        { opportunity: 'o1', org: 'c', status: 'declined', joinedAt: '2026-02-01T00:00:00Z' },
        { opportunity: 'o2', org: 'c', status: 'accepted', joinedAt: '2026-02-01T00:00:00Z' },
        { opportunity: 'o2', org: 'd', status: 'accepted', joinedAt: TO },
        { opportunity: 'o3', org: 'v', status: 'accepted', joinedAt: '2026-02-01T00:00:00Z' },
        { opportunity: 'o3', org: 'd', status: 'accepted', joinedAt: '2026-02-01T00:00:00Z' },
      ],
    })
    expect(s.network).toMatchObject({ activePartners: 4, edges: 1, connectedPartners: 2, reciprocity: null })
  })

  it('reciprocity is the share of directed pairs answered by the reverse pair', async () => {
    const s = await summarize({
      organizations: [vendor, partner('a'), partner('b'), partner('c')],
      referrals: [
        ref('ab', 'a', 'b'),
        ref('ab2', 'a', 'b', { status: 'declined' }),
        ref('ba', 'b', 'a', { status: 'submitted' }),
        ref('ac', 'a', 'c'),
        ref('ca-old', 'c', 'a', { createdAt: '2025-12-31T00:00:00Z' }),
      ],
    })
    // D = {a→b, b→a, a→c}: two of three have their reverse.
    expect(s.network.reciprocity).toBe(2 / 3)
    expect(s.network.edges).toBe(2)
  })

  it('largest component: isolated partners are components of size 1; chains join', async () => {
    const s = await summarize({
      organizations: [vendor, ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => partner(k))],
      referrals: [ref('1', 'a', 'b'), ref('2', 'c', 'b'), ref('3', 'd', 'c'), ref('4', 'e', 'f')],
    })
    expect(s.network).toMatchObject({ activePartners: 7, edges: 4, connectedPartners: 6, largestComponentShare: 4 / 7 })
    await reset()
    const lonely = await summarize({ organizations: [vendor, partner('a')] })
    expect(lonely.network).toEqual({ activePartners: 1, edges: 0, connectedPartners: 0, participationRate: 0, density: null, reciprocity: null, largestComponentShare: 1 })
    await reset()
    const nobody = await summarize({ organizations: [vendor] })
    expect(nobody.network).toEqual({ activePartners: 0, edges: 0, connectedPartners: 0, participationRate: null, density: null, reciprocity: null, largestComponentShare: null })
  })
})
