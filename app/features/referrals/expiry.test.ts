import { describe, expect, it } from 'vitest'
import { expiresInLabel, referralExpiry } from '#app/features/referrals/expiry.ts'

const HOUR = 3_600_000

describe('referral expiry', () => {
  it('a referral waiting for an answer expires the program’s hours after it was sent', () => {
    const sent = new Date('2026-12-01T10:00:00Z')
    const e = referralExpiry('submitted', sent, 120, new Date('2026-12-02T10:00:00Z'))
    expect(e).toEqual({ expiresAt: '2026-12-06T10:00:00.000Z', label: 'Expires in 4 days' })
  })

  it('an answered referral does not expire', () => {
    for (const status of ['accepted', 'declined', 'in_progress', 'won', 'lost']) expect(referralExpiry(status, new Date(), 120)).toBeNull()
  })

  it('says days, then hours, then less than an hour', () => {
    expect(expiresInLabel(49 * HOUR)).toBe('Expires in 2 days')
    expect(expiresInLabel(30 * HOUR)).toBe('Expires in 1 day')
    expect(expiresInLabel(23.2 * HOUR)).toBe('Expires in 24 hours')
    expect(expiresInLabel(1 * HOUR)).toBe('Expires in 1 hour')
    expect(expiresInLabel(0.5 * HOUR)).toBe('Expires in less than an hour')
    expect(expiresInLabel(-1)).toBe('Expires now')
  })
})
