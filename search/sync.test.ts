/**
 * The outbox keeps the index equal to the database: real marketplace domain calls write events,
 * the search consumer (the same processBatch the workers run) applies them to the engine.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decideIntegration } from '#app/features/listings/integrations.server.ts'
import { approveListing, archiveListing, createListing, restoreListing, saveListingDraft, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { approveApplication } from '#app/features/orgs/applications.server.ts'
import { suspendPartner } from '#app/features/orgs/suspension.server.ts'
import { db, queryRows } from '#db/client.server.ts'
import { outboxCursors } from '#db/schema/index.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { createPartner as createOrgWithUsers } from '#tests/factories/index.ts'
import { rebuildSearchIndex, SEARCH_CONSUMER } from '#search/sync.server.ts'
import { dropTestIndex, engineUnderTest, expectIndexEqualsDatabase as indexEqualsDatabase, FlakyEngine, searchConsumer } from '#search/test-support.ts'

// The embedded PostgreSQL engine, or a real Meilisearch server when MEILI_HOST is set (.ci/run does).
const state = { down: false, failures: 0 }
const engine = new FlakyEngine(engineUnderTest(), state)
const { consume, drain } = searchConsumer(engine)
const expectIndexEqualsDatabase = () => indexEqualsDatabase(engine)
afterAll(() => dropTestIndex(engine))

async function suspend(orgId: string) {
  await suspendPartner(setup.vendor.admin, orgId, { reason: 'Suspended while the search index is checked' })
}

let setup: Awaited<ReturnType<typeof vendorWithCategories>>

/**
 * A partner that became active the way real ones do: applied, then approved by the vendor (the
 * factory alone inserts rows without events). Pass status 'applicant' to leave it unapproved.
 */
async function createPartner(input: Parameters<typeof createOrgWithUsers>[0] = {}) {
  const created = await createOrgWithUsers({ ...input, status: 'applicant' })
  if (input.status === 'applicant') return created
  await approveApplication(setup.vendor.admin, created.org.id)
  return { ...created, admin: (await loadActor(created.admin.userId))!, member: (await loadActor(created.member.userId))! }
}

beforeAll(async () => {
  useTempStorage()
  setup = await vendorWithCategories()
})

async function publish(actor: Parameters<typeof createListing>[0], overrides: Record<string, unknown> = {}) {
  const created = await createListing(actor, listingInput({ categoryIds: [setup.categories.saas.id], ...overrides }))
  await submitListing(actor, created.id)
  await approveListing(setup.vendor.admin, created.id)
  return created
}

describe('what is searchable', () => {
  test('active partners, published listings and confirmed integrations only', async () => {
    const northwind = await createPartner({ name: 'Northwind Searchable', partnerType: 'systems_integrator' })
    const applicant = await createPartner({ name: 'Applicant Pending Co', status: 'applicant' })
    const counterpart = await createPartner({ name: 'Counterpart Cloud', partnerType: 'technology' })
    await drain()
    let ids = await engine.allIds()
    expect(ids).toContain(`partner-${northwind.org.id}`)
    expect(ids).not.toContain(`partner-${applicant.org.id}`)

    // A draft and a listing in review are not searchable; a published one is.
    const draft = await createListing(northwind.admin, listingInput({ title: 'Draft only offering', slug: 'draft-only', categoryIds: [setup.categories.saas.id] }))
    const inReview = await createListing(northwind.admin, listingInput({ title: 'Waiting in review', slug: 'waiting-review', categoryIds: [setup.categories.saas.id] }))
    await submitListing(northwind.admin, inReview.id)
    const live = await publish(northwind.admin, { title: 'Healthcare cloud migration', slug: 'healthcare-cloud-migration' })
    await drain()
    ids = await engine.allIds()
    expect(ids).toContain(`listing-${live.id}`)
    expect(ids).not.toContain(`listing-${draft.id}`)
    expect(ids).not.toContain(`listing-${inReview.id}`)
    // The partner document picked up the category of its published listing.
    const partnerHit = (await engine.search({ q: 'Northwind Searchable' })).hits.find((h) => h.document.id === `partner-${northwind.org.id}`)
    expect(partnerHit?.document.categories).toEqual([setup.categories.saas.slug])

    // An integration is searchable once the counterpart confirms it.
    const integration = await publish(northwind.admin, { kind: 'integration', title: 'Northwind connector for Counterpart', slug: 'northwind-counterpart', counterpartOrgId: counterpart.org.id })
    await drain()
    expect((await engine.search({ q: 'connector counterpart' })).total).toBe(0)
    const [row] = await queryRows<{ id: string }>(db, sql`select id from integrations where listing_id = ${integration.id}`)
    await decideIntegration(counterpart.admin, { integrationId: row!.id, decision: 'confirm' })
    await drain()
    expect((await engine.search({ q: 'connector counterpart' })).hits.map((h) => h.document.id)).toEqual([`integration-${row!.id}`])

    // Approval makes the applicant searchable.
    await approveApplication(setup.vendor.admin, applicant.org.id)
    await drain()
    expect(await engine.allIds()).toContain(`partner-${applicant.org.id}`)

    // Unpublishing (archiving) removes the listing; restoring brings it back.
    await archiveListing(northwind.admin, live.id)
    await drain()
    expect(await engine.allIds()).not.toContain(`listing-${live.id}`)
    await restoreListing(northwind.admin, live.id)
    await drain()
    expect(await engine.allIds()).toContain(`listing-${live.id}`)

    // Suspending an org removes its profile, its listings and the integrations it is part of.
    await suspend(northwind.org.id)
    await drain()
    ids = await engine.allIds()
    expect(ids.filter((id) => id.endsWith(northwind.org.id) || id === `listing-${live.id}` || id === `integration-${row!.id}`)).toEqual([])
    await expectIndexEqualsDatabase()
  })

  test('an edit stays out of search until approved, then replaces the live text', async () => {
    const p = await createPartner({ name: 'Editing Partner' })
    const l = await publish(p.admin, { title: 'Original zephyr title', slug: 'original-zephyr' })
    await drain()
    await saveListingDraft(p.admin, l.id, listingInput({ title: 'Renamed quasar title', slug: 'original-zephyr', categoryIds: [setup.categories.saas.id] }))
    await drain()
    expect((await engine.search({ q: 'zephyr' })).total).toBe(1)
    expect((await engine.search({ q: 'quasar' })).total).toBe(0)
    await submitListing(p.admin, l.id)
    await approveListing(setup.vendor.admin, l.id)
    await drain()
    expect((await engine.search({ q: 'zephyr' })).total).toBe(0)
    expect((await engine.search({ q: 'quasar' })).hits.map((h) => h.document.id)).toEqual([`listing-${l.id}`])
  })
})

describe('faults', () => {
  test('the engine is down during a burst of listing changes; after recovery the index equals the database', async () => {
    const partners = await Promise.all([createPartner({ name: 'Burst One' }), createPartner({ name: 'Burst Two' })])
    await drain()
    state.down = true
    state.failures = 0
    const created: { id: string; actor: (typeof partners)[number]['admin'] }[] = []
    for (let i = 0; i < 12; i++) {
      const actor = partners[i % 2]!.admin
      created.push({ ...(await publish(actor, { title: `Burst listing ${i} orbit`, slug: `burst-listing-${i}` })), actor })
      if (i % 4 === 0) await consume() // the consumer keeps trying while the engine is down
    }
    for (const c of created.slice(0, 4)) await archiveListing(c.actor, c.id)
    for (const c of created.slice(4, 7)) {
      await saveListingDraft(
        c.actor,
        c.id,
        listingInput({ title: `Edited burst ${c.id.slice(0, 4)} nebula`, slug: `burst-listing-${created.indexOf(c)}`, categoryIds: [setup.categories.security.id] }),
      )
      await submitListing(c.actor, c.id)
      await approveListing(setup.vendor.admin, c.id)
    }
    await suspend(partners[1]!.org.id)
    await consume()
    expect(state.failures).toBeGreaterThan(0)
    const [cursor] = await db.select().from(outboxCursors).where(eq(outboxCursors.consumer, SEARCH_CONSUMER))
    expect(cursor!.failures).toBeGreaterThan(0)
    expect(cursor!.lastError).toMatch(/unreachable/)
    // While down, nothing of the burst reached the index.
    expect((await engine.inner.search({ q: 'orbit' })).total).toBe(0)

    state.down = false
    await drain()
    await expectIndexEqualsDatabase()
    // Spot checks on top of the full comparison: archived gone, edits live, suspended org's listings gone.
    const orbit = await engine.search({ q: 'orbit', perPage: 100 })
    expect(orbit.hits.every((h) => h.document.orgId === partners[0]!.org.id)).toBe(true)
    expect((await engine.search({ q: 'nebula', perPage: 100 })).hits.every((h) => h.document.categories.includes(setup.categories.security.slug))).toBe(true)
  })

  test('a rebuild during live changes swaps in an index that equals the database', async () => {
    const p = await createPartner({ name: 'Rebuild Partner' })
    const first = await publish(p.admin, { title: 'Rebuild first listing', slug: 'rebuild-first' })
    await drain()
    let changed = false
    await rebuildSearchIndex({
      engine,
      pageSize: 2,
      onProgress: async (progress) => {
        if (changed || progress.phase !== 'documents' || progress.done === 0) return
        changed = true
        // A change lands (and the live consumer applies it) while the new index is being filled.
        await archiveListing(p.admin, first.id)
        await publish(p.admin, { title: 'Rebuild second listing', slug: 'rebuild-second' })
      },
    })
    expect(changed).toBe(true)
    await drain()
    await expectIndexEqualsDatabase()
    expect(await engine.allIds()).not.toContain(`listing-${first.id}`)
  })
})
