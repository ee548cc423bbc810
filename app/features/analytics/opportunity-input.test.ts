import { describe, expect, it } from 'vitest'
import { opportunityInputSchema } from '#app/features/analytics/opportunities.server.ts'

const base = { accountName: 'Globex', amount: '42000', stage: 'open' }

describe('opportunity input: account domain', () => {
  it.each([
    ['WWW.Globex.com', 'globex.com'],
    ['https://www.globex.com/about?x=1', 'globex.com'],
    ['globex.com.', 'globex.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['', null],
  ])('%j is stored as %j, the key referrals and accounts match on', (accountDomain, expected) => {
    const parsed = opportunityInputSchema.safeParse({ ...base, accountDomain })
    expect(parsed.success && parsed.data.accountDomain).toBe(expected)
  })

  it('refuses what is no domain, beside the field', () => {
    const parsed = opportunityInputSchema.safeParse({ ...base, accountDomain: 'not a domain' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.flatten().fieldErrors.accountDomain).toEqual(['Enter a domain like globex.com.'])
  })
})
