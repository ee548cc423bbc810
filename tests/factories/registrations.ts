import { dateInDays } from '#tests/factories/dates.ts'

let n = 0
/** An account domain no other registration in the run has used: `<prefix>-<time>-<n>.example.com`. */
export const uniqueDomain = (prefix = 'reg') => `${prefix}-${Date.now().toString(36)}-${++n}.example.com`

/** The fields of a valid deal registration form (a new account domain, closing in 60 days); `over` replaces any of them. */
export const registrationInput = (over: Record<string, unknown> = {}) => ({
  accountName: 'Globex Corporation',
  accountDomain: uniqueDomain(),
  amount: '120,000',
  products: 'Data Platform, Analytics',
  expectedCloseAt: dateInDays(60),
  ...over,
})
