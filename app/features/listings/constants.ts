/**
 * Browser-safe copies of the marketplace vocabularies (db/schema/listings.ts pulls in drizzle and
 * node:crypto, so forms cannot import it). `constants.test.ts` proves both lists match.
 */
export const LISTING_KIND_VALUES = ['service', 'solution', 'app', 'integration'] as const
export const PRICING_MODEL_VALUES = ['free', 'subscription', 'one_time', 'usage_based', 'contact_us'] as const
export const REGION_VALUES = ['NA', 'LATAM', 'EMEA', 'APAC'] as const
export const INDUSTRY_VALUES = [
  'healthcare',
  'financial_services',
  'manufacturing',
  'retail',
  'public_sector',
  'education',
  'technology',
  'energy',
  'media',
  'telecom',
] as const
