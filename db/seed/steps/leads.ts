import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { dealRegistrations, leads, listings, listingVersions, listingViewCounts, opportunities, organizations, referrals, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS, DEMO_PARTNER_SLUGS } from '#db/seed/steps/foundation.ts'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

type LeadRow = typeof leads.$inferInsert

const COMPANIES = ['Harbor Foods', 'Lumen Insurance', 'Keystone Utilities', 'Orchid Pharma', 'Vantage Freight', 'Nimbus Media', 'Granite Bank', 'Solstice Energy', 'Pioneer Schools', 'Atlas Retail']
const NEEDS = [
  'We are evaluating partners for a data platform rollout next quarter. Could we talk this week?',
  'Our team needs help integrating our ERP with the platform. What would a pilot look like?',
  'Looking for a managed service for our analytics stack; budget is approved.',
  'Could you send pricing and a reference customer in our industry?',
]

/**
 * Inbound leads and listing views, so each story has its data:
 * - Northwind's admin (`/manage/leads`) sees every status: two new leads (one asking for a demo of
 *   a listing, one from the profile), one contacted, one qualified, one discarded with its reason,
 *   and one converted to a referral it sent (linked); `/manage/listings` shows views and leads
 *   per listing over the last 30 days.
 * - The vendor's `/analytics` shows marketplace leads and their pipeline: leads to other partners
 *   over the last six months, some converted to their referrals, co-sells and registrations.
 */
export const leadsStep: SeedStep = {
  name: 'leads',
  async run({ now, log, faker }) {
    const [northwind] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_PARTNER_SLUGS.northwind))
    if (!northwind) return log('No Northwind Systems: skipping leads.')
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
    const [listing] = await db
      .select({ id: listings.id, title: listingVersions.title })
      .from(listings)
      .innerJoin(listingVersions, eq(listingVersions.id, listings.publishedVersionId))
      .where(and(eq(listings.orgId, northwind.id), eq(listings.status, 'published'), isNotNull(listings.publishedVersionId)))
      .orderBy(asc(listings.createdAt))
      .limit(1)
    const [sent] = await db.select({ id: referrals.id, accountName: referrals.accountName }).from(referrals).where(eq(referrals.fromOrgId, northwind.id)).orderBy(desc(referrals.createdAt)).limit(1)
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
    const handled = (hours: number) => ({ handledAt: ago(hours), handledBy: admin?.id ?? null })
    const northwindLeads: LeadRow[] = [
      {
        orgId: northwind.id,
        listingId: listing?.id ?? null,
        listingTitle: listing?.title ?? null,
        name: 'Amara Okafor',
        email: 'amara.okafor@meridianhealth.example',
        company: 'Meridian Health',
        message: 'We run 14 clinics on an ageing on-premises warehouse and want to move it to Stratolink before our licence renews in Q3. Could we see a demo next week?',
        createdAt: ago(3),
      },
      {
        orgId: northwind.id,
        name: 'Jonas Weber',
        email: 'j.weber@alpenlogistik.example',
        company: 'Alpen Logistik',
        message: 'Do you have consultants in the DACH region who can help us integrate our WMS with Stratolink? We are comparing two partners this month.',
        createdAt: ago(27),
      },
      {
        orgId: northwind.id,
        name: 'Sofia Marquez',
        email: 'sofia@brightharbor.example',
        company: 'Bright Harbor Retail',
        message: 'Looking for a fixed-price assessment of our current setup. Budget approved for this quarter.',
        status: 'contacted',
        ...handled(70),
        createdAt: ago(96),
      },
      {
        orgId: northwind.id,
        listingId: listing?.id ?? null,
        listingTitle: listing?.title ?? null,
        name: 'Priya Raman',
        email: 'priya.raman@tidewaterbank.example',
        company: 'Tidewater Bank',
        message: 'We need a partner for a 9-month modernisation of our reporting platform; security review in progress.',
        status: 'qualified',
        ...handled(30),
        createdAt: ago(8 * 24),
      },
      {
        orgId: northwind.id,
        name: 'Max Turner',
        email: 'max@cheapleads.example',
        company: 'Cheap Leads Ltd',
        message: 'We sell contact lists of IT decision makers. Reply for a discount.',
        status: 'discarded',
        discardReason: 'A sales pitch, not a customer.',
        ...handled(11 * 24),
        createdAt: ago(12 * 24),
      },
    ]
    if (sent) {
      northwindLeads.push({
        orgId: northwind.id,
        listingId: listing?.id ?? null,
        listingTitle: listing?.title ?? null,
        name: 'Elena Petrova',
        email: 'elena.petrova@northstarlabs.example',
        company: sent.accountName,
        message: 'We need an implementation partner in our region; your listing says you work with one.',
        status: 'converted',
        convertedKind: 'referral',
        convertedId: sent.id,
        convertedAt: ago(17 * 24),
        ...handled(17 * 24),
        createdAt: ago(20 * 24),
      })
    }
    await db.insert(leads).values(northwindLeads)

    // Marketplace leads of other partners over six months: a third converted to a record of theirs.
    const others = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active')))
      .orderBy(asc(organizations.createdAt))
      .limit(24)
    const partnerIds = others.map((o) => o.id).filter((id) => id !== northwind.id)
    const [refs, cosells, regs] = partnerIds.length
      ? await Promise.all([
          db.select({ id: referrals.id, orgId: referrals.fromOrgId }).from(referrals).where(inArray(referrals.fromOrgId, partnerIds)),
          db
            .select({ id: opportunities.id, orgId: opportunities.orgId })
            .from(opportunities)
            .where(and(eq(opportunities.isCosell, true), inArray(opportunities.orgId, partnerIds))),
          db.select({ id: dealRegistrations.id, orgId: dealRegistrations.orgId }).from(dealRegistrations).where(inArray(dealRegistrations.orgId, partnerIds)),
        ])
      : [[], [], []]
    const records = [
      ...refs.map((r) => ({ ...r, kind: 'referral' as const })),
      ...cosells.map((r) => ({ ...r, kind: 'cosell' as const })),
      ...regs.map((r) => ({ ...r, kind: 'registration' as const })),
    ]
    const used = new Set<string>()
    const market: LeadRow[] = []
    for (let i = 0; i < 60 && partnerIds.length; i++) {
      const orgId = partnerIds[i % partnerIds.length]!
      const createdAt = new Date(now.getTime() - faker.number.int({ min: 1, max: 180 }) * DAY - faker.number.int({ min: 0, max: 23 }) * HOUR)
      const company = COMPANIES[i % COMPANIES.length]!
      const base = { orgId, name: faker.person.fullName(), email: `contact${i}@${company.toLowerCase().replace(/\W+/g, '')}.example`, company, message: NEEDS[i % NEEDS.length]!, createdAt }
      const record = i % 3 === 0 ? records.find((r) => r.orgId === orgId && !used.has(r.id)) : undefined
      if (record) {
        used.add(record.id)
        const convertedAt = new Date(Math.min(now.getTime() - HOUR, createdAt.getTime() + faker.number.int({ min: 1, max: 14 }) * DAY))
        market.push({ ...base, status: 'converted', convertedKind: record.kind, convertedId: record.id, convertedAt, handledAt: convertedAt })
      } else {
        const status = (['new', 'contacted', 'qualified', 'discarded'] as const)[i % 4]!
        market.push({ ...base, status, discardReason: status === 'discarded' ? 'Outside our regions.' : null, handledAt: status === 'new' ? null : new Date(createdAt.getTime() + DAY) })
      }
    }
    if (market.length) await db.insert(leads).values(market)

    // Views of published listings for the last 35 days (one counter per listing and day).
    const published = await db.select({ id: listings.id, orgId: listings.orgId }).from(listings).where(eq(listings.status, 'published')).orderBy(asc(listings.createdAt)).limit(40)
    const counters: (typeof listingViewCounts.$inferInsert)[] = []
    for (const l of published) {
      const busy = l.orgId === northwind.id ? 30 : 8
      for (let d = 0; d < 35; d++) {
        const views = faker.number.int({ min: 0, max: busy })
        if (views) counters.push({ listingId: l.id, orgId: l.orgId, day: new Date(now.getTime() - d * DAY).toISOString().slice(0, 10), views })
      }
    }
    if (counters.length) await db.insert(listingViewCounts).values(counters)
    log(`Leads: ${northwindLeads.length} for Northwind, ${market.length} for other partners (${used.size} converted); ${counters.length} daily view counters.`)
  },
}
