import fs from 'node:fs'
import { eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { opportunities, opportunityParticipants } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { mapExport, readAmount, readDate } from '#app/features/api/crm-mapping.ts'
import { syncCrmExport, type SyncProgress } from '#app/features/api/crm-sync.ts'
import { apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/** The CRM sync of docs/crm-sync.md on fixture exports of both CRMs, through the real API. */
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
let vendorKey: string
let partner: Awaited<ReturnType<typeof createPartner>>
// The fixtures name the demo partner; the test's partner stands in for it.
const fixture = (name: string) => fs.readFileSync(`tests/fixtures/crm/${name}`, 'utf8').replaceAll('cobalt-ridge-advisory', partner.org.slug)

beforeAll(async () => {
  const vendor = await createVendor()
  partner = await createPartner()
  ;({ server, base } = await startApiServer())
  vendorKey = await apiKeyFor(vendor.admin, ['opportunities:write'])
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('the mapping', () => {
  it('reads dates and amounts as the CRMs export them', () => {
    expect(readDate('2026-09-30 14:00')).toBe('2026-09-30')
    expect(readDate('9/3/2026')).toBe('2026-09-03')
    expect(readDate('soon')).toBeNull()
    expect(readAmount('48,000.50')).toBe(4_800_050)
    expect(readAmount('$90000')).toBe(9_000_000)
    expect(readAmount('')).toBe(0)
    expect(readAmount('n/a')).toBeNull()
  })

  it('detects each format and maps stages of the default pipelines; an unknown stage is a row error', () => {
    const sf = mapExport(fixture('salesforce-opportunities.csv'))
    expect(sf.format).toBe('salesforce')
    expect(sf.rows.map((r) => (r.ok ? r.value.body.stage : 'error'))).toEqual(['prospect', 'committed', 'won', 'lost', 'error'])
    const hs = mapExport(fixture('hubspot-deals.csv'))
    expect(hs.format).toBe('hubspot')
    expect(hs.rows.map((r) => (r.ok ? r.value.body.stage : 'error'))).toEqual(['prospect', 'committed', 'won', 'error'])
    const [first] = hs.rows
    expect(first).toMatchObject({
      ok: true,
      value: { externalId: '9001', body: { accountName: 'Vandelay Industries', accountDomain: 'vandelay-hs.example', amount: 750_000, closeDate: '2027-02-28' } },
    })
    expect(() => mapExport('a,b\n1,2\n')).toThrow(/Not a Salesforce or HubSpot/)
  })
})

describe('npm run crm:sync against the API', () => {
  it('upserts a Salesforce export with progress, and a second run changes nothing and a changed row is an update', async () => {
    const progress: SyncProgress[] = []
    const first = await syncCrmExport(fixture('salesforce-opportunities.csv'), { baseUrl: base, apiKey: vendorKey, onProgress: (p) => progress.push(p) })
    expect(first).toMatchObject({ format: 'salesforce', total: 5, created: 4, updated: 0 })
    expect(first.refused).toMatchObject([{ row: 5 }])
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5])
    const rows = await db.select().from(opportunities).where(like(opportunities.importKey, 'crm:0065g00000SfA%'))
    expect(rows).toHaveLength(4)
    const won = rows.find((r) => r.importKey === 'crm:0065g00000SfA3AAA')!
    expect(won).toMatchObject({ stage: 'won', amount: 9_000_000, accountDomain: 'umbrella-sf.example' })
    expect(won.closedAt!.toISOString()).toBe('2026-11-30T00:00:00.000Z')
    expect(won.createdAt.toISOString()).toBe('2026-06-01T08:00:00.000Z')
    const touches = await db.select().from(opportunityParticipants).where(eq(opportunityParticipants.opportunityId, won.id))
    expect(touches).toMatchObject([{ orgId: partner.org.id, status: 'accepted' }])
    const again = await syncCrmExport(fixture('salesforce-opportunities.csv'), { baseUrl: base, apiKey: vendorKey })
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 })
    // A changed row in the export is an update.
    const changed = await syncCrmExport(fixture('salesforce-opportunities.csv').replace('"12500.00"', '"13000.00"'), { baseUrl: base, apiKey: vendorKey })
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 3 })
    expect(await db.select().from(opportunities).where(like(opportunities.importKey, 'crm:0065g00000SfA%'))).toHaveLength(4)
  })

  it('upserts a HubSpot export; the bad amount row is reported, not sent', async () => {
    const result = await syncCrmExport(fixture('hubspot-deals.csv'), { baseUrl: base, apiKey: vendorKey })
    expect(result).toMatchObject({ format: 'hubspot', total: 4, created: 3 })
    expect(result.refused[0]!.reasons.join(' ')).toMatch(/Amount/)
    const [deal] = await db.select().from(opportunities).where(eq(opportunities.importKey, 'crm:9002'))
    expect(deal).toMatchObject({ stage: 'committed', amount: 2_200_000, accountName: 'Pied Piper' })
  })

  it("stops with the API's message when the key may not sync", async () => {
    const partnerKey = await apiKeyFor(partner.admin, ['opportunities:write'])
    await expect(syncCrmExport(fixture('hubspot-deals.csv'), { baseUrl: base, apiKey: partnerKey })).rejects.toThrow(/vendor's keys/)
  })
})
