import { faker } from '@faker-js/faker'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '#app/features/auth/password.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { db, queryRows } from '#db/client.server.ts'
import { INDUSTRIES, PARTNER_TYPES, REGIONS, TIERS, organizations, users } from '#db/schema/index.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedFoundation } from '#db/seed/steps/foundation.ts'

describe('foundation seed', () => {
  beforeAll(async () => {
    faker.seed(20261122)
    await seedFoundation({ faker, now: new Date('2026-11-22T00:00:00Z'), log: () => {} })
  })

  it('creates one active vendor and at least 60 partners covering every type, tier, region and industry', async () => {
    const orgs = await db.select().from(organizations)
    const vendors = orgs.filter((o) => o.kind === 'vendor')
    expect(vendors).toHaveLength(1)
    expect(vendors[0]!.status).toBe('active')
    const partners = orgs.filter((o) => o.kind === 'partner')
    expect(partners.length).toBeGreaterThanOrEqual(60)
    const active = partners.filter((o) => o.status === 'active')
    expect(new Set(active.map((o) => o.partnerType))).toEqual(new Set(PARTNER_TYPES))
    expect(new Set(active.map((o) => o.tier))).toEqual(new Set(TIERS))
    expect(new Set(active.flatMap((o) => o.regions))).toEqual(new Set(REGIONS))
    expect(new Set(active.flatMap((o) => o.industries))).toEqual(new Set(INDUSTRIES))
    const statuses = partners.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {})
    expect(statuses.applicant).toBeGreaterThanOrEqual(3)
    expect(statuses.suspended).toBeGreaterThanOrEqual(1)
    expect(statuses.rejected).toBeGreaterThanOrEqual(1)
    for (const o of partners) {
      expect(o.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(o.website).toMatch(/^https:\/\//)
      expect(o.description!.length).toBeGreaterThan(40)
      expect(o.skills.length).toBeGreaterThan(0)
      if (o.status === 'active') expect(o.approvedAt).toBeInstanceOf(Date)
      if (o.status === 'applicant') expect(o.approvedAt).toBeNull()
      if (o.status === 'rejected') expect(o.rejectionReason).toBeTruthy()
    }
    const approved = active.map((o) => o.approvedAt!.getTime())
    const twoYears = 2 * 365 * 24 * 60 * 60 * 1000
    const now = new Date('2026-11-22T00:00:00Z').getTime()
    expect(Math.min(...approved)).toBeGreaterThan(now - twoYears)
    expect(Math.max(...approved) - Math.min(...approved)).toBeGreaterThan(twoYears / 2)
  })

  it('gives every partner an admin, and most of them members', async () => {
    const rows = await queryRows<{ id: string; admins: number; members: number }>(
      db,
      sql`select o.id, count(*) filter (where m.role = 'partner_admin')::int as admins,
                 count(*) filter (where m.role = 'partner_member')::int as members
          from organizations o left join memberships m on m.org_id = o.id
          where o.kind = 'partner' group by o.id`,
    )
    expect(rows.every((r) => r.admins >= 1)).toBe(true)
    expect(rows.filter((r) => r.members >= 1).length).toBeGreaterThan(rows.length / 2)
  })

  it('creates the demo logins with their roles and the demo password', async () => {
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const [user] = await db.select().from(users).where(eq(users.email, account.email))
      expect(user, account.email).toBeDefined()
      const actor = await loadActor(user!.id)
      expect(actor!.role).toBe(account.role)
      expect(actor!.orgStatus).toBe('active')
    }
    const [northwind] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@northwind.test'))
    const nw = await loadActor(northwind!.id)
    expect(nw!.orgName).toBe('Northwind Systems')
    const [org] = await db.select().from(organizations).where(eq(organizations.id, nw!.orgId))
    expect([org!.partnerType, org!.tier]).toEqual(['systems_integrator', 'gold'])
    const [bluepeak] = await db.select({ id: users.id, hash: users.passwordHash }).from(users).where(eq(users.email, 'admin@bluepeak.test'))
    const bp = await loadActor(bluepeak!.id)
    const [bpOrg] = await db.select().from(organizations).where(eq(organizations.id, bp!.orgId))
    expect([bpOrg!.name, bpOrg!.partnerType, bpOrg!.tier]).toEqual(['Bluepeak Cloud', 'technology', 'platinum'])
    expect(await verifyPassword(bluepeak!.hash, DEMO_PASSWORD)).toBe(true)
    expect(await verifyPassword(bluepeak!.hash, 'wrong password')).toBe(false)
  })

  it('records the applications and decisions as domain events, in the order they happened', async () => {
    const rows = await queryRows<{ type: string; n: number }>(db, sql`select type, count(*)::int as n from domain_events group by type`)
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]))
    const partners = await db.select().from(organizations).where(eq(organizations.kind, 'partner'))
    expect(byType['org.applied']).toBe(partners.length)
    expect(byType['org.approved']).toBe(partners.filter((o) => o.status === 'active' || o.status === 'suspended').length)
    const [order] = await queryRows<{ out_of_order: number }>(
      db,
      sql`select count(*)::int as out_of_order from (
            select created_at < lag(created_at) over (order by id) as bad from domain_events) x where bad`,
    )
    expect(order!.out_of_order).toBe(0)
  })
})
