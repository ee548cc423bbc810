import { describe, expect, it } from 'vitest'
import { parseIsoTime, periodQuerySchema } from '#app/features/analytics/period.ts'

describe('period query', () => {
  it.each(['2026-02-30', '2026-02-30T10:00+01:00', '2026-13-01T00:00-05:00', '2026-04-31T00:00Z', '0000-01-01', '2026-00-10'])('refuses the impossible date %s', (value) => {
    expect(parseIsoTime(value)).toBeNull()
  })

  it('accepts real dates with and without a zone', () => {
    expect(parseIsoTime('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z')
    expect(parseIsoTime('2026-03-01T00:30+01:00')?.toISOString()).toBe('2026-02-28T23:30:00.000Z')
  })

  it.each([
    [{ from: '2026-02-30', to: '2026-06-01' }, 'from'],
    [{ from: '2026-01-01', to: 'next tuesday' }, 'to'],
    [{ from: 'x', to: 'y' }, 'from'],
  ])('names the bad field instead of throwing: %o', (query, field) => {
    const parsed = periodQuerySchema.safeParse(query)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.path[0])).toContain(field)
  })
})
