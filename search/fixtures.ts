import { documentId, FACETS, type Facet, type FacetCounts, type SearchDocument, type SearchFilters, emptyFacets } from '#search/types.ts'

/** A small, hand-written corpus for the engine contract suite. */
function doc(kind: SearchDocument['kind'], entityId: string, fields: Partial<SearchDocument> & { title: string }): SearchDocument {
  return {
    id: documentId(kind, entityId),
    kind,
    entityId,
    slug: entityId,
    summary: '',
    body: '',
    keywords: '',
    orgId: fields.orgId ?? entityId,
    orgName: fields.orgName ?? fields.title,
    type: null,
    tier: null,
    regions: [],
    industries: [],
    categories: [],
    url: `/${kind === 'partner' ? 'partners' : 'listings'}/${entityId}`,
    publishedAt: '2025-01-01T00:00:00.000Z',
    ...fields,
  }
}

export const CONTRACT_DOCUMENTS: SearchDocument[] = [
  doc('partner', 'northwind', {
    title: 'Northwind Systems',
    summary: 'Systems integrator for hospitals and clinics',
    body: 'We implement electronic health records and connect clinical systems.',
    type: 'systems_integrator',
    tier: 'gold',
    regions: ['EMEA', 'NA'],
    industries: ['healthcare'],
    categories: ['implementation'],
    publishedAt: '2025-03-01T00:00:00.000Z',
  }),
  doc('partner', 'bluepeak', {
    title: 'Bluepeak Cloud',
    summary: 'Cloud data platform for banks and insurers',
    body: 'An independent software vendor with a lakehouse for regulated data.',
    type: 'technology',
    tier: 'platinum',
    regions: ['APAC', 'EMEA'],
    industries: ['financial_services'],
    categories: ['data'],
    publishedAt: '2025-02-01T00:00:00.000Z',
  }),
  doc('partner', 'harbor', {
    title: 'Harbor IT',
    summary: 'The leading MSP for retail chains',
    body: 'Round-the-clock operations for stores and warehouses.',
    type: 'msp',
    tier: 'silver',
    regions: ['NA'],
    industries: ['retail'],
    categories: ['operations'],
    publishedAt: '2025-04-01T00:00:00.000Z',
  }),
  doc('partner', 'quarry', {
    title: 'Quarry Partners',
    summary: 'Resellers of analytics software in Latin America',
    type: 'reseller',
    tier: 'registered',
    regions: ['LATAM'],
    industries: ['manufacturing', 'retail'],
    categories: ['data'],
    publishedAt: '2025-01-15T00:00:00.000Z',
  }),
  doc('listing', 'health-data-suite', {
    title: 'Healthcare Data Integration Suite',
    summary: 'Move patient data between clinical systems safely',
    body: 'HL7 and FHIR connectors with audit trails.',
    orgId: 'bluepeak',
    orgName: 'Bluepeak Cloud',
    type: 'technology',
    tier: 'platinum',
    regions: ['APAC', 'EMEA'],
    industries: ['healthcare'],
    categories: ['data', 'integration'],
    publishedAt: '2025-05-01T00:00:00.000Z',
  }),
  doc('listing', 'integrator-program', {
    title: 'Certified Integrator Program',
    summary: 'Our consultants become certified on your platform in six weeks',
    orgId: 'northwind',
    orgName: 'Northwind Systems',
    type: 'systems_integrator',
    tier: 'gold',
    regions: ['NA'],
    industries: ['technology'],
    categories: ['implementation'],
    publishedAt: '2025-06-01T00:00:00.000Z',
  }),
  doc('listing', 'pos-rollout', {
    title: 'Point of Sale Rollout',
    summary: 'Store-by-store rollout of modern checkout for retail chains',
    body: 'Hardware, training and support for healthcare pharmacies too.',
    orgId: 'harbor',
    orgName: 'Harbor IT',
    type: 'msp',
    tier: 'silver',
    regions: ['NA', 'LATAM'],
    industries: ['retail', 'healthcare'],
    categories: ['operations'],
    publishedAt: '2025-07-01T00:00:00.000Z',
  }),
  doc('listing', 'fraud-models', {
    title: 'Fraud Detection Models',
    summary: 'Artificial intelligence that spots card fraud in real time',
    orgId: 'bluepeak',
    orgName: 'Bluepeak Cloud',
    type: 'technology',
    tier: 'platinum',
    regions: ['EMEA'],
    industries: ['financial_services'],
    categories: ['data'],
    publishedAt: '2025-08-01T00:00:00.000Z',
  }),
  doc('integration', 'bluepeak-crm', {
    title: 'Bluepeak connector for Salesforce',
    summary: 'Sync customer relationship management records with the lakehouse',
    orgId: 'bluepeak',
    orgName: 'Bluepeak Cloud',
    type: 'technology',
    tier: 'platinum',
    regions: ['EMEA', 'NA'],
    industries: ['financial_services', 'retail'],
    categories: ['integration'],
    publishedAt: '2025-09-01T00:00:00.000Z',
  }),
  doc('listing', 'clinic-scheduling', {
    title: 'Clinic Scheduling Assistant',
    summary: 'Online booking for outpatient clinics',
    body: 'Built for healthcare groups with many sites.',
    orgId: 'northwind',
    orgName: 'Northwind Systems',
    type: 'systems_integrator',
    tier: 'gold',
    regions: ['EMEA'],
    industries: ['healthcare'],
    categories: ['operations'],
    publishedAt: '2025-09-01T00:00:00.000Z',
  }),
]

const FACET_FIELD: Record<Facet, (d: SearchDocument) => string[]> = {
  kind: (d) => [d.kind],
  type: (d) => (d.type ? [d.type] : []),
  tier: (d) => (d.tier ? [d.tier] : []),
  region: (d) => d.regions,
  industry: (d) => d.industries,
  category: (d) => d.categories,
}

/** Reference implementation of disjunctive faceting over plain documents (for exact assertions). */
export function referenceFacets(docs: SearchDocument[], filters: SearchFilters) {
  const passes = (d: SearchDocument, except: Facet | null) => FACETS.every((f) => f === except || !filters[f]?.length || FACET_FIELD[f](d).some((v) => filters[f]!.includes(v)))
  const facets: FacetCounts = emptyFacets()
  for (const facet of FACETS) {
    for (const d of docs.filter((x) => passes(x, facet))) for (const v of FACET_FIELD[facet](d)) facets[facet][v] = (facets[facet][v] ?? 0) + 1
    for (const v of filters[facet] ?? []) facets[facet][v] ??= 0
  }
  return { total: docs.filter((d) => passes(d, null)).length, facets }
}
