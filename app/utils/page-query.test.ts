import { describe, expect, it } from 'vitest'
import { pageFromUrl } from '#app/utils/page-query.ts'

describe('pageFromUrl', () => {
  it('reads ?page= as a page from 1; anything else is the first page', () => {
    const at = (query: string) => pageFromUrl(new Request(`http://localhost/list${query}`))
    expect(at('')).toBe(1)
    expect(at('?page=3')).toBe(3)
    for (const bad of ['?page=0', '?page=-2', '?page=abc', '?page=1.5', '?page=99999999']) expect(at(bad)).toBe(1)
  })
})
