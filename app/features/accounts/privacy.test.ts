import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { accounts, connections, type SharingLevel } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { endConnection, getConnection, listConnections, requestConnection, respondToConnection, updateSharing } from '#app/features/accounts/connections.server.ts'
import { overlapAccounts, overlapMatrix, overlapPage } from '#app/features/accounts/overlap.server.ts'
import { POPULATIONS, SHARING_LEVELS } from '#app/features/accounts/schemas.ts'

/**
 * Org A and org B share accounts in every population pair: pair (i, j) has 1 + 3i + j shared
 * domains, so each cell's count is distinct. Each also lists accounts the other does not; their
 * names carry a marker that must never reach the other side.
 */
const pairCount = (i: number, j: number) => 1 + 3 * i + j
let A: { admin: Actor; member: Actor; orgId: string }
let B: { admin: Actor; member: Actor; orgId: string }
let connectionId: string

beforeAll(async () => {
  const a = await createPartner({ name: 'Alpha Partners' })
  const b = await createPartner({ name: 'Beta Partners' })
  A = { admin: a.admin, member: a.member, orgId: a.org.id }
  B = { admin: b.admin, member: b.member, orgId: b.org.id }
  const rows: (typeof accounts.$inferInsert)[] = []
  POPULATIONS.forEach((mine, i) =>
    POPULATIONS.forEach((theirs, j) => {
      for (let k = 0; k < pairCount(i, j); k++) {
        const domain = `shared-${i}${j}-${k}.com`
        rows.push({ orgId: A.orgId, domain, name: `Shared ${i}${j} ${k}`, population: mine, source: 'seed' })
        rows.push({ orgId: B.orgId, domain, name: `Beta name ${i}${j} ${k}`, population: theirs, source: 'seed' })
      }
    }),
  )
  POPULATIONS.forEach((p, i) => {
    for (let k = 0; k < 5; k++) {
      rows.push({ orgId: A.orgId, domain: `only-alpha-${i}-${k}.com`, name: `SECRETALPHA ${k}`, population: p, source: 'seed' })
      rows.push({ orgId: B.orgId, domain: `only-beta-${i}-${k}.com`, name: `SECRETBETA ${k}`, population: p, source: 'seed' })
    }
  })
  await db.insert(accounts).values(rows)
  const conn = await requestConnection(A.admin, { partner: b.org.slug, share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
  await respondToConnection(B.admin, conn.id, { decision: 'accept', share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
  connectionId = conn.id
})

const rank = { none: 0, counts: 1, names: 2 } as const
const min = (x: SharingLevel, y: SharingLevel) => (rank[x] <= rank[y] ? x : y)

describe('overlap privacy: the stricter side governs both views', () => {
  it('for every combination of both sides’ sharing choices, each side sees exactly what the stricter rule allows', async () => {
    // All 3^3 choices of A × all 3^3 choices of B = 729 combinations.
    const choices: SharingLevel[][] = []
    for (const c of SHARING_LEVELS) for (const o of SHARING_LEVELS) for (const p of SHARING_LEVELS) choices.push([c, o, p])
    let checked = 0
    for (const a of choices) {
      for (const b of choices) {
        await db
          .update(connections)
          .set({
            requesterShareCustomers: a[0],
            requesterShareOpportunities: a[1],
            requesterShareProspects: a[2],
            recipientShareCustomers: b[0],
            recipientShareOpportunities: b[1],
            recipientShareProspects: b[2],
          })
          .where(sql`id = ${connectionId}`)
        const eff = POPULATIONS.map((_, i) => min(a[i]!, b[i]!))
        for (const [viewer, flip] of [
          [A.member, false],
          [B.member, true],
        ] as const) {
          const matrix = await overlapMatrix(viewer, connectionId)
          let expectedNames = 0
          for (const cell of matrix.cells) {
            const i = POPULATIONS.indexOf(cell.mine)
            const j = POPULATIONS.indexOf(cell.theirs)
            const level = min(eff[i]!, eff[j]!)
            expect(cell.level).toBe(level)
            const count = flip ? pairCount(j, i) : pairCount(i, j)
            expect(cell.count).toBe(level === 'none' ? null : count)
            if (level === 'names') expectedNames += count
          }
          const list = await overlapAccounts(viewer, connectionId, { page: 1 })
          expect(list.total).toBe(expectedNames)
          const text = JSON.stringify([matrix, list])
          expect(text).not.toMatch(/SECRET|only-alpha|only-beta/)
          // A side only ever sees its own names for shared accounts, never the other's.
          expect(text).not.toMatch(flip ? /Shared \d/ : /Beta name/)
          for (const row of list.accounts) {
            const i = POPULATIONS.indexOf(row.myPopulation)
            const j = POPULATIONS.indexOf(row.theirPopulation)
            expect(min(eff[i]!, eff[j]!)).toBe('names')
          }
        }
        checked++
      }
    }
    expect(checked).toBe(729)
  }, 600_000)

  it('the names list pages through every overlapping account and filters by cell', async () => {
    await updateSharing(A.admin, connectionId, { customer: 'names', opportunity: 'names', prospect: 'names' })
    await updateSharing(B.admin, connectionId, { customer: 'names', opportunity: 'names', prospect: 'names' })
    const all = await overlapAccounts(A.member, connectionId, { page: 1 })
    expect(all.total).toBe(45)
    expect(all.accounts).toHaveLength(45)
    const cell = await overlapAccounts(A.member, connectionId, { mine: 'prospect', theirs: 'customer' })
    expect(cell.total).toBe(pairCount(2, 0))
    expect(cell.accounts.every((r) => r.myPopulation === 'prospect' && r.theirPopulation === 'customer')).toBe(true)
    const search = await overlapAccounts(A.member, connectionId, { q: 'shared-00-' })
    expect(search.total).toBe(1)
    // A page past the end still tells the total; the page's loader gets the same as the two calls.
    expect(await overlapAccounts(A.member, connectionId, { page: 2 })).toMatchObject({ accounts: [], total: 45, page: 2 })
    const page = await overlapPage(A.member, connectionId, { page: 1 })
    expect(page.matrix).toEqual(await overlapMatrix(A.member, connectionId))
    expect(page.list).toEqual({ accounts: all.accounts, total: 45, page: 1, pageSize: all.pageSize })
  })

  it('an unconnected partner, a pending request and an ended connection show nothing', async () => {
    const stranger = await createPartner()
    await expect(overlapMatrix(stranger.admin, connectionId)).rejects.toMatchObject({ code: 'not_found' })
    await expect(overlapAccounts(stranger.member, connectionId)).rejects.toMatchObject({ code: 'not_found' })
    await expect(overlapPage(stranger.member, connectionId)).rejects.toMatchObject({ code: 'not_found' })
    await expect(getConnection(stranger.admin, connectionId)).rejects.toMatchObject({ code: 'not_found' })
    const vendor = await createVendor()
    await expect(overlapMatrix(vendor.admin, connectionId)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(overlapPage(vendor.admin, connectionId)).rejects.toMatchObject({ code: 'forbidden' })

    // stranger asks A; until A accepts, nothing is visible, whatever was offered
    await db.insert(accounts).values({ orgId: stranger.org.id, domain: 'shared-00-0.com', name: 'S', population: 'customer' })
    const pending = await requestConnection(stranger.admin, { partner: A.orgId, share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
    const pendingMatrix = await overlapMatrix(stranger.admin, pending.id)
    expect(pendingMatrix.cells.every((c) => c.count === null && c.level === 'none')).toBe(true)
    expect((await overlapAccounts(stranger.admin, pending.id)).total).toBe(0)
    await respondToConnection(A.admin, pending.id, { decision: 'accept', share: { customer: 'names', opportunity: 'none', prospect: 'none' } })
    expect((await overlapAccounts(stranger.admin, pending.id)).accounts.map((r) => r.domain)).toEqual(['shared-00-0.com'])
    await endConnection(stranger.admin, pending.id)
    const ended = await overlapMatrix(A.member, pending.id)
    expect(ended.cells.every((c) => c.count === null)).toBe(true)
    expect((await overlapAccounts(A.member, pending.id)).total).toBe(0)
  })
})

describe('connection permissions', () => {
  it('only admins of the two sides manage a connection, and only the recipient answers', async () => {
    const x = await createPartner()
    const y = await createPartner()
    const z = await createPartner()
    const vendor = await createVendor()
    const applicant = await createPartner({ status: 'applicant' })
    await expect(requestConnection(x.member, { partner: y.org.slug })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(requestConnection(vendor.admin, { partner: y.org.slug })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(requestConnection(applicant.admin, { partner: y.org.slug })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(requestConnection(x.admin, { partner: applicant.org.slug })).rejects.toMatchObject({ code: 'invalid' })
    await expect(requestConnection(x.admin, { partner: x.org.slug })).rejects.toMatchObject({ code: 'invalid' })
    await expect(requestConnection(x.admin, { partner: y.org.slug, share: { customer: 'everything' } })).rejects.toMatchObject({ code: 'invalid' })
    const conn = await requestConnection(x.admin, { partner: y.org.slug, message: 'Hello' })
    await expect(requestConnection(y.admin, { partner: x.org.slug })).rejects.toMatchObject({ code: 'conflict' })
    await expect(respondToConnection(x.admin, conn.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(respondToConnection(y.member, conn.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(respondToConnection(z.admin, conn.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(updateSharing(z.admin, conn.id, { customer: 'names' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(endConnection(z.admin, conn.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(endConnection(y.admin, conn.id)).rejects.toMatchObject({ code: 'conflict' })
    expect((await listConnections(y.member)).map((c) => [c.id, c.side, c.status])).toEqual([[conn.id, 'recipient', 'requested']])
    expect(await listConnections(z.member)).toEqual([])
    const accepted = await respondToConnection(y.admin, conn.id, { decision: 'accept', share: { customer: 'counts' } })
    expect(accepted.status).toBe('accepted')
    await expect(respondToConnection(y.admin, conn.id, { decision: 'decline' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(updateSharing(x.member, conn.id, { customer: 'names' })).rejects.toMatchObject({ code: 'forbidden' })
    const events = await db.execute(sql`select type from domain_events where subject_id = ${conn.id} order by id`)
    const types = ((events as { rows?: { type: string }[] }).rows ?? (events as unknown as { type: string }[])).map((e) => e.type)
    expect(types).toEqual(['connection.requested', 'connection.accepted'])
    await endConnection(y.admin, conn.id)
    // after the end, a new request is possible
    const again = await requestConnection(y.admin, { partner: x.org.slug })
    expect(again.status).toBe('requested')
    const declined = await respondToConnection(x.admin, again.id, { decision: 'decline' })
    expect(declined.status).toBe('declined')
  })
})
