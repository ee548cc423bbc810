import { beforeAll, expect, test } from 'vitest'
import { setSearchEngine } from '#search/engine.server.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { findPartners, FindPartnerSchema } from '#app/features/search/find-partner.server.ts'

beforeAll(async () => {
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  await engine.upsert(CONTRACT_DOCUMENTS)
})

test('need + region → partners ranked, each with the reasons it matched', async () => {
  const matches = await findPartners({ need: 'helthcare', region: 'EMEA' })
  // Both have an EMEA healthcare offering; Bluepeak ranks first on tier (platinum over gold).
  expect(matches.map((m) => m.name)).toEqual(['Bluepeak Cloud', 'Northwind Systems'])
  const [bluepeak, northwind] = matches
  expect(bluepeak!.reasons.map((r) => r.text)).toEqual(['Listing matching “helthcare” (Healthcare)', 'Works in Europe, Middle East and Africa', 'Platinum tier · Technology partner (ISV)'])
  expect(bluepeak!.reasons[0]!.links).toEqual([{ title: 'Healthcare Data Integration Suite', url: '/listings/health-data-suite' }])
  expect(northwind!.reasons[0]!.links).toEqual([{ title: 'Clinic Scheduling Assistant', url: '/listings/clinic-scheduling' }])
})

test('a profile match explains itself with the highlighted text', async () => {
  const matches = await findPartners({ need: 'MSP', region: 'NA', industry: 'retail' })
  expect(matches[0]!.name).toBe('Harbor IT')
  const profile = matches[0]!.reasons.find((r) => r.text.startsWith('Its profile mentions'))!
  expect(profile.parts!.filter((p) => p.match).map((p) => p.text)).toEqual(['MSP'])
  expect(matches[0]!.reasons.map((r) => r.text)).toContain('Serves Retail')
})

test('no need: partners in the region and industry by tier', async () => {
  const matches = await findPartners({ region: 'NA' })
  expect(matches.map((m) => m.name)).toEqual(['Northwind Systems', 'Harbor IT'])
})

test('input is validated with messages naming the bad value', () => {
  const bad = FindPartnerSchema.safeParse({ need: 'x', region: 'MARS', industry: 'mining' })
  expect(bad.success).toBe(false)
  expect(bad.error!.issues.map((i) => i.message)).toEqual([
    'Unknown region "MARS". Use one of: NA, LATAM, EMEA, APAC.',
    'Unknown industry "mining". Use one of: healthcare, financial_services, manufacturing, retail, public_sector, education, technology, energy, media, telecom.',
  ])
  expect(FindPartnerSchema.safeParse({ need: 'a'.repeat(201) }).success).toBe(false)
  expect(FindPartnerSchema.safeParse({ need: '', region: '', industry: '' })).toEqual({ success: true, data: {} })
})
