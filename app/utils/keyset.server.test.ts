import { sql, type SQL } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { instantAt, microsOf, pastPosition, takePage } from '#app/utils/keyset.server.ts'

/** Six rows, two of them at the same instant (ties broken by id), one a microsecond apart. */
const ROWS = sql`(values
  (timestamptz '2026-01-01 00:00:00.000001+00', 'a'),
  (timestamptz '2026-01-01 00:00:00.000002+00', 'b'),
  (timestamptz '2026-01-01 00:00:00.000002+00', 'c'),
  (timestamptz '2026-03-01 12:00:00+00', 'd'),
  (timestamptz '2027-06-30 23:59:59.999999+00', 'e'),
  (timestamptz '2027-06-30 23:59:59.999999+00', 'f')) as t(at, id)`

type Row = { id: string; micros: string }

/** Walks the whole list `size` rows at a time, as a client following cursors would. */
async function walk(order: 'asc' | 'desc', size: number) {
  const pages: string[][] = []
  let position: Row | null = null
  for (let guard = 0; guard < 10; guard++) {
    const where: SQL = position ? pastPosition([sql`t.at`, sql`t.id`], [instantAt(position.micros), position.id], order) : sql`true`
    const direction = order === 'asc' ? sql`asc` : sql`desc`
    const rows: Row[] = await queryRows<Row>(db, sql`select t.id, ${microsOf(sql`t.at`)} as micros from ${ROWS} where ${where} order by t.at ${direction}, t.id ${direction} limit ${size + 1}`)
    const page = takePage(rows, size)
    pages.push(page.rows.map((r) => r.id))
    if (!page.hasMore) return pages
    position = page.rows.at(-1)!
  }
  throw new Error('the walk did not end')
}

describe('keyset paging', () => {
  it('walks every row exactly once, in order, through ties and microsecond steps', async () => {
    expect(await walk('asc', 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ])
    expect(await walk('asc', 4)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['e', 'f'],
    ])
    expect(await walk('desc', 4)).toEqual([
      ['f', 'e', 'd', 'c'],
      ['b', 'a'],
    ])
    expect(await walk('desc', 6)).toEqual([['f', 'e', 'd', 'c', 'b', 'a']])
  })

  it('keeps a timestamp to the microsecond, past what a JavaScript number holds', async () => {
    const [row] = await queryRows<{ micros: string; back: string }>(
      db,
      sql`select ${microsOf(sql`timestamptz '2027-06-30 23:59:59.999999+00'`)} as micros, (${instantAt('1814399999999999')} at time zone 'UTC')::text as back`,
    )
    expect(row).toEqual({ micros: '1814399999999999', back: expect.stringMatching(/^2027-06-30 23:59:59\.999999/) })
  })

  it('takePage tells a full last page from one with more behind it', () => {
    expect(takePage([1, 2, 3], 3)).toEqual({ rows: [1, 2, 3], hasMore: false })
    expect(takePage([1, 2, 3, 4], 3)).toEqual({ rows: [1, 2, 3], hasMore: true })
    expect(takePage([], 3)).toEqual({ rows: [], hasMore: false })
  })

  it('refuses a position that does not match the columns', () => {
    expect(() => pastPosition([sql`t.at`, sql`t.id`], ['x'], 'asc')).toThrow(/one value a column/)
  })
})
