import { describe, expect, it } from 'vitest'
import { formatMoney, MAX_AMOUNT, optionalMoneyField, parseMoney, readMoney, TOO_LARGE_MESSAGE } from '#app/utils/money.ts'

describe('readMoney / parseMoney', () => {
  it.each([
    ['12500', 1250000],
    ['12,500.50', 1250050],
    ['$12,500', 1250000],
    ['$ 12 500.5', 1250050],
    ['€1_000', 100000],
    ['£0.07', 7],
    ['  42  ', 4200],
    ['0', 0],
    ['.5', 50],
    ['12.', 1200],
    ['0012', 1200],
    ['9999999999999.99', 999999999999999],
    ['1.00', 100],
    ['4200.29', 420029],
  ])('%j → %d minor units, exactly', (input, minor) => {
    expect(readMoney(input)).toEqual({ ok: true, minor })
    expect(parseMoney(input)).toBe(minor)
  })

  it.each([
    ['', 'not_an_amount'],
    ['abc', 'not_an_amount'],
    ['1e3', 'not_an_amount'],
    ['0x10', 'not_an_amount'],
    ['12.345', 'not_an_amount'],
    ['1.2.3', 'not_an_amount'],
    ['$', 'not_an_amount'],
    ['.', 'not_an_amount'],
    ['12$', 'not_an_amount'],
    ['Infinity', 'not_an_amount'],
    ['-5', 'negative'],
    ['$-5', 'negative'],
    ['-$5.50', 'negative'],
    ['10000000000000', 'too_large'],
  ] as const)('%j is refused: %s', (input, problem) => {
    expect(readMoney(input)).toEqual({ ok: false, problem })
    expect(parseMoney(input)).toBeNull()
  })

  it('takes a number as major units, rounded to the cent', () => {
    expect(readMoney(12.5)).toEqual({ ok: true, minor: 1250 })
    expect(readMoney(0.1 + 0.2)).toEqual({ ok: true, minor: 30 })
    expect(readMoney(-1)).toEqual({ ok: false, problem: 'negative' })
    expect(readMoney(Number.NaN)).toEqual({ ok: false, problem: 'not_an_amount' })
    expect(readMoney(1e300)).toEqual({ ok: false, problem: 'too_large' })
  })
})

describe('formatMoney', () => {
  it.each([
    [1250050, 'cents', '$12,500.50'],
    [7, 'cents', '$0.07'],
    [MAX_AMOUNT, 'cents', '$1,000,000,000.00'],
    [1250050, 'whole', '$12,501'],
    [99, 'whole', '$1'],
    [123456789, 'compact', '$1.23M'],
    [1250050, 'compact', '$12.5k'],
    [95050, 'compact', '$950.5'],
    [-2500000, 'compact', '$-25.0k'],
  ] as const)('%d as %s → %s', (minor, style, text) => {
    expect(formatMoney(minor, style)).toBe(text)
  })

  it('shows a dash for no amount, in every style', () => {
    for (const style of ['cents', 'whole', 'compact'] as const) {
      expect(formatMoney(null, style)).toBe('—')
      expect(formatMoney(undefined, style)).toBe('—')
    }
    expect(formatMoney(1250050)).toBe('$12,500.50')
  })
})

describe('optionalMoneyField', () => {
  const field = optionalMoneyField('Enter the amount as a positive amount, like 25000 or 25,000.00.')
  const errorOf = (input: string) => {
    const r = field.safeParse(input)
    return r.success ? null : r.error.issues[0]!.message
  }

  it('reads amounts, and empty as nothing', () => {
    expect(field.parse('')).toBeUndefined()
    expect(field.parse('25,000.50')).toBe(2_500_050)
    expect(field.parse('$1,000,000,000')).toBe(MAX_AMOUNT)
  })

  it('says an amount that is too large is too large, not that it is not positive', () => {
    // 14 digits (not read at all) and 13 digits (read, but over the limit): both a typo.
    expect(errorOf('99999999999999')).toBe(TOO_LARGE_MESSAGE)
    expect(errorOf('5000000000000')).toBe(TOO_LARGE_MESSAGE)
    expect(TOO_LARGE_MESSAGE).toContain('$1,000,000,000')
    expect(errorOf('-5')).toBe('Enter the amount as a positive amount, like 25000 or 25,000.00.')
    expect(errorOf('abc')).toBe('Enter the amount as a positive amount, like 25000 or 25,000.00.')
  })
})
