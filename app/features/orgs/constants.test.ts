import { describe, expect, it } from 'vitest'
import { INDUSTRIES, PARTNER_TYPES, REGIONS, ROLES } from '../../../db/schema/orgs.ts'
import { INDUSTRY_OPTIONS, PARTNER_ROLES, PARTNER_TYPE_OPTIONS, REGION_OPTIONS, ROLE_LABELS, VENDOR_ROLES } from './constants.ts'

describe('browser-safe organization vocabularies', () => {
  it('match the database schema exactly', () => {
    expect(PARTNER_TYPE_OPTIONS.map((o) => o.value)).toEqual([...PARTNER_TYPES])
    expect(REGION_OPTIONS.map((o) => o.value)).toEqual([...REGIONS])
    expect(INDUSTRY_OPTIONS.map((o) => o.value)).toEqual([...INDUSTRIES])
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort())
    expect([...VENDOR_ROLES, ...PARTNER_ROLES].sort()).toEqual([...ROLES].sort())
  })
})
