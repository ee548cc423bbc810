import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { changeStage, openCosell, respondToCosell } from '#app/features/cosell/cosell.server.ts'
import { connectAs, nextEvent, startNode, type Node } from '#app/features/messaging/testing.server.ts'
import { saveAccount } from '#app/features/accounts/accounts.server.ts'
import { requestConnection, respondToConnection, updateSharing } from '#app/features/accounts/connections.server.ts'
import { importAccountsCsv } from '#app/features/accounts/import-apply.server.ts'
import { overlapAccounts } from '#app/features/accounts/overlap.server.ts'

let node: Node
beforeAll(async () => {
  node = await startNode()
})
afterAll(async () => {
  await node?.close()
})

async function* text(s: string) {
  yield new TextEncoder().encode(s)
}

describe('socket events never carry a non-overlapping account', () => {
  it('the connected partner hears of connection and co-sell changes, a stranger hears nothing, and no event names a private account', async () => {
    const a = await createPartner({ name: 'Alpha Mapping' })
    const b = await createPartner({ name: 'Beta Mapping' })
    const stranger = await createPartner()
    const vendor = await createVendor()
    const received: { who: string; event: unknown }[] = []
    const sockets = await Promise.all([connectAs(node.url, b.member), connectAs(node.url, stranger.admin), connectAs(node.url, vendor.member), connectAs(node.url, a.member)])
    const names = ['b', 'stranger', 'vendor', 'a']
    sockets.forEach((s, i) => s.on('event', (event: unknown) => received.push({ who: names[i]!, event })))

    // A's list: two shared with B, and private ones B must never hear of
    const file = [
      'name,domain,population',
      'Shared One,shared-one.com,customer',
      'Shared Two,shared-two.com,opportunity',
      'PRIVATEALPHA Corp,private-alpha.com,prospect',
      'PRIVATEALPHA Two,private-two.com,customer',
    ].join('\n')
    const aJob = await importAccountsCsv(a.admin, { filename: 'a.csv', data: text(file), mode: 'strict' })
    const { account: aManual } = await saveAccount(a.admin, { name: 'PRIVATEALPHA Manual', domain: 'private-manual.com', population: 'prospect' })
    await importAccountsCsv(b.admin, {
      filename: 'b.csv',
      data: text('name,domain,population\nB1,shared-one.com,customer\nB2,shared-two.com,customer\nPRIVATEBETA,private-beta.com,prospect\n'),
      mode: 'strict',
    })

    const conn = await requestConnection(a.admin, { partner: b.org.slug, share: { customer: 'names', opportunity: 'names', prospect: 'names' } })
    await respondToConnection(b.admin, conn.id, { decision: 'accept', share: { customer: 'names', opportunity: 'counts', prospect: 'names' } })
    await updateSharing(a.admin, conn.id, { customer: 'names', opportunity: 'names', prospect: 'counts' })
    const overlap = await overlapAccounts(a.member, conn.id)
    expect(overlap.accounts.map((r) => r.domain)).toEqual(['shared-one.com'])

    const opp = await openCosell(a.member, { accountName: overlap.accounts[0]!.name, accountDomain: overlap.accounts[0]!.domain, invites: [{ partner: b.org.slug, role: 'implementation' }] })
    await respondToCosell(b.member, opp.id, { decision: 'accept' })
    const lastEvent = nextEvent<{ type: string; payload: { toStage?: string } }>(sockets[0]!, 'event', (e) => e.type === 'cosell.stage_changed' && e.payload.toStage === 'qualified')
    await changeStage(a.admin, opp.id, { stage: 'qualified' })
    await lastEvent

    const toB = received.filter((r) => r.who === 'b').map((r) => (r.event as { type: string }).type)
    expect(toB).toEqual(expect.arrayContaining(['connection.requested', 'connection.accepted', 'connection.sharing_changed', 'cosell.opened', 'cosell.accepted', 'cosell.stage_changed']))
    // nothing about A's account list (imports, manual adds) reaches B, and nothing at all reaches a stranger
    const aSubjects = [aJob.id, aManual.id]
    expect(received.filter((r) => r.who !== 'a' && aSubjects.includes((r.event as { subjectId: string }).subjectId))).toEqual([])
    expect(received.filter((r) => r.who === 'stranger')).toEqual([])
    const everythingNotA = JSON.stringify(received.filter((r) => r.who !== 'a'))
    expect(everythingNotA).not.toMatch(/PRIVATE|private-/)
    // A hears of its own imports
    expect(received.filter((r) => r.who === 'a').map((r) => (r.event as { type: string }).type)).toContain('accounts.imported')
    for (const s of sockets) s.disconnect()
  }, 60_000)
})
