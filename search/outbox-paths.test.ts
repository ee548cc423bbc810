/**
 * Every path that changes searchable data reaches the index through the outbox: after each, the
 * search consumer alone (no reindex) brings the index to what the database says. Runs on the
 * embedded PostgreSQL engine, and against Meilisearch when MEILI_HOST is set.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { importSnapshot, importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { recordEvent, type NewEvent } from '#app/features/events/outbox.server.ts'
import { updateCategory } from '#app/features/listings/categories.server.ts'
import { approveListing, archiveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { approveApplication, rejectApplication } from '#app/features/orgs/applications.server.ts'
import { db, queryRows } from '#db/client.server.ts'
import { organizations } from '#db/schema/index.ts'
import { createPartner as createOrgWithUsers } from '#tests/factories/index.ts'
import { dropTestIndex, engineUnderTest, expectIndexEqualsDatabase, searchConsumer } from '#search/test-support.ts'

const engine = engineUnderTest()
const { drain } = searchConsumer(engine)
afterAll(() => dropTestIndex(engine))

let setup: Awaited<ReturnType<typeof vendorWithCategories>>

beforeAll(async () => {
  useTempStorage()
  setup = await vendorWithCategories()
  await drain()
})

const ids = async (q: string) => (await engine.search({ q, perPage: 100 })).hits.map((h) => h.document.id)

async function orgIdByKey(key: string) {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.importKey, key))
  return row!.id
}

async function approvedPartner(name: string) {
  const created = await createOrgWithUsers({ name, status: 'applicant' })
  await approveApplication(setup.vendor.admin, created.org.id)
  return { ...created, admin: (await loadActor(created.admin.userId))! }
}

async function publish(actor: Parameters<typeof createListing>[0], overrides: Record<string, unknown> = {}) {
  const created = await createListing(actor, listingInput({ categoryIds: [setup.categories.saas.id], ...overrides }))
  await submitListing(actor, created.id)
  await approveListing(setup.vendor.admin, created.id)
  return created
}

function snapshot(partners: { key: string; name: string; status?: string; tier?: string }[]) {
  return JSON.stringify({
    organizations: [
      { key: 'vendor', name: 'Vendor', kind: 'vendor', status: 'active' },
      ...partners.map((p) => ({
        key: p.key,
        name: p.name,
        kind: 'partner',
        type: 'systems_integrator',
        tier: p.tier ?? 'gold',
        status: p.status ?? 'active',
        approvedAt: '2025-11-02T00:00:00Z',
        regions: ['EMEA'],
        industries: ['healthcare'],
      })),
    ],
    opportunities: [],
    referrals: [],
    coSell: [],
  })
}

describe('imports (npm run import, and the upload in the admin)', () => {
  test('imported active partners become searchable, and a re-import that changes them updates or removes them', async () => {
    const first = await importSnapshotFromCli(
      snapshot([
        { key: 'zirconia', name: 'Zirconia Integrators' },
        { key: 'quokka', name: 'Quokka Consulting' },
        { key: 'dormant', name: 'Dormant Dynamics', status: 'suspended' },
      ]),
    )
    expect(first.ok).toBe(true)
    await drain()
    const zirconia = await orgIdByKey('zirconia')
    const quokka = await orgIdByKey('quokka')
    expect(await ids('zirconia')).toEqual([`partner-${zirconia}`])
    expect(await ids('quokka')).toEqual([`partner-${quokka}`])
    expect(await ids('dormant')).toEqual([])
    await expectIndexEqualsDatabase(engine)

    // The same file again changes nothing and records no organization events.
    const [before] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from domain_events where type = 'org.imported'`)
    expect(
      (
        await importSnapshotFromCli(
          snapshot([
            { key: 'zirconia', name: 'Zirconia Integrators' },
            { key: 'quokka', name: 'Quokka Consulting' },
            { key: 'dormant', name: 'Dormant Dynamics', status: 'suspended' },
          ]),
        )
      ).ok,
    ).toBe(true)
    const [after] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from domain_events where type = 'org.imported'`)
    expect(after!.n).toBe(before!.n)

    // Renamed, suspended, reactivated, re-tiered: the index follows each.
    expect(
      (
        await importSnapshotFromCli(
          snapshot([
            { key: 'zirconia', name: 'Zirconia Cloud Partners', tier: 'platinum' },
            { key: 'quokka', name: 'Quokka Consulting', status: 'suspended' },
            { key: 'dormant', name: 'Dormant Dynamics' },
          ]),
        )
      ).ok,
    ).toBe(true)
    await drain()
    const renamed = await engine.search({ q: 'zirconia' })
    expect(renamed.hits.map((h) => [h.document.title, h.document.tier])).toEqual([['Zirconia Cloud Partners', 'platinum']])
    expect(await ids('quokka')).toEqual([])
    expect(await ids('dormant')).toEqual([`partner-${await orgIdByKey('dormant')}`])
    await expectIndexEqualsDatabase(engine)
  })

  test("the vendor admin's upload goes through the same outbox path", async () => {
    const result = await importSnapshot(setup.vendor.admin, snapshot([{ key: 'uploaded-okapi', name: 'Okapi Uploaded Systems' }]), { fileName: 'snapshot.json' })
    expect(result.ok).toBe(true)
    await drain()
    expect(await ids('okapi')).toEqual([`partner-${await orgIdByKey('uploaded-okapi')}`])
  })

  test('a bulk import of 1,200 partners (several insert chunks) is searchable in full without a reindex', async () => {
    const partners = Array.from({ length: 1200 }, (_, i) => ({ key: `bulk-${i}`, name: `Bulkimport Partner ${String(i).padStart(4, '0')}` }))
    expect((await importSnapshotFromCli(snapshot(partners))).ok).toBe(true)
    await drain(60_000)
    expect((await engine.search({ q: 'bulkimport', perPage: 1 })).total).toBe(1200)
    await expectIndexEqualsDatabase(engine)
  }, 120_000)
})

describe('admin and status changes', () => {
  test('application decisions, a profile edit, a category rename and a vendor archive each reach the index', async () => {
    const p = await approvedPartner('Marmot Analytics')
    const applicant = await createOrgWithUsers({ name: 'Rejected Narwhal Labs', status: 'applicant' })
    const listing = await publish(p.admin, { title: 'Marmot lakehouse rollout', slug: 'marmot-lakehouse' })
    await drain()
    expect(await ids('marmot')).toEqual(expect.arrayContaining([`partner-${p.org.id}`, `listing-${listing.id}`]))

    await rejectApplication(setup.vendor.admin, applicant.org.id, { reason: 'Not a fit for the program.' })
    await updateOwnProfile(p.admin, { tagline: 'Wombat-grade data pipelines', regions: ['NA'], industries: ['retail'], skills: '' })
    // The category name is part of every listing's (and its partner's) keywords.
    await updateCategory(setup.vendor.admin, setup.categories.saas.id, { name: 'Quetzal migrations', slug: setup.categories.saas.slug, position: 1 })
    await drain()
    expect(await ids('narwhal')).toEqual([])
    const profile = (await engine.search({ q: 'wombat' })).hits
    expect(profile.map((h) => [h.document.id, h.document.regions])).toEqual([[`partner-${p.org.id}`, ['NA']]])
    expect(await ids('quetzal')).toEqual(expect.arrayContaining([`partner-${p.org.id}`, `listing-${listing.id}`]))
    await expectIndexEqualsDatabase(engine)

    await archiveListing(setup.vendor.admin, listing.id)
    await drain()
    expect(await ids('lakehouse')).toEqual([])
    await expectIndexEqualsDatabase(engine)
  })

  test('org.suspended drops an org, its listings and integrations; org.reinstated brings them back', async () => {
    const p = await approvedPartner('Pangolin Systems')
    const listing = await publish(p.admin, { title: 'Pangolin security review', slug: 'pangolin-review' })
    await drain()
    expect(await ids('pangolin')).toHaveLength(2)

    // As the suspension feature records it: the status change and its event in one transaction.
    const setStatus = (status: 'suspended' | 'active', type: 'org.suspended' | 'org.reinstated', subject: { subjectType: string; subjectId: string }) =>
      db.transaction(async (tx) => {
        await tx.update(organizations).set({ status, updatedAt: new Date() }).where(eq(organizations.id, p.org.id))
        await recordEvent(tx, {
          type,
          actorId: setup.vendor.admin.userId,
          orgId: p.org.id,
          ...subject,
          payload: type === 'org.suspended' ? { orgId: p.org.id, name: 'Pangolin', reason: 'A test suspension' } : { orgId: p.org.id, name: 'Pangolin' },
        } as NewEvent)
      })
    await setStatus('suspended', 'org.suspended', { subjectType: 'organization', subjectId: p.org.id })
    await drain()
    expect(await ids('pangolin')).toEqual([])
    await expectIndexEqualsDatabase(engine)

    // Handled by its type, whatever subject the producer picks (here a moderation case).
    await setStatus('active', 'org.reinstated', { subjectType: 'moderation_case', subjectId: 'case-1' })
    await drain()
    expect((await ids('pangolin')).sort()).toEqual([`listing-${listing.id}`, `partner-${p.org.id}`].sort())
    await setStatus('suspended', 'org.suspended', { subjectType: 'moderation_case', subjectId: 'case-2' })
    await drain()
    expect(await ids('pangolin')).toEqual([])
    await expectIndexEqualsDatabase(engine)
  })
})
