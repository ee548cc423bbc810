import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { evaluateAll } from '#app/features/programs/evaluation.server.ts'
import { createTrack, saveTier } from '#app/features/programs/programs.server.ts'
import { PartnerSchema } from '#app/features/api/schemas.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/**
 * GET /api/v1/partners[/{id}] over real HTTP: the partner directory (active partners, public
 * profile fields only, for any organization's key with partners:read), each item with its program
 * standing only where the key may see it (the vendor's keys: every partner; a partner's key: its
 * own organization; elsewhere the field is absent); an id that is not an active partner is a 404;
 * the scope is required; bad query parameters are named.
 */

type P = Awaited<ReturnType<typeof createPartner>>
type Item = { id: string; standing?: unknown }
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: P
let beta: P
let tierId: string
const call = apiCaller(() => base)
const ids = (body: { data: Item[] }) => body.data.map((p) => p.id)

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: 'API Alpha', partnerType: 'referral' })
  beta = await createPartner({ name: 'API Beta', partnerType: 'referral' })
  const track = await createTrack(vendor.admin, { name: 'Referral API', partnerTypes: ['referral'] })
  tierId = (
    await saveTier(vendor.admin, track.id, null, {
      name: 'Registered',
      rank: '1',
      orgTier: 'registered',
      feeType: 'none',
      discountPercent: '0',
      mdfAmount: '0',
      mdfCurrency: 'USD',
      mdfPeriod: 'quarter',
      cosellPriority: 'standard',
      threshold_referrals_sent: '3',
      window_referrals_sent: '365',
    })
  ).id
  await evaluateAll()
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('GET /api/v1/partners: the directory', () => {
  it('lists active partners with public profile fields only; never applicants, rejected or suspended ones, nor the vendor', async () => {
    const me = await createPartner({ name: 'Directory Reader' })
    const other = await createPartner({ name: 'Listed Partner' })
    const applicant = await createPartner({ name: 'Pending Applicant', status: 'applicant' })
    const suspended = await createPartner({ name: 'Suspended Partner' })
    await db.update(organizations).set({ status: 'suspended', suspensionReason: 'Private reason', updatedAt: new Date() }).where(eq(organizations.id, suspended.org.id))
    const key = await apiKeyFor(me.admin, ['partners:read'])
    const page = await call('GET', '/api/v1/partners?limit=100', { key })
    expect(page.status).toBe(200)
    const listed = ids(page.body)
    expect(listed).toEqual(expect.arrayContaining([me.org.id, other.org.id, alpha.org.id, beta.org.id]))
    for (const hidden of [applicant.org.id, suspended.org.id, vendor.org.id]) expect(listed).not.toContain(hidden)
    // Exactly the documented public fields (strict schema): no reasons, import keys or people.
    for (const partner of page.body.data) expect(PartnerSchema.safeParse(partner).success).toBe(true)
    expect(JSON.stringify(page.body)).not.toMatch(/Private reason|suspension|rejection|importKey|email/i)
    // Not one hidden partner is readable by id either, whoever asks.
    const vendorKey = await apiKeyFor(vendor.admin, ['partners:read'])
    for (const k of [key, vendorKey]) {
      for (const hidden of [applicant.org.id, suspended.org.id, vendor.org.id, 'no-such-id']) {
        const one = await call('GET', `/api/v1/partners/${hidden}`, { key: k })
        expect(one.status).toBe(404)
        expect(one.body.error.code).toBe('not_found')
        expect(JSON.stringify(one.body)).not.toMatch(/Pending Applicant|Suspended Partner|Private reason/)
      }
    }
    // The vendor's keys read the same directory.
    expect(ids((await call('GET', '/api/v1/partners?limit=100', { key: vendorKey })).body).sort()).toEqual([...listed].sort())
    // A suspended partner's own key no longer finds itself.
    const suspendedKey = await apiKeyFor(suspended.admin, ['partners:read'])
    const self = await call('GET', `/api/v1/partners/${suspended.org.id}`, { key: suspendedKey })
    expect([403, 404]).toContain(self.status)
  })

  it('needs the partners:read scope, pages with cursors and refuses unknown parameters', async () => {
    const p = await createPartner()
    const wrong = await apiKeyFor(p.admin, ['listings:read'])
    const refused = await call('GET', '/api/v1/partners', { key: wrong })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'partners:read' })
    expect((await call('GET', `/api/v1/partners/${alpha.org.id}`, { key: wrong })).status).toBe(403)
    const key = await apiKeyFor(p.admin, ['partners:write'])
    const first = await call('GET', '/api/v1/partners?limit=1', { key })
    expect(first.body.data).toHaveLength(1)
    expect(first.body.hasMore).toBe(true)
    const second = await call('GET', `/api/v1/partners?limit=1&cursor=${first.body.nextCursor}`, { key })
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id)
    expect((await call('GET', '/api/v1/partners?tier=gold', { key })).status).toBe(400)
    const bad = await call('GET', '/api/v1/partners?limit=0&colour=red', { key })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.fieldErrors)).toEqual(expect.arrayContaining(['limit', 'colour']))
    expect((await call('GET', '/api/v1/partners?cursor=nonsense', { key })).body.error.code).toBe('invalid_cursor')
    expect((await call('POST', '/api/v1/partners', { key, body: {} })).status).toBe(405)
    expect((await call('POST', `/api/v1/partners/${alpha.org.id}`, { key, body: {} })).status).toBe(405)
    expect((await call('GET', '/api/v1/partners')).status).toBe(401)
  })

  it('updated_since returns the partners changed since', async () => {
    const key = await apiKeyFor(vendor.admin, ['partners:read'])
    const since = new Date(Date.now() + 1000)
    await new Promise((r) => setTimeout(r, 1100))
    const changed = await createPartner({ name: 'Changed Lately' })
    const page = await call('GET', `/api/v1/partners?limit=100&updated_since=${encodeURIComponent(since.toISOString())}`, { key })
    expect(page.status).toBe(200)
    expect(ids(page.body)).toContain(changed.org.id)
    expect(ids(page.body)).not.toContain(alpha.org.id)
  })
})

describe('program standings in the directory: who sees them', () => {
  it("the vendor's key sees every partner's standing, in the list and by id", async () => {
    const key = await apiKeyFor(vendor.admin, ['partners:read'])
    const list = await call('GET', '/api/v1/partners?limit=100', { key })
    expect(list.status).toBe(200)
    const a = list.body.data.find((p: Item) => p.id === alpha.org.id)
    expect(a).toMatchObject({ object: 'partner', name: 'API Alpha', partnerType: 'referral', standing: { track: { name: 'Referral API' }, currentTier: null, qualifiedTier: null } })
    expect(a.standing.requirements).toEqual([{ requirementId: expect.any(String), tierId, metric: 'referrals_sent', threshold: 3, windowDays: 365, value: 0, met: false, gap: 3 }])
    // Every item carries the field for the vendor (null: not evaluated yet).
    for (const p of list.body.data as Item[]) expect(p).toHaveProperty('standing')
    const one = await call('GET', `/api/v1/partners/${beta.org.id}`, { key })
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ id: beta.org.id, object: 'partner', name: 'API Beta', standing: { track: { name: 'Referral API' } } })
    expect(PartnerSchema.safeParse(one.body).success).toBe(true)
    expect(one.headers.get('etag')).toBeTruthy()
  })

  it("a partner's key sees the whole directory but only its own organization's standing", async () => {
    const key = await apiKeyFor(alpha.admin, ['partners:read'])
    const list = await call('GET', '/api/v1/partners?limit=100', { key })
    expect(list.status).toBe(200)
    expect(ids(list.body)).toEqual(expect.arrayContaining([alpha.org.id, beta.org.id]))
    for (const p of list.body.data as Item[]) {
      if (p.id === alpha.org.id) expect(p.standing).toMatchObject({ track: { name: 'Referral API' } })
      else expect(p).not.toHaveProperty('standing')
    }
    const own = await call('GET', `/api/v1/partners/${alpha.org.id}`, { key })
    expect(own.status).toBe(200)
    expect(own.body.standing).toMatchObject({ track: { name: 'Referral API' } })
    // Another partner: its public profile, never its standing.
    const other = await call('GET', `/api/v1/partners/${beta.org.id}`, { key })
    expect(other.status).toBe(200)
    expect(other.body).toMatchObject({ id: beta.org.id, name: 'API Beta' })
    expect(other.body).not.toHaveProperty('standing')
    expect(JSON.stringify(other.body)).not.toMatch(/Referral API|requirements|referrals_sent/)
    expect((await call('GET', `/api/v1/partners/${vendor.org.id}`, { key })).status).toBe(404)
  })
})
