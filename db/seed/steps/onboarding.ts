import { eq } from 'drizzle-orm'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { db } from '#db/client.server.ts'
import { accounts, auditLog, connections, memberships, organizations, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_PARTNER_SLUGS, DEMO_PASSWORD } from '#db/seed/steps/foundation.ts'

const DAY = 24 * 60 * 60 * 1000

/**
 * Two partners early in onboarding, so /admin/onboarding has someone to show at the top:
 * Cobalt Ridge Advisory (approved three weeks ago, half-way: profile, account list and one of the
 * two connections, quiet for ten days, so "stuck") and Larch Street IT (approved two days ago,
 * nothing done yet). Neither has a demo login in the README; their admins use the demo password.
 */
export const onboardingStep: SeedStep = {
  name: 'onboarding',
  async run({ now, log }) {
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    const [northwind] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_PARTNER_SLUGS.northwind))
    const approved = (days: number) => new Date(now.getTime() - days * DAY)

    const [cobalt] = await db
      .insert(organizations)
      .values({
        kind: 'partner',
        name: 'Cobalt Ridge Advisory',
        slug: 'cobalt-ridge-advisory',
        website: 'https://cobaltridge.example.com',
        partnerType: 'systems_integrator',
        tier: 'registered',
        status: 'active',
        regions: ['EMEA'],
        industries: ['financial_services'],
        skills: ['Data migration', 'Solution architecture'],
        tagline: 'Core-banking data migrations, done quietly.',
        description: 'Cobalt Ridge Advisory moves regional banks and insurers onto Stratolink without a weekend outage.',
        approvedAt: approved(21),
        createdAt: approved(25),
      })
      .returning()
    const [larch] = await db
      .insert(organizations)
      .values({
        kind: 'partner',
        name: 'Larch Street IT',
        slug: 'larch-street-it',
        website: 'https://larchstreet.example.com',
        partnerType: 'msp',
        tier: 'registered',
        status: 'active',
        regions: ['NA'],
        industries: ['retail'],
        approvedAt: approved(2),
        createdAt: approved(4),
      })
      .returning()

    for (const [org, email, name] of [
      [cobalt!, 'admin@cobaltridge.test', 'Ines Cobalt'],
      [larch!, 'admin@larchstreet.test', 'Omar Larch'],
    ] as const) {
      const [user] = await db.insert(users).values({ email, name, passwordHash }).returning()
      await db.insert(memberships).values({ orgId: org.id, userId: user!.id, role: 'partner_admin' })
    }

    await db.insert(accounts).values(
      ['First Harbor Bank', 'Alpine Mutual', 'Kestrel Insurance'].map((name) => ({
        orgId: cobalt!.id,
        name,
        domain: `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
        population: 'customer' as const,
        source: 'seed' as const,
      })),
    )
    if (northwind) {
      await db.insert(connections).values({
        requesterOrgId: cobalt!.id,
        recipientOrgId: northwind.id,
        status: 'accepted',
        requesterShareCustomers: 'counts',
        recipientShareCustomers: 'counts',
        createdAt: approved(15),
        respondedAt: approved(14),
      })
    }
    await db.insert(auditLog).values([
      { orgId: cobalt!.id, action: 'organization.profile_updated', subjectType: 'organization', subjectId: cobalt!.id, createdAt: approved(10) },
      { orgId: larch!.id, action: 'organization.approved', subjectType: 'organization', subjectId: larch!.id, createdAt: approved(2) },
    ])
    log('  2 partners part-way through onboarding')
  },
}
