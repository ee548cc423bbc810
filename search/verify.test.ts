/**
 * search:verify finds every kind of drift between the index and the database, on the engine under
 * test (PostgreSQL, or Meilisearch when MEILI_HOST is set), and --fix repairs exactly that.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { approveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { approveApplication } from '#app/features/orgs/applications.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { db } from '#db/client.server.ts'
import { createPartner } from '#tests/factories/index.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { documentsFor, emptyAffected } from '#search/documents.server.ts'
import { dropTestIndex, engineUnderTest, searchConsumer } from '#search/test-support.ts'
import { describeDrift, verifySearchIndex } from '#search/verify.server.ts'

const engine = engineUnderTest()
const { drain } = searchConsumer(engine)
afterAll(() => dropTestIndex(engine))

let partnerId = ''
let listingId = ''

beforeAll(async () => {
  useTempStorage()
  const { vendor, categories } = await vendorWithCategories()
  const created = await createPartner({ name: 'Verify Partner', status: 'applicant' })
  await approveApplication(vendor.admin, created.org.id)
  const actor = (await loadActor(created.admin.userId))!
  const listing = await createListing(actor, listingInput({ title: 'Verified gazelle listing', slug: 'verified-gazelle', categoryIds: [categories.saas.id] }))
  await submitListing(actor, listing.id)
  await approveListing(vendor.admin, listing.id)
  partnerId = created.org.id
  listingId = listing.id
  await drain()
})

test('an index equal to the database has no drift', async () => {
  const report = await verifySearchIndex(engine)
  expect(report.drift).toEqual([])
  expect(report.indexed).toBe(report.expected)
  expect(report.expected).toBeGreaterThanOrEqual(2)
})

test('missing, extra and stale documents (a body-only change too) are reported, and --fix repairs them', async () => {
  const affected = emptyAffected()
  affected.partners.add(partnerId)
  affected.listings.add(listingId)
  const { upserts } = await documentsFor(db, affected)
  const partner = upserts.find((d) => d.kind === 'partner')!
  const listing = upserts.find((d) => d.kind === 'listing')!
  // Drift made behind the outbox's back: one removed, one foreign, one with an old title, one with an old body.
  await engine.delete([partner.id])
  await engine.upsert([{ ...CONTRACT_DOCUMENTS[0]!, id: 'partner-not-in-the-database', entityId: 'not-in-the-database' }])
  await engine.upsert([{ ...listing, title: 'An old title' }])
  const report = await verifySearchIndex(engine)
  expect(describeDrift(report)).toEqual(
    [
      `  missing  ${partner.id} (searchable in the database, not in the index)`,
      `  stale    ${listing.id} (differs in title)`,
      '  extra    partner-not-in-the-database (in the index, not searchable in the database)',
    ].sort((a, b) => a.slice(11).localeCompare(b.slice(11))),
  )
  await engine.upsert([{ ...listing, body: 'A body the database no longer has' }])
  expect(describeDrift(await verifySearchIndex(engine))).toContain(`  stale    ${listing.id} (differs in body or keywords)`)

  const fixed = await verifySearchIndex(engine, { fix: true })
  expect(fixed.fixed).toBe(true)
  expect(fixed.drift).toHaveLength(3)
  expect((await verifySearchIndex(engine)).drift).toEqual([])
  expect((await engine.search({ q: 'gazelle' })).hits.map((h) => h.document.title)).toEqual(['Verified gazelle listing'])
})
