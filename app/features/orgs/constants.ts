import { INDUSTRIES, INDUSTRY_LABELS, optionsOf, PARTNER_TYPE_LABELS, PARTNER_TYPES, REGION_LABELS, REGIONS } from '#db/vocab.ts'

export { PARTNER_ROLES, ROLE_LABELS, VENDOR_ROLES } from '#db/vocab.ts'

/** Select and checkbox options for the organization vocabularies (db/vocab.ts holds the values). */
export const PARTNER_TYPE_OPTIONS = optionsOf(PARTNER_TYPES, PARTNER_TYPE_LABELS)
export const REGION_OPTIONS = optionsOf(REGIONS, REGION_LABELS)
export const INDUSTRY_OPTIONS = optionsOf(INDUSTRIES, INDUSTRY_LABELS)

export function labelOf(options: readonly { value: string; label: string }[], value: string | null | undefined) {
  return options.find((o) => o.value === value)?.label ?? value ?? ''
}
