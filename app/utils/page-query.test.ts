import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { pageFromUrl, pageOf, pageParam } from '#app/utils/page-query.ts'

describe('pageFromUrl', () => {
  it('reads ?page= as a page from 1; anything else is the first page', () => {
    const at = (query: string) => pageFromUrl(new Request(`http://localhost/list${query}`))
    expect(at('')).toBe(1)
    expect(at('?page=3')).toBe(3)
    for (const bad of ['?page=0', '?page=-2', '?page=abc', '?page=1.5', '?page=99999999']) expect(at(bad)).toBe(1)
    expect(pageFromUrl(new URL('http://localhost/list?page=7'))).toBe(7)
  })

  it('reads the page of a query object, and as a field beside filters', () => {
    expect(pageOf({ page: '4' })).toBe(4)
    expect(pageOf({ page: 'last' })).toBe(1)
    expect(pageOf(null)).toBe(1)
    const Query = z.object({ status: z.enum(['open', 'done']).catch('open'), page: pageParam })
    expect(Query.parse({ status: 'done', page: '2' })).toEqual({ status: 'done', page: 2 })
    expect(Query.parse({})).toEqual({ status: 'open', page: 1 })
  })
})
