import { describe, expect, it } from 'vitest'
import { INDUSTRIES, LISTING_KINDS, PRICING_MODELS, REGIONS } from '../../../db/schema/index.ts'
import { INDUSTRY_VALUES, LISTING_KIND_VALUES, PRICING_MODEL_VALUES, REGION_VALUES } from './constants.ts'

describe('browser-safe marketplace constants', () => {
  it('match the schema', () => {
    expect([...LISTING_KIND_VALUES]).toEqual([...LISTING_KINDS])
    expect([...PRICING_MODEL_VALUES]).toEqual([...PRICING_MODELS])
    expect([...REGION_VALUES]).toEqual([...REGIONS])
    expect([...INDUSTRY_VALUES]).toEqual([...INDUSTRIES])
  })
})
