import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, queryRows } from '#db/client.server.ts'
import { uniqueViolation } from '#db/errors.ts'
import { keepPlans } from '#db/kept-plans.server.ts'
import { countStatements } from '#db/query-stats.server.ts'

/**
 * The PGlite handle keeps plans (named prepared statements); these tests open their own embedded
 * database whichever driver the suite runs on, since PostgreSQL gets the same from postgres.js.
 */
type Prepared = { statement: string; generic_plans: number; custom_plans: number }
/** Read with PGlite's simple protocol, which keeps nothing itself. */
const preparedStatements = async (pg: PGlite) => (await pg.exec('select statement, generic_plans::int, custom_plans::int from pg_prepared_statements'))[0]!.rows as Prepared[]

describe('kept plans on PGlite', () => {
  const handle = openDatabase({ inMemory: true })
  if (handle.driver !== 'pglite') throw new Error('unreachable')
  const { pglite, db } = handle

  beforeAll(async () => {
    await pglite.waitReady
    await pglite.exec(`
      create table things (id int primary key, name text not null unique, size int not null);
      insert into things select g, 'thing ' || g, g % 7 from generate_series(1, 200) g;
      create index things_size_idx on things (size);
      analyze things;`)
  })
  afterAll(async () => {
    await pglite.close()
  })

  it('prepares one named statement per SQL text and runs it on a kept generic plan after the first few calls', async () => {
    const text = 'select id, name from things where size = $1 and id > $2 order by id limit 3'
    const answers = []
    for (let i = 0; i < 8; i++) answers.push((await pglite.query<{ id: number; name: string }>(text, [i % 7, i])).rows)
    expect(answers[3]).toEqual([
      { id: 10, name: 'thing 10' },
      { id: 17, name: 'thing 17' },
      { id: 24, name: 'thing 24' },
    ])
    const kept = (await preparedStatements(pglite)).filter((s) => s.statement === text)
    expect(kept).toHaveLength(1)
    // PostgreSQL's plan cache (plan_cache_mode = auto): five custom plans, then the generic one is kept.
    expect(kept[0]).toMatchObject({ custom_plans: 5, generic_plans: 3 })
  })

  it('gives drizzle the same rows as before, with parameters of every type, and counts one statement per query', async () => {
    const at = new Date('2026-03-01T12:30:00.000Z')
    const select = () =>
      queryRows<{ n: number; t: string; names: string[]; j: { a: number } }>(
        db,
        sql`select count(*)::int as n, to_char(${at}::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as t,
                   (select array_agg(name order by id) from things where id in ${[1, 2]}) as names, ${JSON.stringify({ a: 1 })}::jsonb as j
            from things where name like ${'thing 1%'} and size >= ${0}`,
      )
    const { result, stats } = await countStatements(async () => [await select(), await select(), await select()])
    expect(stats.statements).toBe(3)
    for (const rows of result) expect(rows).toEqual([{ n: 111, t: '2026-03-01 12:30', names: ['thing 1', 'thing 2'], j: { a: 1 } }])
  })

  it('keeps statements inside transactions: a failed statement rolls the transaction back, and its error keeps the code and the query', async () => {
    const insert = (id: number, name: string) => sql`insert into things (id, name, size) values (${id}, ${name}, 1)`
    let failure: unknown
    await db
      .transaction(async (tx) => {
        await tx.execute(insert(1001, 'new one'))
        await tx.execute(insert(1002, 'thing 1'))
      })
      .catch((error: unknown) => (failure = error))
    expect(uniqueViolation(failure)).toBe('things_name_key')
    expect((failure as { cause?: { query?: string } }).cause?.query).toContain('insert into things')
    expect(await queryRows(db, sql`select id from things where id in (1001, 1002)`)).toEqual([])

    await db.transaction(async (tx) => {
      await tx.execute(insert(1003, 'kept in a transaction'))
    })
    expect(await queryRows(db, sql`select name from things where id = ${1003}`)).toEqual([{ name: 'kept in a transaction' }])
  })

  it('prepares again when a kept statement went stale: the table changed shape, or the statements were deallocated', async () => {
    const all = 'select * from things where id = $1'
    expect((await pglite.query(all, [1])).rows).toEqual([{ id: 1, name: 'thing 1', size: 1 }])
    await pglite.exec('alter table things add column colour text')
    expect((await pglite.query(all, [1])).rows).toEqual([{ id: 1, name: 'thing 1', size: 1, colour: null }])
    await pglite.exec('deallocate all')
    expect((await pglite.query(all, [2])).rows).toEqual([{ id: 2, name: 'thing 2', size: 2, colour: null }])
    await pglite.exec('alter table things drop column colour')
  })

  it('leaves statements without a plan (utility statements, one-off bulk writes) to PGlite as before', async () => {
    await pglite.query('set application_name = $$kept plans test$$')
    await pglite.query(
      `insert into things (id, name, size) values ${Array.from({ length: 600 }, (_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')}`,
      Array.from({ length: 600 }, (_, i) => [5000 + i, `bulk ${i}`, 0]).flat(),
    )
    const texts = (await preparedStatements(pglite)).map((s) => s.statement)
    expect(texts.some((t) => /application_name|bulk|5000/.test(t) || t.startsWith('insert into things (id, name, size) values ($1'))).toBe(false)
    expect((await pglite.query<{ n: number }>('select count(*)::int as n from things where id >= 5000')).rows).toEqual([{ n: 600 }])
  })
})

describe('the kept statements are bounded', () => {
  it('closes the least recently used statement beyond the limit', async () => {
    const pg = new PGlite()
    try {
      const kept = keepPlans(pg, 3)
      await pg.waitReady
      for (const n of [1, 2, 3, 1, 4, 5]) expect((await pg.query<{ n: number }>(`select ${n}::int as n, $1::int as m`, [n])).rows).toEqual([{ n, m: n }])
      expect(kept.statements()).toBe(3)
      const texts = (await preparedStatements(pg)).map((s) => s.statement).sort()
      // 1 was used again after 2 and 3, so 2 and 3 went first.
      expect(texts).toEqual(['select 1::int as n, $1::int as m', 'select 4::int as n, $1::int as m', 'select 5::int as n, $1::int as m'])
    } finally {
      await pg.close()
    }
  })
})
