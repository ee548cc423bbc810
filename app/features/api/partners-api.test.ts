import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { PartnerSchema } from '#app/features/api/schemas.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/** The partner directory over the API: active partners' public profile fields, for any organization's key with partners:read. */
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)

beforeAll(async () => {
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('GET /api/v1/partners', () => {
  it('lists active partners with public profile fields only; never applicants, rejected or suspended ones, nor the vendor', async () => {
    const vendor = await createVendor()
    const me = await createPartner({ name: 'Directory Reader' })
    const other = await createPartner({ name: 'Listed Partner' })
    const applicant = await createPartner({ name: 'Pending Applicant', status: 'applicant' })
    const suspended = await createPartner({ name: 'Suspended Partner' })
    await db.update(organizations).set({ status: 'suspended', suspensionReason: 'Private reason', updatedAt: new Date() }).where(eq(organizations.id, suspended.org.id))
    const key = await apiKeyFor(me.admin, ['partners:read'])
    const page = await call('GET', '/api/v1/partners?limit=100', { key })
    expect(page.status).toBe(200)
    const ids = page.body.data.map((p: { id: string }) => p.id)
    expect(ids).toEqual(expect.arrayContaining([me.org.id, other.org.id]))
    for (const hidden of [applicant.org.id, suspended.org.id, vendor.org.id]) expect(ids).not.toContain(hidden)
    // Exactly the documented public fields (strict schema): no reasons, import keys or people.
    for (const partner of page.body.data) expect(PartnerSchema.safeParse(partner).success).toBe(true)
    expect(JSON.stringify(page.body)).not.toMatch(/Private reason|suspension|rejection|importKey|email/i)
    // The vendor's keys read the same directory.
    const vendorKey = await apiKeyFor(vendor.admin, ['partners:read'])
    expect((await call('GET', '/api/v1/partners?limit=100', { key: vendorKey })).body.data.map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort())
  })

  it('needs the partners:read scope, pages with cursors and refuses unknown parameters', async () => {
    const p = await createPartner()
    const wrong = await apiKeyFor(p.admin, ['listings:read'])
    const refused = await call('GET', '/api/v1/partners', { key: wrong })
    expect(refused.status).toBe(403)
    expect(refused.body.error.missingScope).toBe('partners:read')
    const key = await apiKeyFor(p.admin, ['partners:write'])
    const first = await call('GET', '/api/v1/partners?limit=1', { key })
    expect(first.body.data).toHaveLength(1)
    expect(first.body.hasMore).toBe(true)
    const second = await call('GET', `/api/v1/partners?limit=1&cursor=${first.body.nextCursor}`, { key })
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id)
    const bad = await call('GET', '/api/v1/partners?tier=gold', { key })
    expect(bad.status).toBe(400)
    expect((await call('GET', '/api/v1/partners')).status).toBe(401)
  })
})
