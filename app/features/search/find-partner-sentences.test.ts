/**
 * Find-a-partner on needs written as sentences, over real organizations (skills, industries,
 * regions from the database) and the documents the index builds from them.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, expect, test } from 'vitest'
import { db } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { partnerDocuments } from '#search/documents.server.ts'
import { setSearchEngine } from '#search/engine.server.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { documentId, type SearchDocument } from '#search/types.ts'
import { createOrg } from '#tests/factories/index.ts'
import { findPartners, planNeed } from '#app/features/search/find-partner.server.ts'

type Org = Awaited<ReturnType<typeof createOrg>>
const orgs: Record<string, Org> = {}

function listing(org: Org, slug: string, title: string, summary: string, kind: SearchDocument['kind'] = 'listing'): SearchDocument {
  return {
    id: documentId(kind, slug),
    kind,
    entityId: slug,
    slug,
    title,
    summary,
    body: '',
    keywords: '',
    orgId: org.id,
    orgName: org.name,
    type: org.partnerType,
    tier: org.tier,
    regions: org.regions,
    industries: org.industries,
    categories: [],
    url: `/listings/${slug}`,
    publishedAt: '2026-01-01T00:00:00.000Z',
  }
}

beforeAll(async () => {
  const make = async (key: string, input: Parameters<typeof createOrg>[0] & { skills: string[]; tagline: string }) => {
    const { skills, tagline, ...rest } = input
    const org = await createOrg(rest)
    await db.update(organizations).set({ skills, tagline }).where(eq(organizations.id, org.id))
    orgs[key] = { ...org, skills, tagline }
  }
  await make('meridian', {
    name: 'Meridian Data',
    partnerType: 'technology',
    tier: 'gold',
    industries: ['healthcare'],
    regions: ['NA'],
    skills: ['Snowflake', 'Data engineering'],
    tagline: 'Analytics platforms for providers',
  })
  await make('summit', {
    name: 'Summit Health IT',
    partnerType: 'systems_integrator',
    tier: 'silver',
    industries: ['healthcare'],
    regions: ['EMEA'],
    skills: ['Epic', 'HIPAA compliance'],
    tagline: 'Clinical systems done right',
  })
  await make('cobalt', {
    name: 'Cobalt Retail Ops',
    partnerType: 'msp',
    tier: 'platinum',
    industries: ['retail'],
    regions: ['NA'],
    skills: ['Point of sale'],
    tagline: 'Store operations around the clock',
  })
  await make('ironclad', {
    name: 'Ironclad Cyber',
    partnerType: 'msp',
    tier: 'registered',
    industries: ['financial_services'],
    regions: ['EMEA'],
    skills: ['Zero trust'],
    tagline: 'Round-the-clock SOC for regulated firms',
  })
  await make('azurite', {
    name: 'Azurite Consulting',
    partnerType: 'systems_integrator',
    tier: 'gold',
    industries: ['manufacturing'],
    regions: ['APAC'],
    skills: ['Azure'],
    tagline: 'Factories on Microsoft',
  })
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  await engine.upsert([
    ...(await partnerDocuments(db, { ids: Object.values(orgs).map((o) => o.id) })),
    listing(orgs.meridian!, 'snowflake-hospitals', 'Snowflake migration for hospitals', 'Move your clinical data warehouse to AWS in twelve weeks.'),
    listing(orgs.cobalt!, 'store-ops', 'Store operations desk', 'Point of sale support for retail chains.'),
    listing(orgs.summit!, 'epic-go-live', 'Epic go-live support', 'Implementation support for hospitals going live on Epic.', 'integration'),
  ])
})

test('a need is read as terms: stop words dropped, words stemmed, vocabulary phrases kept together', async () => {
  const terms = await planNeed('We need a partner to migrate our healthcare data warehouse to the cloud')
  expect(terms.map((t) => t.text)).toEqual(['migrate', 'healthcare', 'data warehouse', 'cloud'])
  expect(terms[0]!.queries).toContain('migrat')
  expect(terms[2]!.queries).toEqual(expect.arrayContaining(['data warehous', 'snowflak', 'bigqueri']))
  expect(terms[3]!.queries).toEqual(expect.arrayContaining(['cloud', 'aws', 'azur', 'gcp']))
})

test('"migrate our healthcare data warehouse to the cloud": partial matches ranked by how much of the need they cover', async () => {
  const matches = await findPartners({ need: 'migrate our healthcare data warehouse to the cloud' })
  const names = matches.map((m) => m.name)
  // Meridian covers all four terms (one listing alone covers them); Summit only healthcare; Azurite only cloud (Azure);
  // the retail MSP nothing at all.
  expect(names[0]).toBe('Meridian Data')
  expect(names).toContain('Summit Health IT')
  expect(names).toContain('Azurite Consulting')
  expect(names).not.toContain('Cobalt Retail Ops')
  expect(names).not.toContain('Ironclad Cyber')
  const [meridian] = matches
  expect(meridian!.matched).toEqual(['migrate', 'healthcare', 'data warehouse', 'cloud'])
  const listingReason = meridian!.reasons.find((r) => r.kind === 'listing')!
  expect(listingReason.links).toEqual([{ title: 'Snowflake migration for hospitals', url: '/listings/snowflake-hospitals' }])
  expect(listingReason.text).toMatch(/^Listing matching “migrate” \(migration\), “healthcare” \(hospitals[^)]*\), “data warehouse” \([^)]*\), “cloud” \(AWS\)$/i)
  expect(meridian!.reasons.map((r) => r.text)).toContain('Skill “Snowflake” (matches “data warehouse”)')
  expect(meridian!.reasons.map((r) => r.text)).toContain('Serves Healthcare (matches “healthcare”)')
  expect(meridian!.reasons.at(-1)!.text).toBe('Gold tier · Technology partner (ISV)')

  const summit = matches.find((m) => m.name === 'Summit Health IT')!
  expect(summit.matched).toEqual(['healthcare'])
  expect(summit.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['Skill “HIPAA compliance” (matches “healthcare”)', 'Serves Healthcare (matches “healthcare”)']))
  const integration = summit.reasons.find((r) => r.kind === 'integration')!
  expect(integration.text).toBe('Confirmed integration matching “healthcare” (hospitals)')
  expect(integration.links).toEqual([{ title: 'Epic go-live support', url: '/listings/epic-go-live' }])
  const azurite = matches.find((m) => m.name === 'Azurite Consulting')!
  expect(azurite.reasons.map((r) => r.text)).toContain('Skill “Azure” (matches “cloud”)')
  expect(meridian!.score).toBeGreaterThan(summit.score)
  expect(meridian!.score).toBeGreaterThan(azurite.score)
})

test('synonyms of partner vocabulary: security ↔ cyber/SOC, banks → financial services', async () => {
  const matches = await findPartners({ need: 'managed security for banks' })
  expect(matches[0]!.name).toBe('Ironclad Cyber')
  const texts = matches[0]!.reasons.map((r) => r.text)
  expect(texts).toContain('Serves Financial services (matches “banks”)')
  expect(texts).toContain('Skill “Zero trust” (matches “security”)')
})

test('vocabulary is one-directional: asking for AWS does not bring every Azure partner; a region by name', async () => {
  const aws = await findPartners({ need: 'AWS' })
  expect(aws.map((m) => m.name)).toEqual(['Meridian Data'])
  const europe = await findPartners({ need: 'clinical partner in Europe' })
  expect(europe[0]!.name).toBe('Summit Health IT')
  expect(europe[0]!.reasons.map((r) => r.text)).toContain('Works in Europe, Middle East and Africa (matches “europe”)')
})

test('filters still apply, and a need nothing matches returns nothing', async () => {
  const emea = await findPartners({ need: 'migrate our healthcare data warehouse to the cloud', region: 'EMEA' })
  expect(emea.map((m) => m.name)).toEqual(['Summit Health IT'])
  expect(await findPartners({ need: 'underwater basket weaving' })).toEqual([])
  expect(await findPartners({ need: 'the and of to' })).toEqual([])
})
