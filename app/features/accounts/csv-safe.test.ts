import { describe, expect, it } from 'vitest'
import { neutralizeFormula, safeRow } from '#app/features/accounts/csv-safe.ts'

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
