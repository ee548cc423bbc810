import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { partnerships } from '#db/schema/partnerships.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { loader as portfolioLoader } from '#app/routes/admin.partnerships.portfolio.tsx'
import { loader as ownLoader } from '#app/routes/partnerships.health._index.tsx'
import { loader as detailLoader } from '#app/routes/partnerships.health.$partnershipId.tsx'
import { ownPortfolio, partnershipHealthPage, vendorPortfolio } from '#app/features/partnerships/portfolio.server.ts'

type LoaderArgs = Parameters<typeof portfolioLoader>[0]
async function status(loader: (args: LoaderArgs) => Promise<unknown>, actor: unknown, url: string, params: Record<string, string> = {}) {
  try {
    const result = await loader({ request: new Request(`http://localhost${url}`), context: { actor } as never, params })
    return { status: 200, body: (result as { data: unknown }).data as Record<string, unknown> }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null }
    throw thrown
  }
}

describe('partnership health permissions', () => {
  it("the vendor's team sees the portfolio; partners see only their own partnerships; anyone else gets 404", async () => {
    const vendor = await createVendor()
    const a = await createPartner({ name: 'Perm Alpha' })
    const b = await createPartner({ name: 'Perm Beta' })
    const c = await createPartner({ name: 'Perm Gamma' })
    const [vp] = await db
      .insert(partnerships)
      .values({ orgAId: vendor.org.id, orgBId: a.org.id, strategic: true, designatedAt: new Date('2025-01-01T00:00:00Z'), stage: 'active_collaboration' })
      .returning()
    const [pp] = await db.insert(partnerships).values({ orgAId: a.org.id, orgBId: b.org.id, stage: 'active_collaboration' }).returning()

    // The vendor portfolio: the vendor's team only (strategic partnerships).
    for (const actor of [vendor.admin, vendor.member]) {
      const res = await status(portfolioLoader, actor, '/admin/partnerships/portfolio')
      expect(res.status).toBe(200)
      expect((res.body!.rows as { id: string }[]).map((r) => r.id)).toEqual([vp!.id])
    }
    for (const actor of [a.admin, a.member, c.admin]) {
      expect((await status(portfolioLoader, actor, '/admin/partnerships/portfolio')).status).toBe(403)
      await expect(vendorPortfolio(actor)).rejects.toMatchObject({ code: 'forbidden' })
    }
    expect((await status(portfolioLoader, undefined, '/admin/partnerships/portfolio')).status).toBe(302)

    // A partner's own page: its partnerships only.
    const own = await status(ownLoader, a.member, '/partnerships/health')
    expect((own.body!.rows as { id: string }[]).map((r) => r.id).sort()).toEqual([vp!.id, pp!.id].sort())
    expect(((await status(ownLoader, b.admin, '/partnerships/health')).body!.rows as { id: string }[]).map((r) => r.id)).toEqual([pp!.id])
    expect((await ownPortfolio(c.admin)).rows).toEqual([])

    // One partnership: its two sides and the vendor's team; another organization gets 404.
    for (const actor of [vendor.member, a.member, a.admin]) expect((await status(detailLoader, actor, `/partnerships/health/${vp!.id}`, { partnershipId: vp!.id })).status).toBe(200)
    for (const actor of [b.admin, b.member, c.admin]) {
      expect((await status(detailLoader, actor, `/partnerships/health/${vp!.id}`, { partnershipId: vp!.id })).status).toBe(404)
      await expect(partnershipHealthPage(actor, vp!.id)).rejects.toMatchObject({ code: 'not_found' })
    }
    expect((await status(detailLoader, b.member, `/partnerships/health/${pp!.id}`, { partnershipId: pp!.id })).status).toBe(200)
    expect((await status(detailLoader, c.member, `/partnerships/health/${pp!.id}`, { partnershipId: pp!.id })).status).toBe(404)
    expect((await status(detailLoader, a.admin, '/partnerships/health/nope', { partnershipId: 'nope' })).status).toBe(404)
    expect((await status(detailLoader, a.admin, '/partnerships/health/..%2F', { partnershipId: '../' })).status).toBe(404)
  })
})
