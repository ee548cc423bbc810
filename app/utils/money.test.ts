import { describe, expect, it } from 'vitest'
import { formatMoney, MAX_AMOUNT, parseMoney, readMoney } from '#app/utils/money.ts'

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
