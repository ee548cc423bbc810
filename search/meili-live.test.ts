/**
 * A real Meilisearch server goes away while listings are published: the process is killed
 * (SIGKILL, as a crash) and started again on the same port and data dir after
 * MEILI_OUTAGE_SECONDS (30 by default). The search consumer, running as the workers run it,
 * keeps its cursor while the server is down and retries; afterwards the index equals the database.
 * Runs when MEILI_HOST is set (`npm run meili -- …`, as .ci/run does) and a binary is found; the
 * test starts a server of its own so it can kill it.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startConsumer } from '#app/features/events/outbox.server.ts'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { approveApplication } from '#app/features/orgs/applications.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { db, queryRows } from '#db/client.server.ts'
import { findMeiliBinary, startMeili, type MeiliServer } from '../scripts/lib/meili.ts'
import { createPartner } from '#tests/factories/index.ts'
import { MeiliSearchEngine } from '#search/meili.server.ts'
import { handleSearchEvents, SEARCH_CONSUMER } from '#search/sync.server.ts'
import { expectIndexEqualsDatabase } from '#search/test-support.ts'

const runs = Boolean(process.env.MEILI_HOST) && findMeiliBinary().path !== null
const OUTAGE_MS = Number(process.env.MEILI_OUTAGE_SECONDS ?? 30) * 1000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.runIf(runs)('Meilisearch outage (a real server killed and restarted)', () => {
  let server: MeiliServer
  let engine: MeiliSearchEngine

  beforeAll(async () => {
    useTempStorage()
    server = await startMeili()
    engine = new MeiliSearchEngine({ host: server.host, apiKey: server.masterKey, index: 'outage', requestTimeoutMs: 2000 })
    await engine.ensureIndex()
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  test('settings are applied at the first start only; starting again against the configured index changes nothing', async () => {
    const first = new MeiliSearchEngine({ host: server.host, apiKey: server.masterKey, index: 'settings_once' })
    expect(await first.configure('settings_once')).toContain('filterableAttributes')
    // Another node (or a restart) starting against the same index.
    const again = new MeiliSearchEngine({ host: server.host, apiKey: server.masterKey, index: 'settings_once' })
    expect(await again.configure('settings_once')).toEqual([])
    await again.ensureIndex()
    const tasks = await again.client.tasks.getTasks({ indexUids: ['settings_once'], types: ['settingsUpdate'] })
    expect(tasks.results).toHaveLength(1)
  })

  test('listings published while the server is down are all searchable after it is back', async () => {
    const { vendor, categories } = await vendorWithCategories()
    const created = await createPartner({ name: 'Outage Partner', status: 'applicant' })
    await approveApplication(vendor.admin, created.org.id)
    const actor = (await loadActor(created.admin.userId))!
    const publish = async (i: number) => {
      const l = await createListing(actor, listingInput({ title: `Outage listing ${i} kestrel`, slug: `outage-listing-${i}`, categoryIds: [categories.saas.id] }))
      await submitListing(actor, l.id)
      await approveListing(vendor.admin, l.id)
    }
    const errors: string[] = []
    const loop = startConsumer(SEARCH_CONSUMER, (events, tx) => handleSearchEvents(events, tx, engine), {
      intervalMs: 100,
      onError: (error) => errors.push(String(error)),
    })
    try {
      await publish(0)
      // Down: kill the process, keep publishing for the whole outage.
      await server.kill()
      const until = Date.now() + OUTAGE_MS
      let i = 1
      while (Date.now() < until) {
        await publish(i++)
        await sleep(500)
      }
      const [cursor] = await queryRows<{ failures: number; last_error: string | null }>(db, sql`select failures, last_error from outbox_cursors where consumer = ${SEARCH_CONSUMER}`)
      expect(cursor!.failures).toBeGreaterThan(0)
      expect(cursor!.last_error).toBeTruthy()

      // Back on the same port and data dir; the consumer catches up on its own.
      await server.restart()
      await publish(i++)
      const deadline = Date.now() + 120_000
      for (;;) {
        const [state] = await queryRows<{ pending: number; failures: number }>(
          db,
          sql`select c.failures, (select count(*)::int from domain_events e where (e.txid, e.id) > (c.last_txid, c.last_id)) as pending
              from outbox_cursors c where c.consumer = ${SEARCH_CONSUMER}`,
        )
        if (Number(state!.pending) === 0 && Number(state!.failures) === 0) break
        if (Date.now() > deadline) throw new Error(`the consumer did not catch up after the restart (${state!.pending} events pending)`)
        await sleep(250)
      }
      expect((await engine.search({ q: 'kestrel', perPage: 1 })).total).toBe(i)
      await expectIndexEqualsDatabase(engine)
      expect(errors).toEqual([])
    } finally {
      await loop.stop()
    }
  }, 300_000)
})
