/** Display labels for facet values (browser-safe; the values themselves come from db/schema/orgs.ts). */
export const KIND_LABELS: Record<string, string> = { partner: 'Partners', listing: 'Listings', integration: 'Integrations' }

export const TYPE_LABELS: Record<string, string> = {
  reseller: 'Reseller',
  technology: 'Technology partner / ISV',
  systems_integrator: 'Systems integrator',
  msp: 'Managed service provider',
  referral: 'Referral partner',
  hyperscaler: 'Hyperscaler',
  distributor: 'Distributor',
}

/** Extra words a partner type is found by (besides its label). */
export const TYPE_KEYWORDS: Record<string, string> = {
  reseller: 'reseller var value added reseller',
  technology: 'technology partner isv independent software vendor',
  systems_integrator: 'systems integrator si consulting implementation',
  msp: 'msp managed service provider managed services',
  referral: 'referral partner',
  hyperscaler: 'hyperscaler cloud provider',
  distributor: 'distributor distribution',
}

export const TIER_LABELS: Record<string, string> = { registered: 'Registered', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' }

export const REGION_LABELS: Record<string, string> = {
  NA: 'North America',
  LATAM: 'Latin America',
  EMEA: 'Europe, Middle East and Africa',
  APAC: 'Asia Pacific',
}

export const INDUSTRY_LABELS: Record<string, string> = {
  healthcare: 'Healthcare',
  financial_services: 'Financial services',
  manufacturing: 'Manufacturing',
  retail: 'Retail',
  public_sector: 'Public sector',
  education: 'Education',
  technology: 'Technology',
  energy: 'Energy',
  media: 'Media',
  telecom: 'Telecom',
}

export function labelFor(facet: string, value: string, categories: Record<string, string> = {}): string {
  switch (facet) {
    case 'kind':
      return KIND_LABELS[value] ?? value
    case 'type':
      return TYPE_LABELS[value] ?? value
    case 'tier':
      return TIER_LABELS[value] ?? value
    case 'region':
      return REGION_LABELS[value] ?? value
    case 'industry':
      return INDUSTRY_LABELS[value] ?? value
    case 'category':
      return categories[value] ?? value
    default:
      return value
  }
}

export const FACET_TITLES: Record<string, string> = {
  kind: 'Show',
  type: 'Partner type',
  tier: 'Tier',
  region: 'Region',
  industry: 'Industry',
  category: 'Category',
}
