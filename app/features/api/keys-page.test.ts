import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { apiKeys } from '#db/schema/index.ts'
import { createPartner } from '#tests/factories/index.ts'
import { postToAction } from '#tests/support/route.ts'
import type { Actor } from '#app/features/auth/actor.ts'

/** /settings/api-keys: the create form answers with errors beside its fields (Conform), and nothing is written on a refusal. */
describe('/settings/api-keys action', () => {
  let org: Awaited<ReturnType<typeof createPartner>>
  let other: Awaited<ReturnType<typeof createPartner>>
  beforeAll(async () => {
    org = await createPartner()
    other = await createPartner()
  })
  const post = async (actor: Actor, values: Record<string, string>) => {
    const { action } = await import('#app/routes/settings.api-keys.tsx')
    return postToAction(action, '/settings/api-keys', actor, values)
  }
  const keysOf = (orgId: string) => db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId))

  it('a short name and no access come back beside their fields; nothing is written', async () => {
    const bad = await post(org.admin, { intent: 'create', name: 'x', 'access.referrals': 'none', expiresInDays: '30' })
    expect(bad.init?.status).toBe(400)
    expect(bad.data?.error?.name?.[0]).toMatch(/at least 2 characters/)
    expect(bad.data?.error?.access?.[0]).toMatch(/at least one thing/)
    expect(bad.data?.initialValue?.name).toBe('x')
    const forged = await post(org.admin, { intent: 'create', name: 'Forged', 'access.referrals': 'admin' })
    expect(forged.init?.status).toBe(400)
    expect(forged.data?.error?.['access.referrals']?.[0]).toBeTruthy()
    expect(await keysOf(org.org.id)).toHaveLength(0)
  })

  it('a good form creates the key and shows its secret once', async () => {
    const ok = await post(org.admin, { intent: 'create', name: 'HubSpot sync', 'access.referrals': 'write', 'access.listings': 'read', expiresInDays: '30' })
    const created = ok.data as { created?: { name: string; secret: string } }
    expect(created.created?.name).toBe('HubSpot sync')
    expect(created.created?.secret).toMatch(/^ph_live_/)
    const [key] = await keysOf(org.org.id)
    expect(key?.scopes).toEqual(['listings:read', 'referrals:write'])
    expect(key?.expiresAt).toBeTruthy()
  })

  it('a member may not create keys; a forged or other organization key id is refused', async () => {
    expect((await post(org.member, { intent: 'create', name: 'Member key', 'access.referrals': 'read' })).status).toBe(403)
    expect((await post(org.admin, { intent: 'revoke', keyId: '' })).status).toBe(400)
    const [key] = await keysOf(org.org.id)
    const foreign = await post(other.admin, { intent: 'revoke', keyId: key!.id })
    expect(foreign.status).toBe(302)
    expect((await keysOf(org.org.id))[0]?.revokedAt).toBeNull()
    const revoked = await post(org.admin, { intent: 'revoke', keyId: key!.id })
    expect(revoked.status).toBe(302)
    expect((await keysOf(org.org.id))[0]?.revokedAt).toBeTruthy()
  })
})
