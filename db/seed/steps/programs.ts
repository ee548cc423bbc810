import { and, eq, inArray } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { organizations, programCertifications, programRequirements, programSettings, programStandings, programTierHistory, programTiers, programTracks, users } from '#db/schema/index.ts'
import type { PartnerType, Tier } from '#db/vocab.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS, DEMO_PARTNER_SLUGS } from '#db/seed/steps/foundation.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
import { measureAll, measured, windowsOf } from '#app/features/programs/measure.server.ts'
import { MONEY_METRICS, STATE_METRICS, type ProgramMetric } from '#app/features/programs/vocab.ts'

const DAY = 86_400_000

/** Four tracks, three tiers each (Silver, Gold, Platinum: the tier labels partners already carry). */
const TRACKS: { name: string; slug: string; description: string; partnerTypes: PartnerType[]; metrics: { metric: ProgramMetric; windowDays: number }[] }[] = [
  {
    name: 'Resell',
    slug: 'resell',
    description: 'Resellers and distributors: pipeline they source and revenue they close, with certified sellers.',
    partnerTypes: ['reseller', 'distributor'],
    metrics: [
      { metric: 'sourced_pipeline', windowDays: 365 },
      { metric: 'closed_won_revenue', windowDays: 365 },
      { metric: 'active_certifications', windowDays: 365 },
    ],
  },
  {
    name: 'Technology & integration',
    slug: 'technology',
    description: 'ISVs and hyperscalers: confirmed integrations, the pipeline they influence and endorsements from won referrals.',
    partnerTypes: ['technology', 'hyperscaler'],
    metrics: [
      { metric: 'confirmed_integrations', windowDays: 365 },
      { metric: 'influenced_pipeline', windowDays: 365 },
      { metric: 'verified_endorsements', windowDays: 365 },
    ],
  },
  {
    name: 'Services',
    slug: 'services',
    description: 'Systems integrators and MSPs: influenced pipeline, certified consultants and answers that help the community.',
    partnerTypes: ['systems_integrator', 'msp'],
    metrics: [
      { metric: 'influenced_pipeline', windowDays: 365 },
      { metric: 'active_certifications', windowDays: 365 },
      { metric: 'community_accepted_answers', windowDays: 365 },
    ],
  },
  {
    name: 'Referral',
    slug: 'referral',
    description: 'Referral partners: referrals sent and accepted over the last six months.',
    partnerTypes: ['referral'],
    metrics: [
      { metric: 'referrals_sent', windowDays: 180 },
      { metric: 'referrals_accepted', windowDays: 180 },
    ],
  },
]

const TIER_SPECS: { name: string; orgTier: Tier; quantile: number; benefits: Partial<typeof programTiers.$inferInsert> }[] = [
  { name: 'Silver', orgTier: 'silver', quantile: 0.3, benefits: { feeType: 'percent', feePercentBps: 500, discountBps: 1000, mdfAmount: 0, placementBoost: 0, cosellPriority: 'standard' } },
  {
    name: 'Gold',
    orgTier: 'gold',
    quantile: 0.6,
    benefits: { feeType: 'percent', feePercentBps: 1000, discountBps: 2000, mdfAmount: 1_000_000, mdfPeriod: 'quarter', placementBoost: 20, cosellPriority: 'high' },
  },
  {
    name: 'Platinum',
    orgTier: 'platinum',
    quantile: 0.85,
    benefits: { feeType: 'percent', feePercentBps: 1500, feeCapAmount: 5_000_000, discountBps: 3000, mdfAmount: 5_000_000, mdfPeriod: 'quarter', placementBoost: 50, cosellPriority: 'top' },
  },
]

/** Rounds a threshold to two significant figures (money to whole currency units), at least 1 (or $1,000). */
function nice(value: number, money: boolean) {
  const floor = money ? 100_000 : 1
  if (value <= floor) return floor
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1)
  return Math.round(value / magnitude) * magnitude
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0)

/**
 * The partner program: four tracks with three tiers each whose thresholds are set from the
 * ecosystem's own figures (so partners land at different standings), certifications for people of
 * the demo partners and others, every partner placed at the tier its label already says, then one
 * evaluation: some partners qualify higher (pending upgrade proposals for the vendor to decide),
 * some fall below their tier (a downgrade grace period starts).
 */
export const programsStep: SeedStep = {
  name: 'programs',
  async run({ faker, now, log }) {
    const [vendor] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor'))
    if (!vendor) return log('No vendor: skipping the program.')
    const [maya] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.vendorAdmin.email))
    await db.insert(programSettings).values({ orgId: vendor.id }).onConflictDoNothing()
    const partners = await db
      .select({ id: organizations.id, slug: organizations.slug, partnerType: organizations.partnerType, tier: organizations.tier })
      .from(organizations)
      .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active')))

    // Certifications: Northwind and Bluepeak get named people (one expired); others a few at random.
    const certs: (typeof programCertifications.$inferInsert)[] = []
    const names = ['Solutions Architect', 'Sales Professional', 'Implementation Specialist', 'Support Engineer']
    for (const p of partners) {
      const n = p.slug === DEMO_PARTNER_SLUGS.northwind ? 3 : p.slug === DEMO_PARTNER_SLUGS.bluepeak ? 2 : faker.number.int({ min: 0, max: 4 })
      for (let i = 0; i < n; i++) {
        const issuedAt = new Date(now.getTime() - faker.number.int({ min: 20, max: 600 }) * DAY)
        certs.push({ orgId: p.id, personName: faker.person.fullName(), name: names[i % names.length]!, issuedAt, expiresAt: new Date(issuedAt.getTime() + 730 * DAY) })
      }
      if (p.slug === DEMO_PARTNER_SLUGS.northwind) {
        certs.push({
          orgId: p.id,
          personName: 'Tom Fischer',
          personEmail: 'member@northwind.test',
          name: 'Sales Professional',
          issuedAt: new Date(now.getTime() - 800 * DAY),
          expiresAt: new Date(now.getTime() - 70 * DAY),
        })
      }
    }
    if (certs.length) await db.insert(programCertifications).values(certs)

    // Thresholds from the ecosystem's figures: each tier at a quantile of its track's partners.
    const allMetrics = TRACKS.flatMap((t) => t.metrics)
    const m = await measureAll(db, windowsOf(allMetrics), now)
    const tiersByLabel = new Map<string, string>()
    for (const [position, t] of TRACKS.entries()) {
      const [track] = await db.insert(programTracks).values({ name: t.name, slug: t.slug, description: t.description, partnerTypes: t.partnerTypes, position }).returning({ id: programTracks.id })
      const members = partners.filter((p) => p.partnerType && t.partnerTypes.includes(p.partnerType))
      for (const [i, spec] of TIER_SPECS.entries()) {
        const [tier] = await db
          .insert(programTiers)
          .values({ trackId: track!.id, name: spec.name, rank: i + 1, orgTier: spec.orgTier, mdfCurrency: 'USD', ...spec.benefits })
          .returning({ id: programTiers.id })
        tiersByLabel.set(`${track!.id}:${spec.orgTier}`, tier!.id)
        await db.insert(programRequirements).values(
          t.metrics.map((r) => {
            const values = members.map((p) => measured(m, p.id, r.metric, r.windowDays)).sort((a, b) => a - b)
            const money = MONEY_METRICS.includes(r.metric)
            const threshold = STATE_METRICS.includes(r.metric) && r.metric === 'active_certifications' ? i + 1 : nice(quantile(values, spec.quantile), money)
            return { tierId: tier!.id, metric: r.metric, threshold, windowDays: r.windowDays }
          }),
        )
      }
      // Each partner starts at the tier its label says (registered: no tier yet).
      const placed = members.map((p) => ({ p, tierId: p.tier ? (tiersByLabel.get(`${track!.id}:${p.tier}`) ?? null) : null }))
      if (placed.length) {
        await db.insert(programStandings).values(placed.map(({ p, tierId }) => ({ orgId: p.id, trackId: track!.id, currentTierId: tierId })))
        const history = placed.filter((x) => x.tierId)
        if (history.length) {
          const tierNames = await db
            .select({ id: programTiers.id, name: programTiers.name })
            .from(programTiers)
            .where(
              inArray(
                programTiers.id,
                history.map((x) => x.tierId!),
              ),
            )
          await db.insert(programTierHistory).values(
            history.map(({ p, tierId }) => ({
              orgId: p.id,
              trackId: track!.id,
              toTierId: tierId,
              toTierName: tierNames.find((n) => n.id === tierId)?.name ?? null,
              kind: 'override' as const,
              reason: 'Placed at the program’s launch from the tier the partner already had.',
              decidedBy: maya?.id ?? null,
              createdAt: new Date(now.getTime() - 120 * DAY),
            })),
          )
        }
      }
    }
    const result = await evaluateAll({ now })
    log(`Program: ${result.evaluated} partners evaluated, ${result.proposed} proposals waiting, ${result.inGrace} in downgrade grace.`)
  },
}
