import { expect, it } from 'vitest'
import { PARTNER_TYPES, REGIONS, TIERS } from '../../../db/schema/orgs.ts'
import { A_PARTNER_TYPES, A_REGIONS, A_TIERS, PARTNER_TYPE_COLORS, PARTNER_TYPE_LABELS } from './vocab.ts'

it('browser-safe vocabularies match the schema', () => {
  expect([...A_PARTNER_TYPES]).toEqual([...PARTNER_TYPES])
  expect([...A_TIERS]).toEqual([...TIERS])
  expect([...A_REGIONS]).toEqual([...REGIONS])
  expect(Object.keys(PARTNER_TYPE_LABELS).sort()).toEqual([...PARTNER_TYPES].sort())
  expect(Object.keys(PARTNER_TYPE_COLORS).sort()).toEqual([...PARTNER_TYPES].sort())
})
