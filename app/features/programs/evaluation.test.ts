import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import {
  communityReplies,
  communitySpaces,
  communityTopics,
  domainEvents,
  endorsements,
  integrations,
  listings,
  opportunities,
  opportunityParticipants,
  organizations,
  programCertifications,
  programSettings,
  programStandingMeasurements,
  programStandings,
  programTierHistory,
  referrals,
} from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { createId } from '#app/utils/id.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { approveProposal, overrideTier } from '#app/features/programs/decisions.server.ts'
import { decide, evaluateAll, lastNightlySlot, type TrackDef } from '#app/features/programs/evaluation.server.ts'
import { measureAll, measured } from '#app/features/programs/measure.server.ts'
import { createTrack, getStanding, saveTier } from '#app/features/programs/programs.server.ts'
import { PROGRAM_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

/**
 * Evaluation against fixture data: each metric measured by the set-based SQL equals an
 * independent count over the fixture rows, computed here in plain code from the definitions in
 * docs/metrics.md ("Program requirements").
 */

const NOW = new Date('2026-06-01T00:00:00Z')
const DAY = 86_400_000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

let seed = 42
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!

type Vendor = Awaited<ReturnType<typeof createVendor>>
type Partner = Awaited<ReturnType<typeof createPartner>>
let vendor: Vendor
let partners: Partner[]
let ids: string[]

type Opp = { id: string; amount: number; stage: string; createdAt: Date; closedAt: Date | null; sourcedBy: string | null; vendorOwned: boolean }
type Ref = { id: string; from: string; to: string; status: string; createdAt: Date; opportunityId: string | null }
type Part = { opportunityId: string; orgId: string; status: string; joinedAt: Date | null }
const opps: Opp[] = []
const refs: Ref[] = []
const parts: Part[] = []
const endorsementRows: { to: string; referralId: string; createdAt: Date }[] = []
const integrationRows: { orgId: string; counterpart: string; status: string }[] = []
const certRows: { orgId: string; issuedAt: Date; expiresAt: Date }[] = []
const answers: { topicOrg: string; replyOrg: string; replyAt: Date }[] = []

beforeAll(async () => {
  vendor = await createVendor()
  partners = []
  for (let i = 0; i < 5; i++) partners.push(await createPartner({ name: `Eval Partner ${i}`, partnerType: i < 3 ? 'reseller' : 'technology' }))
  ids = partners.map((p) => p.org.id)
  const stages = ['prospect', 'qualified', 'committed', 'won', 'lost'] as const
  for (let i = 0; i < 120; i++) {
    const stage = pick(stages)
    const createdAt = ago(Math.floor(rand() * 500))
    const closed = stage === 'won' || stage === 'lost'
    const closedAt = closed ? new Date(Math.min(NOW.getTime() - DAY, createdAt.getTime() + Math.floor(rand() * 120) * DAY)) : null
    const vendorOwned = rand() < 0.85
    const sourcedBy = rand() < 0.4 ? pick(ids) : rand() < 0.1 ? vendor.org.id : null
    const o = { id: createId(), amount: Math.floor(rand() * 100_000) * 100, stage, createdAt, closedAt, sourcedBy, vendorOwned }
    opps.push(o)
  }
  await db.insert(opportunities).values(
    opps.map((o) => ({
      id: o.id,
      orgId: o.vendorOwned ? vendor.org.id : ids[0]!,
      accountName: `Acct ${o.id}`,
      amount: o.amount,
      stage: o.stage as never,
      createdAt: o.createdAt,
      closedAt: o.closedAt,
      sourcedByOrgId: o.sourcedBy,
    })),
  )
  const refStatuses = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost'] as const
  for (let i = 0; i < 150; i++) {
    const from = pick(ids)
    let to = pick(ids)
    if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length]!
    const createdAt = ago(Math.floor(rand() * 400))
    refs.push({ id: createId(), from, to, status: pick(refStatuses), createdAt, opportunityId: rand() < 0.5 ? pick(opps).id : null })
  }
  await db
    .insert(referrals)
    .values(refs.map((r) => ({ id: r.id, fromOrgId: r.from, toOrgId: r.to, status: r.status as never, createdAt: r.createdAt, opportunityId: r.opportunityId, accountName: 'Acct' })))
  const partSet = new Set<string>()
  for (let i = 0; i < 80; i++) {
    const o = pick(opps)
    const orgId = rand() < 0.9 ? pick(ids) : vendor.org.id
    if (partSet.has(`${o.id}:${orgId}`)) continue
    partSet.add(`${o.id}:${orgId}`)
    const status = pick(['invited', 'accepted', 'accepted', 'declined'] as const)
    const joinedAt = status === 'accepted' ? (rand() < 0.15 ? null : new Date(o.createdAt.getTime() + Math.floor(rand() * 150) * DAY)) : null
    parts.push({ opportunityId: o.id, orgId, status, joinedAt })
  }
  await db.insert(opportunityParticipants).values(parts.map((p) => ({ opportunityId: p.opportunityId, orgId: p.orgId, status: p.status as never, joinedAt: p.joinedAt })))
  // Endorsements: one per (referral, giver); some on referrals not won (not verified).
  for (const r of refs.slice(0, 60)) {
    const createdAt = ago(Math.floor(rand() * 300))
    endorsementRows.push({ to: r.to, referralId: r.id, createdAt })
  }
  const refById = new Map(refs.map((r) => [r.id, r]))
  await db.insert(endorsements).values(endorsementRows.map((e) => ({ referralId: e.referralId, fromOrgId: refById.get(e.referralId)!.from, toOrgId: e.to, rating: 5, createdAt: e.createdAt })))
  for (let i = 0; i < 12; i++) {
    const orgId = pick(ids)
    let counterpart = pick(ids)
    if (counterpart === orgId) counterpart = ids[(ids.indexOf(orgId) + 2) % ids.length]!
    const status = pick(['pending', 'confirmed', 'confirmed', 'declined'] as const)
    const [listing] = await db
      .insert(listings)
      .values({ orgId, kind: 'integration', slug: `int-${createId(8)}` })
      .returning({ id: listings.id })
    await db.insert(integrations).values({ listingId: listing!.id, orgId, counterpartOrgId: counterpart, status })
    integrationRows.push({ orgId, counterpart, status })
  }
  for (let i = 0; i < 20; i++) {
    const issuedAt = rand() < 0.1 ? new Date(NOW.getTime() + 10 * DAY) : ago(Math.floor(rand() * 700))
    const expiresAt = new Date(issuedAt.getTime() + Math.floor(rand() * 900 + 1) * DAY)
    const orgId = pick(ids)
    certRows.push({ orgId, issuedAt, expiresAt })
    await db.insert(programCertifications).values({ orgId, personName: `Person ${i}`, name: 'Certified Architect', issuedAt, expiresAt })
  }
  const [space] = await db
    .insert(communitySpaces)
    .values({ name: 'Eval space', slug: `eval-${createId(6)}` })
    .returning()
  for (let i = 0; i < 25; i++) {
    const topicOrg = pick(ids)
    const replyOrg = rand() < 0.2 ? topicOrg : pick(ids)
    const replyAt = ago(Math.floor(rand() * 400))
    const accepted = rand() < 0.7
    const [topic] = await db
      .insert(communityTopics)
      .values({ spaceId: space!.id, kind: 'question', title: `Q${i}`, body: 'How?', authorOrgId: topicOrg })
      .returning()
    const [reply] = await db.insert(communityReplies).values({ topicId: topic!.id, body: 'Like this.', authorOrgId: replyOrg, createdAt: replyAt }).returning()
    if (accepted) {
      await db.update(communityTopics).set({ acceptedReplyId: reply!.id }).where(eq(communityTopics.id, topic!.id))
      answers.push({ topicOrg, replyOrg, replyAt })
    }
  }
})

const ACCEPTED = new Set(['accepted', 'in_progress', 'won', 'lost'])
const inWindow = (d: Date | null, days: number) => !!d && d.getTime() >= NOW.getTime() - days * DAY && d.getTime() < NOW.getTime()

/** The definitions, in plain code over the fixture rows. */
function expected(orgId: string, metric: ProgramMetric, days: number): number {
  const isPartner = (id: string | null) => !!id && ids.includes(id)
  const touchedBy = (o: Opp, org: string) => {
    const byRef = refs.some((r) => r.opportunityId === o.id && ACCEPTED.has(r.status) && (r.from === org || r.to === org) && (!o.closedAt || r.createdAt <= o.closedAt))
    const byPart = parts.some((p) => p.opportunityId === o.id && p.orgId === org && p.status === 'accepted' && (!o.closedAt || (p.joinedAt !== null && p.joinedAt <= o.closedAt)))
    return byRef || byPart
  }
  const vendorOpps = opps.filter((o) => o.vendorOwned)
  switch (metric) {
    case 'sourced_pipeline':
      return vendorOpps.filter((o) => o.sourcedBy === orgId && inWindow(o.createdAt, days)).reduce((s, o) => s + o.amount, 0)
    case 'influenced_pipeline':
      return vendorOpps.filter((o) => !isPartner(o.sourcedBy) && inWindow(o.createdAt, days) && touchedBy(o, orgId)).reduce((s, o) => s + o.amount, 0)
    case 'closed_won_revenue':
      return vendorOpps.filter((o) => o.stage === 'won' && inWindow(o.closedAt, days) && (o.sourcedBy === orgId || touchedBy(o, orgId))).reduce((s, o) => s + o.amount, 0)
    case 'referrals_sent':
      return refs.filter((r) => r.from === orgId && inWindow(r.createdAt, days)).length
    case 'referrals_accepted':
      return refs.filter((r) => r.from === orgId && inWindow(r.createdAt, days) && ACCEPTED.has(r.status)).length
    case 'verified_endorsements': {
      const won = new Set(refs.filter((r) => r.status === 'won').map((r) => r.id))
      return endorsementRows.filter((e) => e.to === orgId && won.has(e.referralId) && inWindow(e.createdAt, days)).length
    }
    case 'confirmed_integrations':
      return integrationRows.filter((i) => i.status === 'confirmed' && (i.orgId === orgId || i.counterpart === orgId)).length
    case 'active_certifications':
      return certRows.filter((c) => c.orgId === orgId && c.issuedAt <= NOW && c.expiresAt > NOW).length
    case 'community_accepted_answers':
      return answers.filter((a) => a.replyOrg === orgId && a.topicOrg !== orgId && inWindow(a.replyAt, days)).length
  }
}

describe('measuring requirements (set-based SQL against an independent count)', () => {
  it('every metric, for every partner, over two windows, equals the count from the definitions', async () => {
    const windows = Object.fromEntries(PROGRAM_METRICS.map((m) => [m, [90, 365]]))
    const m = await measureAll(db, windows, NOW)
    let nonZero = 0
    for (const orgId of ids) {
      for (const metric of PROGRAM_METRICS) {
        for (const days of [90, 365]) {
          const want = expected(orgId, metric, days)
          if (want > 0) nonZero++
          expect(measured(m, orgId, metric, days), `${metric} over ${days} days for partner ${ids.indexOf(orgId)}`).toBe(want)
        }
      }
    }
    // The fixture exercises the metrics (not a comparison of zeros).
    expect(nonZero).toBeGreaterThan(40)
  })
})

describe('deciding a standing (pure)', () => {
  const track: TrackDef = {
    id: 't1',
    name: 'Resell',
    partnerTypes: ['reseller'],
    position: 0,
    tiers: [
      { id: 'bronze', trackId: 't1', name: 'Bronze', rank: 1, requirements: [{ id: 'r1', metric: 'referrals_sent', threshold: 1, windowDays: 365 }] },
      { id: 'silver', trackId: 't1', name: 'Silver', rank: 2, requirements: [{ id: 'r2', metric: 'referrals_sent', threshold: 5, windowDays: 365 }] },
      { id: 'gold', trackId: 't1', name: 'Gold', rank: 3, requirements: [{ id: 'r3', metric: 'referrals_sent', threshold: 10, windowDays: 365 }] },
    ],
  }
  const val = (n: number) => () => n
  const prior = (over: Partial<Parameters<typeof decide>[1] & object> = {}) => ({
    trackId: 't1',
    currentTierId: 'silver',
    proposalStatus: 'none' as const,
    proposedTierId: null,
    proposedAt: null,
    graceUntil: null,
    ...over,
  })

  it('proposes the highest tier whose requirements are all met, and lists each requirement', () => {
    const d = decide(track, null, val(7), NOW, 90)
    expect(d.qualifiedTierId).toBe('silver')
    expect(d.proposalStatus).toBe('pending')
    expect(d.newProposal).toEqual({ direction: 'upgrade', fromTierId: null, toTierId: 'silver' })
    expect(d.measurements.map((m) => [m.tierId, m.met])).toEqual([
      ['bronze', true],
      ['silver', true],
      ['gold', false],
    ])
  })

  it('keeps a pending proposal for the same tier without announcing it again', () => {
    const d = decide(track, prior({ proposalStatus: 'pending', proposedTierId: 'gold', proposedAt: ago(3) }), val(12), NOW, 90)
    expect(d.proposedTierId).toBe('gold')
    expect(d.proposedAt).toEqual(ago(3))
    expect(d.newProposal).toBeNull()
  })

  it('below its tier: the first evaluation starts the grace, a downgrade comes only after it, if still below', () => {
    const first = decide(track, prior(), val(2), NOW, 90)
    expect(first.proposalStatus).toBe('none')
    expect(first.graceUntil).toEqual(new Date(NOW.getTime() + 90 * DAY))
    expect(first.currentTierId).toBe('silver')
    const during = decide(track, prior({ graceUntil: first.graceUntil }), val(2), new Date(NOW.getTime() + 30 * DAY), 90)
    expect(during.proposalStatus).toBe('none')
    expect(during.graceUntil).toEqual(first.graceUntil)
    const recovered = decide(track, prior({ graceUntil: first.graceUntil }), val(6), new Date(NOW.getTime() + 40 * DAY), 90)
    expect(recovered.graceUntil).toBeNull()
    const after = decide(track, prior({ graceUntil: first.graceUntil }), val(2), new Date(NOW.getTime() + 91 * DAY), 90)
    expect(after.proposalStatus).toBe('pending')
    expect(after.newProposal).toEqual({ direction: 'downgrade', fromTierId: 'silver', toTierId: 'bronze' })
    const nothing = decide(track, prior({ graceUntil: first.graceUntil }), val(0), new Date(NOW.getTime() + 91 * DAY), 90)
    expect(nothing.newProposal).toEqual({ direction: 'downgrade', fromTierId: 'silver', toTierId: null })
  })
})

describe('evaluating the whole program and deciding', () => {
  it('writes every standing, proposes, and an approval moves the tier label, history and notifies', async () => {
    await db.insert(programSettings).values({ orgId: vendor.org.id, downgradeGraceDays: 30 }).onConflictDoNothing()
    const track = await createTrack(vendor.admin, { name: 'Resell eval', partnerTypes: ['reseller'] })
    const tierInput = (name: string, rank: number, orgTier: 'silver' | 'gold', sent: string) => ({
      name,
      rank: String(rank),
      orgTier,
      feeType: 'percent',
      feePercent: '10',
      discountPercent: '5',
      mdfAmount: '1000',
      mdfCurrency: 'USD',
      mdfPeriod: 'quarter',
      cosellPriority: 'standard',
      threshold_referrals_sent: sent,
      window_referrals_sent: '365',
    })
    const low = await saveTier(vendor.admin, track.id, null, tierInput('Select', 1, 'silver', '1'))
    await saveTier(vendor.admin, track.id, null, tierInput('Premier', 2, 'gold', '1000'))
    const result = await evaluateAll({ now: NOW })
    expect(result.skipped).toBe(false)
    const standings = await db.select().from(programStandings).where(eq(programStandings.trackId, track.id))
    // The three resellers are in the track; the technology partners are not.
    expect(standings.map((s) => s.orgId).sort()).toEqual(ids.slice(0, 3).sort())
    const withReferrals = ids.slice(0, 3).filter((id) => expected(id, 'referrals_sent', 365) >= 1)
    expect(
      standings
        .filter((s) => s.proposalStatus === 'pending')
        .map((s) => s.orgId)
        .sort(),
    ).toEqual(withReferrals.sort())
    const proposals = await db.select().from(domainEvents).where(eq(domainEvents.type, 'program.tier_proposed'))
    expect(proposals.length).toBe(withReferrals.length)
    // Evaluating again announces nothing new.
    expect((await evaluateAll({ now: NOW })).proposed).toBe(0)

    const orgId = withReferrals[0]!
    const decided = await approveProposal(vendor.admin, orgId)
    expect(decided).toEqual({ fromTierName: null, toTierName: 'Select' })
    const [org] = await db.select({ tier: organizations.tier }).from(organizations).where(eq(organizations.id, orgId))
    expect(org!.tier).toBe('silver')
    const history = await db.select().from(programTierHistory).where(eq(programTierHistory.orgId, orgId))
    expect(history).toMatchObject([{ fromTierId: null, toTierId: low.id, kind: 'approved', decidedBy: vendor.admin.userId }])
    await deliverPendingNotifications()
    const standing = await getStanding(partners[ids.indexOf(orgId)]!.member, orgId)
    expect(standing.current?.name).toBe('Select')
    expect(standing.next?.name).toBe('Premier')
    expect(standing.next?.requirements[0]).toMatchObject({ metric: 'referrals_sent', threshold: 1000, gap: 1000 - expected(orgId, 'referrals_sent', 365) })

    // Override to Premier with a reason, then the next evaluation finds it below: grace, then a downgrade proposal.
    await overrideTier(vendor.admin, orgId, standing.tiers[1]!.id, 'Strategic reseller, committed to the plan')
    await evaluateAll({ now: new Date(NOW.getTime() + DAY) })
    let [s] = await db.select().from(programStandings).where(eq(programStandings.orgId, orgId))
    expect(s!.proposalStatus).toBe('overridden')
    expect(s!.graceUntil).toEqual(new Date(NOW.getTime() + 31 * DAY))
    await evaluateAll({ now: new Date(NOW.getTime() + 32 * DAY) })
    ;[s] = await db.select().from(programStandings).where(eq(programStandings.orgId, orgId))
    expect(s!.proposalStatus).toBe('pending')
    expect(s!.proposedTierId).toBe(low.id)
  })

  it('rewrites only the standings that changed, stamps the others, and always rewrites one a decision changed', async () => {
    const track = await createTrack(vendor.admin, { name: 'Technology eval', partnerTypes: ['technology'] })
    await saveTier(vendor.admin, track.id, null, {
      name: 'Tech Select',
      rank: '1',
      orgTier: 'silver',
      feeType: 'none',
      discountPercent: '0',
      mdfAmount: '0',
      mdfCurrency: 'USD',
      mdfPeriod: 'quarter',
      cosellPriority: 'standard',
      threshold_referrals_sent: '1',
      window_referrals_sent: '3650',
    })
    const techIds = ids.slice(3)
    const read = async () =>
      new Map(
        (
          await db
            .select({ standing: programStandings, measurements: programStandingMeasurements.measurements })
            .from(programStandings)
            .leftJoin(programStandingMeasurements, eq(programStandingMeasurements.orgId, programStandings.orgId))
            .where(eq(programStandings.trackId, track.id))
        ).map((r) => [r.standing.orgId, { ...r.standing, measurements: r.measurements! }]),
      )
    const at = (days: number) => new Date(NOW.getTime() + days * DAY)
    await evaluateAll({ now: at(100) })
    const first = await read()
    expect([...first.keys()].sort()).toEqual([...techIds].sort())
    for (const s of first.values()) {
      expect(s.fingerprint).not.toBeNull()
      expect(s.measurements).toHaveLength(1)
    }

    // Nothing moved (a ten-year window): every standing only stamped with the new evaluation time.
    await evaluateAll({ now: at(101) })
    const second = await read()
    for (const [orgId, s] of second) {
      expect(s.evaluatedAt).toEqual(at(101))
      expect(s.updatedAt).toEqual(at(101))
      expect(s.fingerprint).toBe(first.get(orgId)!.fingerprint)
      expect(s.measurements).toEqual(first.get(orgId)!.measurements)
    }

    // A decision changes a standing outside the evaluation: its fingerprint is cleared, and the
    // next evaluation writes it whole even though its figures did not move.
    const decidedId = techIds.find((id) => first.get(id)!.proposalStatus === 'pending') ?? techIds[0]!
    const tiers = (await getStanding(vendor.admin, decidedId)).tiers
    await overrideTier(vendor.admin, decidedId, tiers[0]!.id, 'Joint roadmap agreed')
    const afterDecision = await read()
    expect(afterDecision.get(decidedId)!.fingerprint).toBeNull()
    await evaluateAll({ now: at(102) })
    const third = await read()
    expect(third.get(decidedId)!.fingerprint).not.toBeNull()
    expect(third.get(decidedId)!.currentTierId).toBe(tiers[0]!.id)
    expect(third.get(decidedId)!.proposalStatus).toBe('overridden')

    // Figures that move (a new referral sent) rewrite that standing with a new fingerprint.
    const mover = techIds.find((id) => id !== decidedId)!
    await db.insert(referrals).values({ id: createId(), fromOrgId: mover, toOrgId: ids[0]!, accountName: 'Moved', status: 'submitted', createdAt: at(102) })
    await evaluateAll({ now: at(103) })
    const fourth = await read()
    expect(fourth.get(mover)!.fingerprint).not.toBe(third.get(mover)!.fingerprint)
    expect(fourth.get(mover)!.measurements.find((m) => m.metric === 'referrals_sent')!.value).toBe(third.get(mover)!.measurements.find((m) => m.metric === 'referrals_sent')!.value + 1)
  })

  it('the nightly slot is 02:00 UTC', () => {
    expect(lastNightlySlot(new Date('2026-06-01T01:00:00Z'))).toEqual(new Date('2026-05-31T02:00:00Z'))
    expect(lastNightlySlot(new Date('2026-06-01T03:00:00Z'))).toEqual(new Date('2026-06-01T02:00:00Z'))
  })
})
