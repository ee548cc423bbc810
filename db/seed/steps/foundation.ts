import type { Faker } from '@faker-js/faker'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { createId } from '#app/utils/id.ts'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, memberships, organizations, users } from '#db/schema/index.ts'
import { INDUSTRIES, PARTNER_TYPES, REGIONS, TIERS, type Industry, type OrgStatus, type PartnerType, type Region, type Role, type Tier } from '#db/schema/orgs.ts'
import type { SeedContext, SeedStep } from '#db/seed/step.ts'

/** Every demo account signs in with this password (README lists them). */
export const DEMO_PASSWORD = 'Partner-demo-2026'

export const DEMO_VENDOR = { name: 'Stratolink Software', slug: 'stratolink', website: 'https://stratolink.example.com' }

/** The demo logins; other seed steps look orgs up by these slugs. */
export const DEMO_ACCOUNTS = {
  vendorAdmin: { email: 'admin@vendor.test', name: 'Maya Okafor', role: 'vendor_admin', org: 'Stratolink Software (vendor)' },
  vendorMember: { email: 'member@vendor.test', name: 'Lucas Brandt', role: 'vendor_member', org: 'Stratolink Software (vendor)' },
  northwindAdmin: { email: 'admin@northwind.test', name: 'Priya Raman', role: 'partner_admin', org: 'Northwind Systems' },
  northwindMember: { email: 'member@northwind.test', name: 'Tom Fischer', role: 'partner_member', org: 'Northwind Systems' },
  bluepeakAdmin: { email: 'admin@bluepeak.test', name: 'Elena Sokolova', role: 'partner_admin', org: 'Bluepeak Cloud' },
  bluepeakMember: { email: 'member@bluepeak.test', name: 'Marcus Lee', role: 'partner_member', org: 'Bluepeak Cloud' },
} as const satisfies Record<string, { email: string; name: string; role: Role; org: string }>

export const DEMO_PARTNER_SLUGS = { northwind: 'northwind-systems', bluepeak: 'bluepeak-cloud' } as const

/** How many generated partners besides Northwind and Bluepeak. */
const GENERATED_PARTNERS = 72

const DAY = 24 * 60 * 60 * 1000

const NAME_STEMS = [
  'Ashford',
  'Brightline',
  'Cobalt',
  'Driftwood',
  'Ember',
  'Fairway',
  'Granite',
  'Harbor',
  'Ironclad',
  'Juniper',
  'Keystone',
  'Lakeshore',
  'Meridian',
  'Northgate',
  'Oakridge',
  'Pinnacle',
  'Quarry',
  'Redwood',
  'Summit',
  'Tidewater',
  'Upland',
  'Vantage',
  'Westbrook',
  'Yellowfin',
  'Zenith',
  'Alder',
  'Beacon',
  'Cedar',
  'Delta',
  'Evergreen',
  'Falcon',
  'Glacier',
  'Highland',
  'Indigo',
  'Jade',
  'Kestrel',
  'Lumen',
  'Mosaic',
  'Nimbus',
  'Orchard',
  'Paragon',
  'Quill',
  'Ridgeway',
  'Sterling',
  'Trident',
  'Umber',
  'Vertex',
  'Willow',
  'Axiom',
  'Bramble',
  'Crescent',
  'Dunmore',
  'Elmstead',
  'Foxglove',
  'Goldcrest',
  'Hawthorn',
  'Ironwood',
  'Kingsbridge',
  'Larkspur',
  'Marlow',
  'Norland',
  'Osprey',
  'Pemberton',
  'Riverton',
  'Saltmarsh',
  'Thornbury',
  'Vireo',
  'Whitlock',
  'Arclight',
  'Bluewater',
  'Copperleaf',
  'Silverpine',
  'Stonebridge',
  'Tallgrass',
  'Waypoint',
  'Halcyon',
  'Clearwater',
  'Fernhill',
  'Gullwing',
  'Heron',
] as const

const SUFFIXES: Record<PartnerType, readonly string[]> = {
  reseller: ['Solutions', 'Technologies', 'IT', 'Direct', 'Software Partners'],
  technology: ['Labs', 'Software', 'Data', 'AI', 'Analytics', 'Security'],
  systems_integrator: ['Consulting', 'Systems', 'Digital', 'Advisory', 'Integration Group'],
  msp: ['Managed Services', 'Networks', 'Cloud Services', 'IT Services', 'Operations'],
  referral: ['Partners', 'Ventures', 'Advisors', 'Group', 'Associates'],
  hyperscaler: ['Cloud', 'Compute', 'Infrastructure'],
  distributor: ['Distribution', 'Supply', 'Channel Group', 'Trade'],
}

const LEGAL = ['', '', '', ' Inc.', ' Ltd', ' GmbH', ' LLC', ' S.A.', ' Pty Ltd', ' B.V.']

const SKILLS: Record<PartnerType, readonly string[]> = {
  reseller: ['License management', 'Renewals', 'Procurement', 'Volume licensing', 'Quoting', 'Certified Sales Professional'],
  technology: ['REST APIs', 'Webhooks', 'SSO / SAML', 'Data connectors', 'Embedded analytics', 'Certified Developer', 'Marketplace app publishing'],
  systems_integrator: ['Implementation', 'Data migration', 'Solution architecture', 'Change management', 'Certified Implementation Specialist', 'Custom integrations'],
  msp: ['24/7 support', 'Monitoring', 'Backup & recovery', 'Security operations', 'Certified Administrator', 'Patch management'],
  referral: ['Executive introductions', 'Industry advisory', 'Deal sourcing', 'Market research'],
  hyperscaler: ['Cloud infrastructure', 'Marketplace private offers', 'Co-sell programs', 'Kubernetes', 'Certified Cloud Architect'],
  distributor: ['Logistics', 'Channel enablement', 'Credit & financing', 'Reseller recruitment', 'Marketplace fulfilment'],
}

const GENERAL_SKILLS = ['Kubernetes', 'AWS', 'Azure', 'Google Cloud', 'Salesforce', 'ServiceNow', 'SAP', 'Snowflake', 'ISO 27001', 'SOC 2', 'HIPAA', 'GDPR', 'Terraform', 'Power BI', 'Python']

const TYPE_PITCH: Record<PartnerType, string> = {
  reseller: 'resells and renews Stratolink subscriptions',
  technology: 'builds products that integrate with Stratolink',
  systems_integrator: 'plans, implements and extends Stratolink deployments',
  msp: 'runs Stratolink for customers as a managed service',
  referral: 'introduces customers to Stratolink and its partners',
  hyperscaler: 'offers Stratolink through its cloud marketplace',
  distributor: 'supplies Stratolink to a network of resellers',
}

const INDUSTRY_LABEL: Record<Industry, string> = {
  healthcare: 'healthcare',
  financial_services: 'financial services',
  manufacturing: 'manufacturing',
  retail: 'retail',
  public_sector: 'the public sector',
  education: 'education',
  technology: 'technology companies',
  energy: 'energy and utilities',
  media: 'media',
  telecom: 'telecommunications',
}

const REGION_LABEL: Record<Region, string> = { NA: 'North America', LATAM: 'Latin America', EMEA: 'EMEA', APAC: 'Asia Pacific' }

const REJECTION_REASONS = [
  'We could not verify the company details provided. You are welcome to apply again with a company website and registration number.',
  'Your regions are already well covered by existing partners of this type; we will contact you if that changes.',
]

type OrgRow = typeof organizations.$inferInsert
type UserRow = typeof users.$inferInsert
type MembershipRow = typeof memberships.$inferInsert
type EventRow = typeof domainEvents.$inferInsert
type AuditRow = typeof auditLog.$inferInsert

export function slugify(name: string) {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function personName(faker: Faker) {
  return `${faker.person.firstName()} ${faker.person.lastName()}`
}

function emailLocal(name: string) {
  return slugify(name).replace(/-/g, '.')
}

function pickSome<T>(faker: Faker, list: readonly T[], min: number, max: number, include?: T): T[] {
  const picked = new Set<T>(faker.helpers.arrayElements(list, { min, max }))
  if (include !== undefined) picked.add(include)
  return list.filter((x) => picked.has(x))
}

/** Tiers by weight: most partners are registered or silver, few platinum. */
function tierFor(faker: Faker, i: number): Tier {
  if (i < TIERS.length) return TIERS[i]!
  return faker.helpers.weightedArrayElement([
    { value: 'registered' as const, weight: 4 },
    { value: 'silver' as const, weight: 3 },
    { value: 'gold' as const, weight: 2 },
    { value: 'platinum' as const, weight: 1 },
  ])
}

const TAGLINES: Record<PartnerType, readonly string[]> = {
  reseller: ['Stratolink licensing, renewals and support in one place', 'The fastest way to buy Stratolink in {region}', 'Right-sized Stratolink plans for {industry}'],
  technology: ['Connect Stratolink to the rest of your stack', 'Analytics and automation on top of Stratolink', 'The {industry} add-on for Stratolink'],
  systems_integrator: ['Stratolink implementations for {industry}, live in weeks', 'From roadmap to rollout: Stratolink done right', 'Complex Stratolink migrations without the downtime'],
  msp: ['Stratolink, run for you around the clock', 'Managed Stratolink with a named engineer', 'Monitoring, backups and support for Stratolink in {region}'],
  referral: ['Introductions that turn into {industry} deals', 'Trusted advisors to {industry} buyers', 'We know who is buying in {region}'],
  hyperscaler: ['Buy Stratolink with your committed cloud spend', 'Stratolink on a global cloud marketplace'],
  distributor: ['Stratolink for resellers across {region}', 'Enablement, credit and logistics for the Stratolink channel'],
}

const FOCUS: Record<PartnerType, readonly string[]> = {
  reseller: ['consolidating licences', 'moving customers to annual plans', 'multi-year renewals', 'procurement for regulated buyers'],
  technology: ['two-way data sync', 'single sign-on and provisioning', 'embedded dashboards', 'workflow automation', 'AI-assisted triage'],
  systems_integrator: ['large data migrations', 'custom integrations with ERP systems', 'fixed-price rollouts', 'process redesign'],
  msp: ['24/7 monitoring', 'release management', 'security hardening', 'backup and disaster recovery'],
  referral: ['C-level introductions', 'vendor selection advisory', 'market entry'],
  hyperscaler: ['private offers', 'consolidated cloud billing', 'co-sell with cloud account teams'],
  distributor: ['reseller onboarding', 'financing and credit lines', 'marketplace fulfilment'],
}

function listOf(items: string[]) {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function taglineFor(faker: Faker, type: PartnerType, regions: Region[], industries: Industry[]) {
  return faker.helpers.arrayElement(TAGLINES[type]).replace('{region}', REGION_LABEL[regions[0]!]).replace('{industry}', INDUSTRY_LABEL[industries[0]!])
}

function describeOrg(faker: Faker, name: string, type: PartnerType, regions: Region[], industries: Industry[], founded: number) {
  const focus = faker.helpers.arrayElements(FOCUS[type], { min: 1, max: 2 })
  return [
    `${name} ${TYPE_PITCH[type]} for customers in ${listOf(industries.map((i) => INDUSTRY_LABEL[i]))}.`,
    `Founded in ${founded}, the team of ${faker.number.int({ min: 12, max: 2400 })} works across ${listOf(regions.map((r) => REGION_LABEL[r]))}.`,
    `Customers come to us for ${listOf(focus)}.`,
  ].join(' ')
}

export async function seedFoundation({ faker, now, log }: SeedContext) {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const orgs: OrgRow[] = []
  const people: UserRow[] = []
  const members: MembershipRow[] = []
  const events: EventRow[] = []
  const audits: AuditRow[] = []
  const usedEmails = new Set<string>()

  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY)
  const addUser = (orgId: string, role: Role, name: string, email: string, createdAt: Date) => {
    const id = createId()
    usedEmails.add(email)
    people.push({ id, email, name, passwordHash, createdAt })
    members.push({ orgId, userId: id, role, createdAt })
    return id
  }
  const uniqueEmail = (name: string, domain: string) => {
    let email = `${emailLocal(name)}@${domain}`
    for (let n = 2; usedEmails.has(email); n++) email = `${emailLocal(name)}${n}@${domain}`
    return email
  }
  const event = (e: Omit<EventRow, 'audience' | 'payload'> & { payload: Record<string, unknown>; audience?: EventRow['audience'] }) => {
    events.push({ ...e, audience: e.audience ?? {} })
    audits.push({
      orgId: e.orgId ?? null,
      actorId: e.actorId ?? null,
      action: e.type,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      details: e.payload,
      createdAt: e.createdAt,
    })
  }

  // The vendor and its ecosystem team.
  const vendorId = createId()
  const vendorCreated = daysAgo(900)
  orgs.push({
    id: vendorId,
    kind: 'vendor',
    name: DEMO_VENDOR.name,
    slug: DEMO_VENDOR.slug,
    website: DEMO_VENDOR.website,
    status: 'active',
    regions: [...REGIONS],
    industries: [...INDUSTRIES],
    tagline: 'The customer operations platform, delivered with partners.',
    description: 'Stratolink builds the customer operations platform used by mid-market and enterprise teams. Our partner ecosystem implements, extends, resells and runs it around the world.',
    approvedAt: vendorCreated,
    createdAt: vendorCreated,
    updatedAt: vendorCreated,
  })
  const vendorAdminId = addUser(vendorId, 'vendor_admin', DEMO_ACCOUNTS.vendorAdmin.name, DEMO_ACCOUNTS.vendorAdmin.email, vendorCreated)
  addUser(vendorId, 'vendor_member', DEMO_ACCOUNTS.vendorMember.name, DEMO_ACCOUNTS.vendorMember.email, vendorCreated)
  for (let i = 0; i < 4; i++) {
    const name = personName(faker)
    addUser(vendorId, i === 0 ? 'vendor_admin' : 'vendor_member', name, uniqueEmail(name, 'stratolink.example.com'), daysAgo(faker.number.int({ min: 200, max: 880 })))
  }

  type PartnerSpec = {
    name: string
    slug: string
    domain: string
    type: PartnerType
    tier: Tier
    status: OrgStatus
    regions: Region[]
    industries: Industry[]
    appliedDaysAgo: number
    decidedDaysAgo: number | null
    admin?: { name: string; email: string }
    member?: { name: string; email: string }
    extraMembers: number
  }
  const specs: PartnerSpec[] = [
    {
      name: 'Northwind Systems',
      slug: DEMO_PARTNER_SLUGS.northwind,
      domain: 'northwind.test',
      type: 'systems_integrator',
      tier: 'gold',
      status: 'active',
      regions: ['NA', 'EMEA'],
      industries: ['healthcare', 'financial_services', 'manufacturing'],
      appliedDaysAgo: 640,
      decidedDaysAgo: 632,
      admin: DEMO_ACCOUNTS.northwindAdmin,
      member: DEMO_ACCOUNTS.northwindMember,
      extraMembers: 3,
    },
    {
      name: 'Bluepeak Cloud',
      slug: DEMO_PARTNER_SLUGS.bluepeak,
      domain: 'bluepeak.test',
      type: 'technology',
      tier: 'platinum',
      status: 'active',
      regions: ['NA', 'EMEA', 'APAC'],
      industries: ['technology', 'retail', 'financial_services', 'media'],
      appliedDaysAgo: 700,
      decidedDaysAgo: 695,
      admin: DEMO_ACCOUNTS.bluepeakAdmin,
      member: DEMO_ACCOUNTS.bluepeakMember,
      extraMembers: 2,
    },
  ]

  // Generated partners: cycle types, regions and industries so every value appears, and pick
  // the rest at random. The last few are applicants, suspended or rejected.
  const stems = faker.helpers.shuffle([...NAME_STEMS])
  const usedSlugs = new Set<string>([DEMO_VENDOR.slug, ...specs.map((s) => s.slug)])
  const statusFor = (i: number): OrgStatus => {
    const fromEnd = GENERATED_PARTNERS - 1 - i
    if (fromEnd < 7) return 'applicant'
    if (fromEnd < 9) return 'suspended'
    if (fromEnd < 11) return 'rejected'
    return 'active'
  }
  for (let i = 0; i < GENERATED_PARTNERS; i++) {
    const type = PARTNER_TYPES[i % PARTNER_TYPES.length]!
    const stem = stems[i % stems.length]!
    let name = `${stem} ${faker.helpers.arrayElement(SUFFIXES[type])}`
    let slug = slugify(name)
    for (let n = 2; usedSlugs.has(slug); n++) {
      name = `${stem} ${faker.helpers.arrayElement(SUFFIXES[type])} ${n}`
      slug = slugify(name)
    }
    usedSlugs.add(slug)
    const status = statusFor(i)
    const appliedDaysAgo = status === 'applicant' ? faker.number.int({ min: 0, max: 12 }) : faker.number.int({ min: 20, max: 728 })
    const decidedDaysAgo = status === 'applicant' ? null : Math.max(1, appliedDaysAgo - faker.number.int({ min: 1, max: 14 }))
    specs.push({
      name: `${name}${faker.helpers.arrayElement(LEGAL)}`,
      slug,
      domain: `${slug.replace(/-/g, '')}.example.com`,
      type,
      tier: status === 'applicant' || status === 'rejected' ? 'registered' : tierFor(faker, i),
      status,
      regions: pickSome(faker, REGIONS, 1, 3, REGIONS[i % REGIONS.length]),
      industries: pickSome(faker, INDUSTRIES, 1, 3, INDUSTRIES[i % INDUSTRIES.length]),
      appliedDaysAgo,
      decidedDaysAgo,
      extraMembers: faker.number.int({ min: status === 'applicant' ? 0 : 1, max: status === 'applicant' ? 0 : 5 }),
    })
  }

  const vendorAudience = { vendor: true }
  for (const spec of specs) {
    const orgId = createId()
    const appliedAt = daysAgo(spec.appliedDaysAgo)
    const decidedAt = spec.decidedDaysAgo === null ? null : daysAgo(spec.decidedDaysAgo)
    const founded = faker.number.int({ min: 1988, max: 2021 })
    const skills = [...faker.helpers.arrayElements(SKILLS[spec.type], { min: 2, max: 4 }), ...faker.helpers.arrayElements(GENERAL_SKILLS, { min: 1, max: 3 })]
    orgs.push({
      id: orgId,
      kind: 'partner',
      name: spec.name,
      slug: spec.slug,
      website: `https://www.${spec.domain.replace(/\.test$/, '.example.com')}`,
      partnerType: spec.type,
      tier: spec.tier,
      status: spec.status,
      regions: spec.regions,
      industries: spec.industries,
      skills: [...new Set(skills)],
      tagline: taglineFor(faker, spec.type, spec.regions, spec.industries),
      description: describeOrg(faker, spec.name, spec.type, spec.regions, spec.industries, founded),
      rejectionReason: spec.status === 'rejected' ? faker.helpers.arrayElement(REJECTION_REASONS) : null,
      approvedAt: spec.status === 'active' || spec.status === 'suspended' ? decidedAt : null,
      decidedBy: decidedAt ? vendorAdminId : null,
      createdAt: appliedAt,
      updatedAt: decidedAt ?? appliedAt,
    })

    const adminName = spec.admin?.name ?? personName(faker)
    const adminEmail = spec.admin?.email ?? uniqueEmail(adminName, spec.domain)
    const adminId = addUser(orgId, 'partner_admin', adminName, adminEmail, appliedAt)
    if (spec.member) addUser(orgId, 'partner_member', spec.member.name, spec.member.email, new Date(appliedAt.getTime() + 3 * DAY))
    for (let m = 0; m < spec.extraMembers; m++) {
      const name = personName(faker)
      const joined = faker.date.between({ from: decidedAt ?? appliedAt, to: now })
      addUser(orgId, m === 0 && spec.extraMembers > 3 ? 'partner_admin' : 'partner_member', name, uniqueEmail(name, spec.domain), joined)
    }

    const summary = { name: spec.name, partnerType: spec.type, tier: spec.tier }
    event({ type: 'org.applied', actorId: adminId, orgId, subjectType: 'organization', subjectId: orgId, payload: summary, audience: vendorAudience, createdAt: appliedAt })
    if (decidedAt && spec.status !== 'rejected') {
      event({ type: 'org.approved', actorId: vendorAdminId, orgId, subjectType: 'organization', subjectId: orgId, payload: summary, audience: { orgs: [orgId], vendor: true }, createdAt: decidedAt })
    }
    if (decidedAt && spec.status === 'rejected') {
      event({ type: 'org.rejected', actorId: vendorAdminId, orgId, subjectType: 'organization', subjectId: orgId, payload: summary, audience: { orgs: [orgId], vendor: true }, createdAt: decidedAt })
    }
    if (spec.status === 'suspended') {
      const suspendedAt = daysAgo(faker.number.int({ min: 1, max: Math.max(2, (spec.decidedDaysAgo ?? 2) - 1) }))
      const reason = 'Suspended while the partner team reviews unpaid referral fees.'
      // The row pushed above: the suspension's time and reason, as suspendPartner records them.
      Object.assign(orgs[orgs.length - 1]!, { suspendedAt, suspensionReason: reason })
      event({
        type: 'org.suspended',
        actorId: vendorAdminId,
        orgId,
        subjectType: 'organization',
        subjectId: orgId,
        payload: { ...summary, orgId, reason },
        audience: { orgs: [orgId], vendor: true },
        createdAt: suspendedAt,
      })
    }
  }

  // One transaction, a handful of bulk inserts; events in the order they happened.
  events.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime())
  audits.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime())
  await db.transaction(async (tx) => {
    await tx.insert(organizations).values(orgs)
    await tx.insert(users).values(people)
    await tx.insert(memberships).values(members)
    await tx.insert(domainEvents).values(events)
    await tx.insert(auditLog).values(audits)
  })
  log(`  ${orgs.length - 1} partner organizations (${specs.filter((s) => s.status === 'applicant').length} waiting for review), ${people.length} users`)
}

export const foundationStep: SeedStep = {
  name: 'organizations and users',
  run: seedFoundation,
}
