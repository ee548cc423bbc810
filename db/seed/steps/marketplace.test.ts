import { faker } from '@faker-js/faker'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { getListingPage, marketplaceHome, resetCategoryCountsCache } from '#app/features/listings/public.server.ts'
import { storage } from '#app/features/listings/storage.server.ts'
import { useTempStorage } from '#app/features/listings/test-helpers.ts'
import { db, queryRows } from '#db/client.server.ts'
import { seedFoundation } from '#db/seed/steps/foundation.ts'
import { marketplaceStep } from '#db/seed/steps/marketplace.ts'

useTempStorage()

describe('marketplace seed', () => {
  beforeAll(async () => {
    faker.seed(20261122)
    const ctx = { faker, now: new Date('2026-11-22T00:00:00Z'), log: () => {} }
    await seedFoundation(ctx)
    await marketplaceStep.run(ctx)
  }, 120_000)

  it('creates 300+ listings across kinds, categories and statuses, with 40+ integrations', async () => {
    const byStatus = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from listings group by status`)
    const s = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300)
    for (const status of ['published', 'in_review', 'rejected', 'archived', 'draft']) expect(s[status], status).toBeGreaterThan(0)
    const [archived] = await queryRows<{ byVendor: number; byPartner: number }>(
      db,
      sql`select count(*) filter (where archived_by_vendor)::int as "byVendor", count(*) filter (where not archived_by_vendor)::int as "byPartner" from listings where status = 'archived'`,
    )
    expect(archived!.byVendor).toBeGreaterThan(0)
    expect(archived!.byPartner).toBeGreaterThan(0)
    const kinds = await queryRows<{ kind: string }>(db, sql`select distinct kind from listings`)
    expect(kinds.map((k) => k.kind).sort()).toEqual(['app', 'integration', 'service', 'solution'])
    const [cats] = await queryRows<{ used: number; total: number }>(
      db,
      sql`select (select count(distinct c) from listing_versions, unnest(category_ids) c)::int as used, (select count(*) from listing_categories)::int as total`,
    )
    expect(cats!.used).toBe(cats!.total)
    const integ = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from integrations group by status`)
    const i = Object.fromEntries(integ.map((r) => [r.status, Number(r.n)]))
    expect((i.confirmed ?? 0) + (i.pending ?? 0) + (i.declined ?? 0)).toBeGreaterThanOrEqual(40)
    expect(i.confirmed).toBeGreaterThan(i.pending ?? 0)
    expect(i.pending).toBeGreaterThan(0)
    // Published edits waiting for review keep their published version.
    const [edits] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from listings where status = 'published' and draft_version_id is not null`)
    expect(edits!.n).toBeGreaterThan(0)
  })

  it('shows reviewers the same text in the diff and in the preview: every version’s HTML is its own body rendered', async () => {
    const versions = await queryRows<{ id: string; body: string; body_html: string }>(db, sql`select id, body, body_html from listing_versions`)
    expect(versions.length).toBeGreaterThan(300)
    const disagreeing = versions.filter((v) => v.body_html !== renderMarkdown(v.body)).map((v) => v.id)
    expect(disagreeing).toEqual([])
  })

  it('gives orgs and listings real logo images and makes the marketplace look populated', async () => {
    const [row] = await queryRows<{ key: string }>(db, sql`select key from listing_media where kind = 'listing_logo' limit 1`)
    const file = await storage().get(row!.key)
    expect(file!.data.subarray(8, 12).toString('latin1')).toBe('WEBP')
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations where logo_url is null`)) as [{ n: number }]
    expect(n).toBe(0)
    resetCategoryCountsCache()
    const home = await marketplaceHome()
    expect(home.newest).toHaveLength(12)
    expect(home.featured.length).toBeGreaterThan(0)
    const [pub] = await queryRows<{ slug: string }>(db, sql`select l.slug from listings l join organizations o on o.id = l.org_id where l.status = 'published' and o.status = 'active' limit 1`)
    expect((await getListingPage(null, pub!.slug)).isPublic).toBe(true)
  })
})
