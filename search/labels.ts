import { INDUSTRY_LABELS as VOCAB_INDUSTRY_LABELS, PARTNER_TYPE_LABELS, REGION_LABELS as VOCAB_REGION_LABELS, TIER_LABELS as VOCAB_TIER_LABELS } from '#db/vocab.ts'

/** Display labels for facet values (browser-safe). */
export const KIND_LABELS: Record<string, string> = { partner: 'Partners', listing: 'Listings', integration: 'Integrations' }

/** Labels by facet value; the values and their labels live in db/vocab.ts. */
export const TYPE_LABELS: Record<string, string> = PARTNER_TYPE_LABELS
export const TIER_LABELS: Record<string, string> = VOCAB_TIER_LABELS
export const REGION_LABELS: Record<string, string> = VOCAB_REGION_LABELS
export const INDUSTRY_LABELS: Record<string, string> = VOCAB_INDUSTRY_LABELS

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
