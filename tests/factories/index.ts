import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import type { Actor } from '#app/features/auth/actor.ts'
import { hashPassword } from '#app/features/auth/password.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { createId } from '#app/utils/id.ts'
import { db } from '#db/client.server.ts'
import { memberships, organizations, users, type OrgStatus, type PartnerType, type Role, type Tier } from '#db/schema/index.ts'

export const TEST_PASSWORD = 'correct horse battery staple'
let cachedHash: string | undefined
async function passwordHash() {
  cachedHash ??= await hashPassword(TEST_PASSWORD)
  return cachedHash
}

export type OrgInput = {
  name?: string
  kind?: 'vendor' | 'partner'
  status?: OrgStatus
  partnerType?: PartnerType | null
  tier?: Tier | null
  regions?: string[]
  industries?: string[]
  approvedAt?: Date | null
}

export async function createOrg(input: OrgInput = {}) {
  const kind = input.kind ?? 'partner'
  const name = input.name ?? `${faker.company.name()} ${createId(4)}`
  const [org] = await db
    .insert(organizations)
    .values({
      kind,
      name,
      slug: `${name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}-${createId(4)}`,
      status: input.status ?? 'active',
      partnerType: kind === 'partner' ? (input.partnerType === undefined ? 'systems_integrator' : input.partnerType) : null,
      tier: kind === 'partner' ? (input.tier === undefined ? 'gold' : input.tier) : null,
      regions: input.regions ?? ['EMEA'],
      industries: input.industries ?? ['healthcare'],
      approvedAt: input.approvedAt === undefined ? ((input.status ?? 'active') === 'active' ? new Date('2025-01-01T00:00:00Z') : null) : input.approvedAt,
      website: 'https://example.com',
    })
    .returning()
  return org!
}

export async function createUserIn(orgId: string, role: Role, input: { email?: string; name?: string } = {}): Promise<Actor> {
  const email = (input.email ?? `${createId(8)}@example.test`).toLowerCase()
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name ?? faker.person.fullName(), passwordHash: await passwordHash() })
    .returning()
  await db.insert(memberships).values({ orgId, userId: user!.id, role })
  return (await loadActor(user!.id))!
}

/** The vendor org with an admin and a member. */
export async function createVendor() {
  const existing = await db.select().from(organizations).where(eq(organizations.kind, 'vendor'))
  const org = existing[0] ?? (await createOrg({ kind: 'vendor', name: 'Vendor Co', status: 'active' }))
  const admin = await createUserIn(org.id, 'vendor_admin')
  const member = await createUserIn(org.id, 'vendor_member')
  return { org, admin, member }
}

/** An active partner org with an admin and a member. */
export async function createPartner(input: OrgInput = {}) {
  const org = await createOrg({ ...input, kind: 'partner' })
  const admin = await createUserIn(org.id, 'partner_admin')
  const member = await createUserIn(org.id, 'partner_member')
  return { org, admin, member }
}
