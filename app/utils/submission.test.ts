import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { declaredFields, trimReply } from '#app/utils/submission.server.ts'

describe('declaredFields', () => {
  it('reads objects through refinements, unions and intersections', () => {
    const base = z.object({ name: z.string(), rank: z.number() })
    const fees = z.object({ feeKind: z.string(), feeValue: z.number() })
    expect([...declaredFields(base.and(fees))].sort()).toEqual(['feeKind', 'feeValue', 'name', 'rank'])
    expect([...declaredFields(base.superRefine(() => {}))].sort()).toEqual(['name', 'rank'])
    const union = z.discriminatedUnion('intent', [z.object({ intent: z.literal('a'), x: z.string() }), z.object({ intent: z.literal('b'), y: z.string() })])
    expect([...declaredFields(union)].sort()).toEqual(['intent', 'x', 'y'])
  })

  it('a reply for an intersected schema keeps its field errors and echoes only declared fields', () => {
    const schema = z.object({ name: z.string() }).and(z.object({ feeValue: z.number() }))
    const reply = trimReply({ status: 'error', initialValue: { name: 'Gold', feeValue: '-1', sneaky: 'x'.repeat(10) }, error: { feeValue: ['The fee cannot be negative.'], sneaky: ['no'] } }, schema)
    expect(reply.error).toEqual({ feeValue: ['The fee cannot be negative.'] })
    expect(reply.initialValue).toEqual({ name: 'Gold', feeValue: '-1' })
  })
})
