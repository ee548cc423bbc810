import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { hashSecret } from '#app/features/api/keys.server.ts'
import { db } from '#db/client.server.ts'
import { apiKeys, apiSettings, memberships, organizations, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'

const HOUR = 60 * 60 * 1000

/** The vendor's API limits in the demo: set (not the 1,200 defaults), so /admin/settings shows a saved choice. */
export const DEMO_API_LIMITS = { perKeyPerMinute: 600, perOrgPerMinute: 3_000 }

/**
 * Two API keys of Northwind Systems for /settings/api-keys: one in use, one revoked. Their secrets
 * are random and thrown away at once (only the fingerprint is stored), so nobody knows them; a
 * working key is made on that page, where it is shown once. And the vendor's API rate limits
 * (/admin/settings, "Public API rate limits"): 600 a minute per key, 3,000 per organization, set
 * by the vendor's admin three weeks ago.
 */
export const apiStep: SeedStep = {
  name: 'api keys',
  async run({ now, log }) {
    const [admin] = await db
      .select({ id: users.id, orgId: memberships.orgId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, DEMO_ACCOUNTS.northwindAdmin.email))
    if (!admin) return
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
    const unknowable = () => hashSecret(randomBytes(32).toString('base64url'))
    await db.insert(apiKeys).values(
      [
        {
          name: 'HubSpot sync',
          scopes: ['listings:read', 'referrals:write'],
          createdAt: ago(24 * 40),
          lastUsedAt: ago(2),
          lastUsedIp: '203.0.113.24',
          expiresAt: new Date(now.getTime() + 50 * 24 * HOUR),
        },
        { name: 'Old spreadsheet export', scopes: ['referrals:read'], createdAt: ago(24 * 120), lastUsedAt: ago(24 * 65), lastUsedIp: '198.51.100.7', revokedAt: ago(24 * 60), revokedBy: admin.id },
      ].map((k) => ({ ...k, orgId: admin.orgId, createdBy: admin.id, secretHash: unknowable() })),
    )
    const [vendorAdmin] = await db
      .select({ id: users.id, orgId: organizations.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(users.email, DEMO_ACCOUNTS.vendorAdmin.email))
    if (vendorAdmin) {
      await db
        .insert(apiSettings)
        .values({ orgId: vendorAdmin.orgId, ...DEMO_API_LIMITS, updatedBy: vendorAdmin.id, updatedAt: ago(24 * 21) })
        .onConflictDoNothing()
      log(`Seeded the API rate limits: ${DEMO_API_LIMITS.perKeyPerMinute} a minute per key, ${DEMO_API_LIMITS.perOrgPerMinute} per organization`)
    }
    log(`Seeded 2 API keys for ${DEMO_ACCOUNTS.northwindAdmin.org} (one revoked; their secrets are known to nobody)`)
  },
}
