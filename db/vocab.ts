/**
 * The product's vocabularies and their display labels, in one browser-safe module (no drizzle,
 * no node imports): the schema builds its column enums from these lists, and forms, filters,
 * facets and charts import them directly, so a value is added in exactly one place.
 */
export const ORG_KINDS = ['vendor', 'partner'] as const
export const ORG_STATUSES = ['applicant', 'active', 'suspended', 'rejected'] as const
export const PARTNER_TYPES = ['reseller', 'technology', 'systems_integrator', 'msp', 'referral', 'hyperscaler', 'distributor'] as const
export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const
export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const
export const INDUSTRIES = ['healthcare', 'financial_services', 'manufacturing', 'retail', 'public_sector', 'education', 'technology', 'energy', 'media', 'telecom'] as const
export const ROLES = ['vendor_admin', 'vendor_member', 'partner_admin', 'partner_member'] as const
export const VENDOR_ROLES = ['vendor_admin', 'vendor_member'] as const satisfies readonly Role[]
export const PARTNER_ROLES = ['partner_admin', 'partner_member'] as const satisfies readonly Role[]
export const LISTING_KINDS = ['service', 'solution', 'app', 'integration'] as const
export const PRICING_MODELS = ['free', 'subscription', 'one_time', 'usage_based', 'contact_us'] as const

export type OrgKind = (typeof ORG_KINDS)[number]
export type OrgStatus = (typeof ORG_STATUSES)[number]
export type PartnerType = (typeof PARTNER_TYPES)[number]
export type Tier = (typeof TIERS)[number]
export type Region = (typeof REGIONS)[number]
export type Industry = (typeof INDUSTRIES)[number]
export type Role = (typeof ROLES)[number]
export type ListingKind = (typeof LISTING_KINDS)[number]
export type PricingModel = (typeof PRICING_MODELS)[number]

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  reseller: 'Reseller',
  technology: 'Technology partner (ISV)',
  systems_integrator: 'Systems integrator',
  msp: 'Managed service provider',
  referral: 'Referral partner',
  hyperscaler: 'Hyperscaler',
  distributor: 'Distributor',
}

/** Shorter partner type names where space is tight (chart legends, graph filters). */
export const PARTNER_TYPE_SHORT_LABELS: Record<PartnerType, string> = {
  ...PARTNER_TYPE_LABELS,
  technology: 'Technology / ISV',
  msp: 'MSP',
}

export const TIER_LABELS: Record<Tier, string> = { registered: 'Registered', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' }

export const REGION_LABELS: Record<Region, string> = {
  NA: 'North America',
  LATAM: 'Latin America',
  EMEA: 'Europe, Middle East and Africa',
  APAC: 'Asia Pacific',
}

export const INDUSTRY_LABELS: Record<Industry, string> = {
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

export const ROLE_LABELS: Record<Role, string> = {
  vendor_admin: 'Vendor admin',
  vendor_member: 'Vendor team member',
  partner_admin: 'Partner admin',
  partner_member: 'Partner member',
}

/** `{ value, label }` pairs in the list's order, for selects and checkbox groups. */
export function optionsOf<V extends string>(values: readonly V[], labels: Record<V, string>): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }))
}
