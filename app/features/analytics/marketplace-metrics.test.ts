import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { leads } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { computeSummary, noFilters } from '#app/features/analytics/metrics.server.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { decideRegistration, revokeRegistration, submitRegistration } from '#app/features/registrations/registrations.server.ts'

/**
 * docs/metrics.md "Marketplace leads", checked against an independent calculation in plain
 * JavaScript over hand-made leads (in 2034, so no other test's leads fall in the period) linked to
 * real referrals, co-sells and registrations.
 */

type Kind = 'referral' | 'cosell' | 'registration'
type Fixture = { org: 'reseller' | 'tech' | 'vendor'; at: string; status: 'new' | 'contacted' | 'qualified' | 'converted' | 'discarded'; kind?: Kind; target?: string; convertedAt?: string }

const at = (s: string) => new Date(`${s}Z`)
const period = { from: at('2034-01-01T00:00:00'), to: at('2034-04-01T00:00:00') }
const future = () => new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)

let orgs: Record<Fixture['org'], string>
/** The value each record counts at, as the definition reads it (built from what the domain returned). */
const values = new Map<string, number>()
const fixtures: Fixture[] = []

beforeAll(async () => {
  const vendor = await createVendor()
  const reseller = await createPartner({ name: 'Market Reseller', partnerType: 'reseller' })
  const tech = await createPartner({ name: 'Market Tech', partnerType: 'technology' })
  orgs = { reseller: reseller.org.id, tech: tech.org.id, vendor: vendor.org.id }
  await db.execute(sql`delete from rate_limits where key like 'referral-preview:%'`)

  const referral = await submitReferral(reseller.admin, {
    toOrg: tech.org.slug,
    accountName: 'Lead One',
    accountDomain: `lead-one-${Date.now()}.example`,
    need: 'A migration, found through the marketplace.',
    estimatedValue: '40,000',
    feeType: 'none',
  })
  values.set(referral.id, 4_000_000)
  const noEstimate = await submitReferral(reseller.admin, {
    toOrg: tech.org.slug,
    accountName: 'Lead Two',
    accountDomain: `lead-two-${Date.now()}.example`,
    need: 'No value given yet.',
    feeType: 'none',
  })
  values.set(noEstimate.id, 0)
  const cosell = await openCosell(tech.admin, { accountName: 'Lead Three', amount: '75,000.50', stage: 'prospect', expectedCloseAt: future(), invites: [] })
  values.set(cosell.id, 7_500_050)
  const reg = async (amount: string) =>
    (
      await submitRegistration(tech.admin, {
        accountName: 'Lead Reg',
        accountDomain: `lead-reg-${Math.random().toString(36).slice(2)}.example`,
        amount,
        products: 'Platform',
        expectedCloseAt: future(),
      })
    ).registration
  const approved = await reg('20,000')
  await decideRegistration(vendor.admin, approved.id, { decision: 'approve' })
  values.set(approved.id, 2_000_000)
  const pending = await reg('3,000')
  values.set(pending.id, 300_000)
  const rejected = await reg('9,000')
  await decideRegistration(vendor.admin, rejected.id, { decision: 'reject', reason: 'Sold direct.' })
  values.set(rejected.id, 0)
  const revoked = await reg('11,000')
  await decideRegistration(vendor.admin, revoked.id, { decision: 'approve' })
  await revokeRegistration(vendor.admin, revoked.id, { reason: 'Not the partner’s deal after all.' })
  values.set(revoked.id, 0)

  fixtures.push(
    { org: 'reseller', at: '2033-12-31T23:59:59', status: 'converted', kind: 'referral', target: referral.id, convertedAt: '2034-01-05T00:00:00' }, // before the period
    { org: 'reseller', at: '2034-01-01T00:00:00', status: 'converted', kind: 'referral', target: referral.id, convertedAt: '2034-01-02T00:00:00' }, // from is included
    { org: 'reseller', at: '2034-01-10T00:00:00', status: 'converted', kind: 'referral', target: noEstimate.id, convertedAt: '2034-01-11T00:00:00' },
    { org: 'reseller', at: '2034-02-01T00:00:00', status: 'new' },
    { org: 'reseller', at: '2034-02-02T00:00:00', status: 'discarded' },
    { org: 'tech', at: '2034-02-03T00:00:00', status: 'converted', kind: 'cosell', target: cosell.id, convertedAt: '2034-02-04T00:00:00' },
    { org: 'tech', at: '2034-02-05T00:00:00', status: 'converted', kind: 'registration', target: approved.id, convertedAt: '2034-02-06T00:00:00' },
    { org: 'tech', at: '2034-02-07T00:00:00', status: 'converted', kind: 'registration', target: pending.id, convertedAt: '2034-03-01T00:00:00' },
    { org: 'tech', at: '2034-02-08T00:00:00', status: 'converted', kind: 'registration', target: rejected.id, convertedAt: '2034-02-09T00:00:00' },
    { org: 'tech', at: '2034-02-10T00:00:00', status: 'converted', kind: 'registration', target: revoked.id, convertedAt: '2034-02-11T00:00:00' },
    { org: 'tech', at: '2034-03-30T00:00:00', status: 'converted', kind: 'cosell', target: cosell.id, convertedAt: '2034-04-01T00:00:00' }, // converted at `to`: not yet
    { org: 'tech', at: '2034-03-15T00:00:00', status: 'converted', kind: 'referral', target: 'no-such-record', convertedAt: '2034-03-16T00:00:00' }, // record gone
    { org: 'tech', at: '2034-03-20T00:00:00', status: 'qualified' },
    { org: 'reseller', at: '2034-04-01T00:00:00', status: 'new' }, // `to` is excluded
    { org: 'vendor', at: '2034-02-15T00:00:00', status: 'converted', kind: 'cosell', target: cosell.id, convertedAt: '2034-02-16T00:00:00' }, // the vendor's own lead
  )
  for (const [i, f] of fixtures.entries()) {
    await db.insert(leads).values({
      orgId: orgs[f.org],
      name: `Visitor ${i}`,
      email: `visitor${i}@buyer.example`,
      company: `Buyer ${i}`,
      message: 'We need help with a project.',
      status: f.status,
      convertedKind: f.kind ?? null,
      convertedId: f.target ?? null,
      convertedAt: f.convertedAt ? at(f.convertedAt) : null,
      createdAt: at(f.at),
    })
  }
})

/** The definition, independently: plain filtering and summing over the fixtures. */
function expected(considered: Fixture['org'][]) {
  const inPeriod = fixtures.filter((f) => considered.includes(f.org) && at(f.at) >= period.from && at(f.at) < period.to)
  const converted = inPeriod.filter((f) => f.status === 'converted' && f.convertedAt && at(f.convertedAt) < period.to)
  return {
    leads: inPeriod.length,
    convertedLeads: converted.length,
    conversionRate: inPeriod.length ? converted.length / inPeriod.length : null,
    pipeline: converted.reduce((sum, f) => sum + (values.get(f.target!) ?? 0), 0),
  }
}

describe('marketplace leads and their pipeline', () => {
  it('matches the independent calculation over every partner', async () => {
    const actual = (await computeSummary(db, period, noFilters())).marketplace
    expect(actual).toEqual(expected(['reseller', 'tech']))
    // Spelled out, so a wrong reference cannot hide a wrong query: 12 leads, 8 converted; 40,000 + 0 + 75,000.50 + 20,000 + 3,000 + 0 + 0 + 0.
    expect(actual).toEqual({ leads: 12, convertedLeads: 8, conversionRate: 8 / 12, pipeline: 13_800_050 })
  })

  it('the partner filters narrow it to the partners the leads were sent to', async () => {
    expect((await computeSummary(db, period, { ...noFilters(), partnerTypes: ['reseller'] })).marketplace).toEqual(expected(['reseller']))
    expect((await computeSummary(db, period, { ...noFilters(), partnerTypes: ['technology'] })).marketplace).toEqual(expected(['tech']))
  })

  it('a period without leads has zeros and a null rate', async () => {
    expect((await computeSummary(db, { from: at('2040-01-01T00:00:00'), to: at('2040-02-01T00:00:00') })).marketplace).toEqual({ leads: 0, convertedLeads: 0, conversionRate: null, pipeline: 0 })
  })
})
