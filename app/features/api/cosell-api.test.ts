import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { domainEvents, opportunities, opportunityStageHistory } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { countStatements } from '#db/query-stats.server.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { API_ENDPOINTS } from '#app/features/api/endpoints.server.ts'
import { serveApi } from '#app/features/api/http.server.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/** Co-sell over the API: one partner opens and invites, another joins and moves the stage; others see nothing. */
type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)
let owner: P
let guest: P
let outsider: P
let ownerKey: string
let guestKey: string
let outsiderKey: string
let vendorKey: string

beforeAll(async () => {
  const vendor = await createVendor()
  owner = await createPartner()
  guest = await createPartner()
  outsider = await createPartner()
  ;({ server, base } = await startApiServer())
  ownerKey = await apiKeyFor(owner.admin, ['cosell:write'])
  guestKey = await apiKeyFor(guest.admin, ['cosell:write'])
  outsiderKey = await apiKeyFor(outsider.admin, ['cosell:write'])
  vendorKey = await apiKeyFor(vendor.admin, ['cosell:read'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('co-sell over the API', () => {
  let id: string

  it('opens a co-sell; an unknown partner in the invites names the field and writes nothing', async () => {
    const bad = await call('POST', '/api/v1/cosell', { key: ownerKey, body: { accountName: 'Nothing Corp', invites: [{ partner: 'no-such-partner', role: 'technology' }] } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fieldErrors).toHaveProperty('partner')
    expect(await db.select().from(opportunities).where(eq(opportunities.accountName, 'Nothing Corp'))).toHaveLength(0)
    const created = await call('POST', '/api/v1/cosell', {
      key: ownerKey,
      body: { accountName: 'Cosell Corp', accountDomain: 'cosell-api.example', amount: 5_000_000, expectedCloseAt: '2027-03-31', stage: 'qualified' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ object: 'cosell', amount: 5_000_000, stage: 'qualified', expectedCloseAt: '2027-03-31', owner: { id: owner.org.id }, participants: [] })
    id = created.body.id
  })

  it('the owner invites a partner; the invited partner sees it, accepts and moves the stage with If-Match', async () => {
    const invited = await call('POST', `/api/v1/cosell/${id}/invitations`, { key: ownerKey, body: { partner: guest.org.slug, role: 'implementation', message: 'Join us?' } })
    expect(invited.status).toBe(200)
    expect(invited.body.participants).toMatchObject([{ org: { id: guest.org.id }, status: 'invited', role: 'implementation' }])
    const twice = await call('POST', `/api/v1/cosell/${id}/invitations`, { key: ownerKey, body: { partner: guest.org.slug, role: 'implementation' } })
    expect(twice.status).toBe(409)
    const seen = await call('GET', `/api/v1/cosell/${id}`, { key: guestKey })
    expect(seen.status).toBe(200)
    expect((await call('POST', `/api/v1/cosell/${id}/stage`, { key: guestKey, body: { stage: 'committed' } })).status).toBe(403)
    const joined = await call('POST', `/api/v1/cosell/${id}/response`, { key: guestKey, body: { decision: 'accept' } })
    expect(joined.body).toMatchObject({ object: 'cosell_participation', status: 'accepted' })
    const read = await call('GET', `/api/v1/cosell/${id}`, { key: guestKey })
    const stale = await call('POST', `/api/v1/cosell/${id}/stage`, { key: guestKey, body: { stage: 'committed' }, headers: { 'If-Match': seen.headers.get('etag')! } })
    expect(stale.status).toBe(412)
    const moved = await call('POST', `/api/v1/cosell/${id}/stage`, { key: guestKey, body: { stage: 'committed' }, headers: { 'If-Match': read.headers.get('etag')! } })
    expect(moved.status).toBe(200)
    expect(moved.body.stage).toBe('committed')
    const badStage = await call('POST', `/api/v1/cosell/${id}/stage`, { key: guestKey, body: { stage: 'done' } })
    expect(badStage.status).toBe(400)
    expect(badStage.body.error.fieldErrors).toHaveProperty('stage')
  })

  it('lists it for the owner, the guest and the vendor, by last change and with updated_since; never for another partner', async () => {
    for (const key of [ownerKey, guestKey, vendorKey]) {
      const list = await call('GET', '/api/v1/cosell?limit=100', { key })
      expect(list.status).toBe(200)
      expect(list.body.data.map((o: { id: string }) => o.id)).toContain(id)
    }
    const since = await call('GET', `/api/v1/cosell?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { key: ownerKey })
    expect(since.body.data).toHaveLength(0)
    const other = await call('GET', '/api/v1/cosell?limit=100', { key: outsiderKey })
    expect(other.body.data.map((o: { id: string }) => o.id)).not.toContain(id)
    expect((await call('GET', `/api/v1/cosell/${id}`, { key: outsiderKey })).status).toBe(404)
    expect((await call('POST', `/api/v1/cosell/${id}/stage`, { key: outsiderKey, body: { stage: 'won' } })).status).toBe(404)
    expect((await call('POST', `/api/v1/cosell/${id}/invitations`, { key: outsiderKey, body: { partner: outsider.org.slug, role: 'referral' } })).status).toBe(404)
    expect((await call('POST', `/api/v1/cosell/${id}/response`, { key: outsiderKey, body: { decision: 'accept' } })).status).toBe(404)
  })

  it("a read-only key may list but not write (403 naming cosell:write); the vendor's read key too", async () => {
    const readOnly = await apiKeyFor(owner.admin, ['cosell:read'])
    const refused = await call('POST', `/api/v1/cosell/${id}/stage`, { key: readOnly, body: { stage: 'won' } })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'cosell:write' })
    expect((await call('POST', '/api/v1/cosell', { key: vendorKey, body: { accountName: 'X' } })).body.error.missingScope).toBe('cosell:write')
  })

  it('a page of co-sells is read with a set query: the statements per request do not grow with the page (no N+1)', async () => {
    const key = await apiKeyFor(owner.admin, ['cosell:read'], 'Statement budget')
    const statements = async () => {
      const request = new Request('http://localhost/api/v1/cosell?limit=100', { headers: { Authorization: `Bearer ${key}` } })
      const { result, stats } = await countStatements(() => serveApi(request, null, API_ENDPOINTS.listCosell))
      expect(result.status).toBe(200)
      return { statements: stats.statements, items: ((await result.json()) as { data: unknown[] }).data.length }
    }
    await statements() // the key's first use in this minute also writes the audit record
    const few = await statements()
    for (let n = 0; n < 12; n++) {
      await openCosell(owner.admin, {
        accountName: `Budget ${n}`,
        accountDomain: `budget-${n}.example.com`,
        amount: '1,000',
        stage: 'qualified',
        invites: [{ partner: guest.org.slug, role: 'technology' }],
      })
    }
    const many = await statements()
    expect(many.items).toBe(few.items + 12)
    expect(many.statements).toBe(few.statements)
    // One for the key (its lookup, rate-limit windows, use counter and last use: api_authenticate), one for the page.
    expect(many.statements).toBeLessThanOrEqual(2)
  })

  it("If-Match is checked in the update's transaction: two concurrent changes with the same ETag, exactly one wins, the other is 412 and writes nothing", async () => {
    const opened = await call('POST', '/api/v1/cosell', { key: ownerKey, body: { accountName: 'Race Corp', accountDomain: 'race.example', stage: 'qualified' } })
    const raceId = opened.body.id as string
    const etag = (await call('GET', `/api/v1/cosell/${raceId}`, { key: ownerKey })).headers.get('etag')!
    for (let round = 0; round < 3; round++) {
      const read = round === 0 ? etag : (await call('GET', `/api/v1/cosell/${raceId}`, { key: ownerKey })).headers.get('etag')!
      const stages = round % 2 === 0 ? ['committed', 'technical_validation'] : ['qualified', 'business_validation']
      const historyBefore = await db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, raceId))
      const eventsBefore = await db.select().from(domainEvents).where(eq(domainEvents.subjectId, raceId))
      const answers = await Promise.all(stages.map((stage) => call('POST', `/api/v1/cosell/${raceId}/stage`, { key: ownerKey, body: { stage }, headers: { 'If-Match': read } })))
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412])
      const won = answers.find((a) => a.status === 200)!
      const lost = answers.find((a) => a.status === 412)!
      // The loser is told the winner's version, and nothing of its own change was written.
      expect(lost.body.error.currentEtag).toBe(won.headers.get('etag'))
      const [row] = await db.select().from(opportunities).where(eq(opportunities.id, raceId))
      expect(row!.stage).toBe(won.body.stage)
      expect(await db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, raceId))).toHaveLength(historyBefore.length + 1)
      expect(await db.select().from(domainEvents).where(eq(domainEvents.subjectId, raceId))).toHaveLength(eventsBefore.length + 1)
    }
    // A malformed or foreign ETag never matches; `*` matches any current version.
    expect((await call('POST', `/api/v1/cosell/${raceId}/stage`, { key: ownerKey, body: { stage: 'won' }, headers: { 'If-Match': '"nope"' } })).status).toBe(412)
    expect((await call('POST', `/api/v1/cosell/${raceId}/stage`, { key: ownerKey, body: { stage: 'won' }, headers: { 'If-Match': '*' } })).status).toBe(200)
  })
})
