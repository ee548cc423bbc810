import type { PartnerType } from '#db/vocab.ts'

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
