import { describe, expect, it } from 'vitest'
import { neutralizeFormula, safeRow } from './csv-safe.ts'
import { normalizeDomain } from './domain.ts'

describe('normalizeDomain', () => {
  it.each([
    ['Example.com', 'example.com'],
    ['https://www.Example.com/path?q=1#x', 'example.com'],
    ['http://user:pw@shop.example.co.uk:8080/', 'shop.example.co.uk'],
    ['www.example.org.', 'example.org'],
    ['  EXAMPLE.NET  ', 'example.net'],
    ['someone@acme.io', 'acme.io'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['https://www.münchen.de/stadt', 'xn--mnchen-3ya.de'],
    ['//cdn.example.com/x', 'cdn.example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected)
  })

  it.each(['', '   ', 'localhost', 'not a domain', '-bad.com', 'bad-.com', '192.168.1.1', 'a..b.com', null, undefined])('rejects %s', (input) => {
    expect(normalizeDomain(input as string)).toBeNull()
  })
})

describe('neutralizeFormula', () => {
  it('prefixes cells that a spreadsheet would run as formulas', () => {
    expect(neutralizeFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0")
    expect(neutralizeFormula('+1+2')).toBe("'+1+2")
    expect(neutralizeFormula('-2+3')).toBe("'-2+3")
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(neutralizeFormula('\t=1')).toBe("'\t=1")
    expect(neutralizeFormula('Acme Corp')).toBe('Acme Corp')
    expect(neutralizeFormula(null)).toBe('')
  })

  it('keeps plain non-negative numbers and neutralizes negative ones', () => {
    expect(safeRow([12, -5, 'x'])).toEqual(['12', "'-5", 'x'])
  })
})
