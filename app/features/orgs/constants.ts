import type { Industry, PartnerType, Region, Role } from '../../../db/schema/orgs.ts'

/**
 * Browser-safe copies of the organization vocabularies (db/schema/orgs.ts pulls in drizzle and
 * node:crypto, so the forms cannot import it). `constants.test.ts` proves both lists match.
 */
export const PARTNER_TYPE_OPTIONS = [
  { value: 'reseller', label: 'Reseller' },
  { value: 'technology', label: 'Technology partner / ISV' },
  { value: 'systems_integrator', label: 'Systems integrator' },
  { value: 'msp', label: 'Managed service provider' },
  { value: 'referral', label: 'Referral partner' },
  { value: 'hyperscaler', label: 'Hyperscaler' },
  { value: 'distributor', label: 'Distributor' },
] as const satisfies readonly { value: PartnerType; label: string }[]

export const REGION_OPTIONS = [
  { value: 'NA', label: 'North America' },
  { value: 'LATAM', label: 'Latin America' },
  { value: 'EMEA', label: 'Europe, Middle East and Africa' },
  { value: 'APAC', label: 'Asia Pacific' },
] as const satisfies readonly { value: Region; label: string }[]

export const INDUSTRY_OPTIONS = [
  { value: 'healthcare', label: 'Healthcare' },
  { value: 'financial_services', label: 'Financial services' },
  { value: 'manufacturing', label: 'Manufacturing' },
  { value: 'retail', label: 'Retail' },
  { value: 'public_sector', label: 'Public sector' },
  { value: 'education', label: 'Education' },
  { value: 'technology', label: 'Technology' },
  { value: 'energy', label: 'Energy' },
  { value: 'media', label: 'Media' },
  { value: 'telecom', label: 'Telecom' },
] as const satisfies readonly { value: Industry; label: string }[]

export const ROLE_LABELS: Record<Role, string> = {
  vendor_admin: 'Vendor admin',
  vendor_member: 'Vendor team member',
  partner_admin: 'Partner admin',
  partner_member: 'Partner member',
}

export const PARTNER_ROLES = ['partner_admin', 'partner_member'] as const satisfies readonly Role[]
export const VENDOR_ROLES = ['vendor_admin', 'vendor_member'] as const satisfies readonly Role[]

export const values = <T extends readonly { value: string }[]>(options: T) =>
  options.map((o) => o.value) as unknown as [T[number]['value'], ...T[number]['value'][]]

export function labelOf(options: readonly { value: string; label: string }[], value: string | null | undefined) {
  return options.find((o) => o.value === value)?.label ?? value ?? ''
}
