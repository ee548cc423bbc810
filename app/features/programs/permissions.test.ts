import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { organizations, programCertifications, programRequirements, programStandings, programTierHistory, programTiers, programTracks } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { approveProposal, overrideTier } from '#app/features/programs/decisions.server.ts'
import { evaluateAll, evaluateNow } from '#app/features/programs/evaluation.server.ts'
import {
  addCertification,
  createTrack,
  deleteTier,
  expireCertification,
  getProgramSettings,
  getStanding,
  getTrack,
  listProposals,
  listStandings,
  listTracks,
  removeCertification,
  saveTier,
  updateProgramSettings,
  updateTrack,
} from '#app/features/programs/programs.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/**
 * Who may do what in the program: only the vendor's team defines tracks and tiers, evaluates and
 * decides tiers (403 for partners); a partner reads only its own standing and manages only its own
 * certifications (404 for another organization's). Bad input is refused with field errors and
 * writes nothing.
 */

type Partner = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let owner: Partner
let rival: Partner
let trackId: string
let tierId: string
let certificationId: string

const tierInput = (over: Record<string, string> = {}) => ({
  name: 'Registered',
  rank: '1',
  orgTier: 'registered',
  feeType: 'none',
  discountPercent: '0',
  mdfAmount: '0',
  mdfCurrency: 'USD',
  mdfPeriod: 'quarter',
  cosellPriority: 'standard',
  threshold_referrals_sent: '0',
  window_referrals_sent: '365',
  ...over,
})

beforeAll(async () => {
  vendor = await createVendor()
  owner = await createPartner({ name: 'Perm Owner', partnerType: 'referral' })
  rival = await createPartner({ name: 'Perm Rival', partnerType: 'referral' })
  const track = await createTrack(vendor.admin, { name: 'Referral perms', partnerTypes: ['referral'] })
  trackId = track.id
  tierId = (await saveTier(vendor.admin, trackId, null, tierInput())).id
  await evaluateAll()
  certificationId = (await addCertification(owner.admin, { personName: 'Ana Owner', name: 'Sales Pro', issuedAt: '2026-01-01', expiresAt: '2030-01-01' })).id
})

describe('program permissions (tenancy)', () => {
  it('partners cannot read or change the program’s definitions, settings or queues (403)', async () => {
    for (const actor of [owner.admin, owner.member, rival.admin]) {
      expect((await refusal(listTracks(actor))).status).toBe(403)
      expect((await refusal(getTrack(actor, trackId))).status).toBe(403)
      expect((await refusal(getProgramSettings(actor))).status).toBe(403)
      expect((await refusal(updateProgramSettings(actor, { downgradeGraceDays: '1', currencies: 'USD' }))).status).toBe(403)
      expect((await refusal(createTrack(actor, { name: 'Mine', partnerTypes: ['referral'] }))).status).toBe(403)
      expect((await refusal(updateTrack(actor, trackId, { name: 'Mine', partnerTypes: ['referral'] }))).status).toBe(403)
      expect((await refusal(saveTier(actor, trackId, null, tierInput({ rank: '2' })))).status).toBe(403)
      expect((await refusal(saveTier(actor, trackId, tierId, tierInput()))).status).toBe(403)
      expect((await refusal(deleteTier(actor, tierId))).status).toBe(403)
      expect((await refusal(listProposals(actor))).status).toBe(403)
      expect((await refusal(listStandings(actor))).status).toBe(403)
      expect((await refusal(evaluateNow(actor))).status).toBe(403)
      expect((await refusal(approveProposal(actor, owner.org.id))).status).toBe(403)
      expect((await refusal(overrideTier(actor, owner.org.id, tierId, 'I want it'))).status).toBe(403)
    }
    const [org] = await db.select({ tier: organizations.tier }).from(organizations).where(eq(organizations.id, owner.org.id))
    expect(org!.tier).toBe('gold')
    expect(await db.select().from(programTierHistory).where(eq(programTierHistory.orgId, owner.org.id))).toEqual([])
    expect((await db.select().from(programTracks)).map((t) => t.name)).toEqual(['Referral perms'])
  })

  it('a partner reads its own standing; another organization’s is a 404', async () => {
    const mine = await getStanding(owner.member, owner.org.id)
    expect(mine.standing?.orgId).toBe(owner.org.id)
    expect(mine.certifications.map((c) => c.id)).toEqual([certificationId])
    expect((await refusal(getStanding(rival.admin, owner.org.id))).status).toBe(404)
    expect((await refusal(getStanding(rival.member, owner.org.id))).status).toBe(404)
    // The vendor's team reads any partner's.
    expect((await getStanding(vendor.member, owner.org.id)).org.id).toBe(owner.org.id)
  })

  it('only the partner’s own admins manage its certifications (another org: 404; a member: 403)', async () => {
    expect((await refusal(expireCertification(rival.admin, certificationId))).status).toBe(404)
    expect((await refusal(removeCertification(rival.admin, certificationId))).status).toBe(404)
    expect((await refusal(expireCertification(vendor.admin, certificationId))).status).toBe(404)
    expect((await refusal(expireCertification(owner.member, certificationId))).status).toBe(403)
    expect((await refusal(addCertification(owner.member, { personName: 'X', name: 'Y', issuedAt: '2026-01-01', expiresAt: '2027-01-01' }))).status).toBe(403)
    expect((await refusal(addCertification(vendor.admin, { personName: 'X', name: 'Y', issuedAt: '2026-01-01', expiresAt: '2027-01-01' }))).status).toBe(404)
    const [still] = await db.select().from(programCertifications).where(eq(programCertifications.id, certificationId))
    expect(still!.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z')
    await expireCertification(owner.admin, certificationId)
    const [expired] = await db.select().from(programCertifications).where(eq(programCertifications.id, certificationId))
    expect(expired!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now())
    await removeCertification(owner.admin, certificationId)
    expect(await db.select().from(programCertifications).where(eq(programCertifications.id, certificationId))).toEqual([])
  })

  it('the vendor’s team decides; the tier label follows the approved tier', async () => {
    const [s] = await db.select().from(programStandings).where(eq(programStandings.orgId, owner.org.id))
    expect(s!.proposalStatus).toBe('pending')
    await approveProposal(vendor.member, owner.org.id)
    const [org] = await db.select({ tier: organizations.tier }).from(organizations).where(eq(organizations.id, owner.org.id))
    expect(org!.tier).toBe('registered')
  })
})

describe('bad input is refused with a clear message and writes nothing', () => {
  const fieldsOf = (e: unknown) => (e as { issues?: { path: (string | number)[]; message: string }[] }).issues ?? []

  it('a tier with no requirements, negative thresholds or budgets', async () => {
    const countTiers = async () => (await db.select().from(programTiers)).length
    const before = await countTiers()
    const noReqs = await saveTier(vendor.admin, trackId, null, tierInput({ rank: '2', threshold_referrals_sent: '' })).catch((e: unknown) => e)
    expect(fieldsOf(noReqs).map((i) => i.message)).toContain('A tier needs at least one requirement: enter a threshold for one metric or more.')
    const negative = await saveTier(vendor.admin, trackId, null, tierInput({ rank: '2', threshold_referrals_sent: '-3', mdfAmount: '-100' })).catch((e: unknown) => e)
    expect(fieldsOf(negative)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['threshold_referrals_sent'], message: 'The threshold cannot be negative.' }),
        expect.objectContaining({ path: ['mdfAmount'], message: 'The MDF budget cannot be negative.' }),
      ]),
    )
    const negMoney = await saveTier(vendor.admin, trackId, null, tierInput({ rank: '2', threshold_sourced_pipeline: '-5000' })).catch((e: unknown) => e)
    expect(fieldsOf(negMoney)).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['threshold_sourced_pipeline'], message: 'The threshold cannot be negative.' })]))
    expect(await countTiers()).toBe(before)
    expect((await db.select().from(programRequirements)).length).toBe(1)
  })

  it('an MDF currency outside the program’s list, or a rank already taken', async () => {
    const before = (await db.select().from(programTiers)).length
    const currency = await refusal(saveTier(vendor.admin, trackId, null, tierInput({ rank: '2', mdfCurrency: 'JPY' })))
    expect(currency.code).toBe('invalid')
    expect(currency.fieldErrors?.mdfCurrency?.[0]).toMatch(/JPY is not one of the program’s currencies \(USD, EUR, GBP\)/)
    const rank = await refusal(saveTier(vendor.admin, trackId, null, tierInput({ rank: '1' })))
    expect(rank.code).toBe('conflict')
    expect(rank.fieldErrors?.rank?.[0]).toMatch(/already has rank 1/)
    expect((await db.select().from(programTiers)).length).toBe(before)
  })

  it('an override without a reason, or to another track’s tier', async () => {
    const noReason = await refusal(overrideTier(vendor.admin, owner.org.id, tierId, ''))
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/Give the reason/)
    const other = await createTrack(vendor.admin, { name: 'Other', partnerTypes: ['msp'] })
    const otherTier = await saveTier(vendor.admin, other.id, null, tierInput())
    const wrong = await refusal(overrideTier(vendor.admin, owner.org.id, otherTier.id, 'Moving them'))
    expect(wrong.fieldErrors?.tierId?.[0]).toMatch(/not part of this partner’s track/)
    expect((await db.select().from(programTierHistory).where(eq(programTierHistory.orgId, owner.org.id))).length).toBe(1)
  })

  it('a certification that expires before it is issued', async () => {
    const e = await addCertification(owner.admin, { personName: 'Bo', name: 'Cert', issuedAt: '2026-05-01', expiresAt: '2026-04-01' }).catch((x: unknown) => x)
    expect(fieldsOf(e)).toEqual([expect.objectContaining({ path: ['expiresAt'], message: 'The expiry date must come after the issue date.' })])
    expect(await db.select().from(programCertifications).where(eq(programCertifications.orgId, owner.org.id))).toEqual([])
  })
})
