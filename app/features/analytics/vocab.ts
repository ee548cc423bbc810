import type { PartnerType, Region, Tier } from '../../../db/schema/orgs.ts'

/**
 * Browser-safe copies of the vocabularies the analytics filters use (db/schema pulls in drizzle
 * and node:crypto). vocab.test.ts proves they match the schema's lists.
 */
export const A_PARTNER_TYPES = ['reseller', 'technology', 'systems_integrator', 'msp', 'referral', 'hyperscaler', 'distributor'] as const satisfies readonly PartnerType[]
export const A_TIERS = ['registered', 'silver', 'gold', 'platinum'] as const satisfies readonly Tier[]
export const A_REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const satisfies readonly Region[]

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  reseller: 'Reseller',
  technology: 'Technology / ISV',
  systems_integrator: 'Systems integrator',
  msp: 'MSP',
  referral: 'Referral partner',
  hyperscaler: 'Hyperscaler',
  distributor: 'Distributor',
}

/** One colour per partner type, used by the network graph and its legend. */
export const PARTNER_TYPE_COLORS: Record<PartnerType, string> = {
  reseller: '#2563eb',
  technology: '#16a34a',
  systems_integrator: '#9333ea',
  msp: '#ea580c',
  referral: '#0891b2',
  hyperscaler: '#dc2626',
  distributor: '#ca8a04',
}
