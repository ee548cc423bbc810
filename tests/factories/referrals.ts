import { uniqueDomain } from '#tests/factories/registrations.ts'

/**
 * The fields of a valid referral form to the organization `toOrg` (a slug): a fresh customer
 * domain each time, a 10% fee on 120,000; `over` replaces any of them.
 */
export const referralInput = (toOrg: string, over: Record<string, unknown> = {}) => ({
  toOrg,
  accountName: 'Globex Corporation',
  accountDomain: uniqueDomain(`referral-${Math.random().toString(36).slice(2, 8)}`),
  contactName: 'Hank Scorpio',
  contactEmail: 'hank@globex.com',
  need: 'Needs a data platform migration in Q3.',
  estimatedValue: '120,000',
  feeType: 'percent',
  feePercent: '10',
  feeCap: '',
  ...over,
})
