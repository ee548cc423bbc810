import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { expectVersion, hasUnseenWrites, sawVersion } from '#search/index-versions.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'

const doc = (id: string, title: string) => ({ ...CONTRACT_DOCUMENTS[0]!, id: `partner-${id}`, entityId: id, slug: id, title })

test("a process sees its own index writes at once, even with a long freshness and through a transaction's engine", async () => {
  const engine = new PostgresSearchEngine(undefined, { freshMs: 60_000 })
  await engine.ensureIndex()
  expect((await engine.search({ q: 'zanzibar' })).total).toBe(0)
  await db.transaction(async (tx) => engine.using(tx).upsert([doc('own-write', 'Zanzibar Cloud')]))
  expect((await engine.search({ q: 'zanzibar' })).total).toBe(1)
  await engine.delete(['partner-own-write'])
  expect((await engine.search({ q: 'zanzibar' })).total).toBe(0)
})

test('writes of another process show once the version read is older than the freshness window', async () => {
  const reader = new PostgresSearchEngine(undefined, { freshMs: 80 })
  // Another node: the same database, but its own record of what it wrote.
  const otherNode = new PostgresSearchEngine(undefined, { source: () => otherProcess })
  const otherProcess = {}
  await reader.ensureIndex()
  expect((await reader.search({ q: 'kilimanjaro' })).total).toBe(0)
  await otherNode.upsert([doc('other-write', 'Kilimanjaro Data')])
  await new Promise((resolve) => setTimeout(resolve, 120))
  expect((await reader.search({ q: 'kilimanjaro' })).total).toBe(1)
})

test('an expected version is settled by reading it or a later one, and forgotten after the grace period', async () => {
  const source = {}
  expect(hasUnseenWrites(source)).toBe(false)
  expectVersion(source, 7)
  expectVersion(source, 9)
  sawVersion(source, 8)
  expect(hasUnseenWrites(source)).toBe(true)
  sawVersion(source, 9)
  expect(hasUnseenWrites(source)).toBe(false)
  // A write whose transaction rolled back is never seen; it stops forcing reads after the grace period.
  expectVersion(source, 100, 20)
  expect(hasUnseenWrites(source)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 40))
  expect(hasUnseenWrites(source)).toBe(false)
})

test('every write to the live index logs the documents it changed under its version; a rebuild does not', async () => {
  const engine = new PostgresSearchEngine()
  await engine.ensureIndex()
  const version = async () => Number((await queryRows<{ version: string }>(db, sql`select version from search_index_state`))[0]!.version)
  const logged = async (v: number) => (await queryRows<{ id: string }>(db, sql`select id from search_changes where version = ${v} order by id`)).map((r) => r.id)
  await engine.upsert([doc('log-a', 'Logged A'), doc('log-b', 'Logged B')])
  expect(await logged(await version())).toEqual(['partner-log-a', 'partner-log-b'])
  await engine.delete(['partner-log-a'])
  expect(await logged(await version())).toEqual(['partner-log-a'])
  const before = await version()
  const target = await engine.beginRebuild()
  await engine.upsert([doc('log-c', 'Logged C')], target)
  expect(await version()).toBe(before)
  await engine.commitRebuild(target)
  expect(await version()).toBe(before + 1)
  expect(await logged(before + 1)).toEqual([])
})
