import { describe, expect, it } from 'vitest'
import { findNul, nulMessage } from '#app/utils/nul.ts'

describe('findNul', () => {
  it('finds nothing in ordinary values', () => {
    expect(findNul({ title: 'Hello', tags: ['a', 'b'], n: 3, ok: true, none: null, nested: { x: ['y'] } })).toBeNull()
    expect(findNul('plain')).toBeNull()
    expect(findNul(42)).toBeNull()
  })

  it('names the path of the first NUL, in document order', () => {
    expect(findNul('a\0b')).toBe('')
    expect(findNul({ title: 'ok', body: 'x\0' })).toBe('body')
    expect(findNul({ touchingPartners: [{ partner: 'ok' }, { partner: '\0' }], later: '\0' })).toBe('touchingPartners.1.partner')
    expect(findNul([['a'], ['b', 'c\0']])).toBe('1.1')
  })

  it('counts object keys', () => {
    expect(findNul({ meta: { 'a\0b': 'fine' } })).toBe('meta.a\\u0000b')
  })

  it('walks any depth without overflowing the stack', () => {
    let deep: unknown = 'end\0'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findNul(deep)?.split('.').length).toBe(100_000)
  })

  it('says what to do', () => {
    expect(nulMessage('title')).toMatch(/“title” contains a NUL character .* Remove it/)
    expect(nulMessage('')).toMatch(/^The value contains/)
  })
})
