import { parse } from 'csv-parse/sync'
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { notifications, opportunityParticipants, opportunityStageHistory } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { getThreadForActor, postMessage } from '#app/features/messaging/threads.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { addTask, changeStage, exportCosellCsv, getCosell, inviteToCosell, listCosell, openCosell, respondToCosell, setTaskDone, updateCosellRecord } from '#app/features/cosell/cosell.server.ts'

async function eventTypes(subjectId: string) {
  const rows = await queryRows<{ type: string }>(db, sql`select type from domain_events where subject_id = ${subjectId} order by id`)
  return rows.map((r) => r.type)
}

describe('co-sell opportunities', () => {
  it('a partner opens one and invites partners; invitees accept or decline; stages keep history; the record is shared', async () => {
    const owner = await createPartner({ name: 'Owner Co' })
    const tech = await createPartner({ name: 'Tech Co' })
    const impl = await createPartner({ name: 'Impl Co' })
    const opp = await openCosell(owner.member, {
      accountName: 'Contoso',
      accountDomain: 'https://www.contoso.com/',
      amount: '120,000',
      stage: 'qualified',
      expectedCloseAt: '2026-12-31',
      invites: [
        { partner: tech.org.slug, role: 'technology', message: 'Join us?' },
        { partner: impl.org.id, role: 'implementation' },
      ],
    })
    expect(opp).toMatchObject({ isCosell: true, accountDomain: 'contoso.com', amount: 12_000_000, stage: 'qualified', sourcedByOrgId: owner.org.id })
    // invitee sees it and can answer but not edit
    const seen = await getCosell(tech.member, opp.id)
    expect(seen.access).toMatchObject({ canRespond: true, canEdit: false })
    await expect(changeStage(tech.member, opp.id, { stage: 'committed' })).rejects.toMatchObject({ code: 'forbidden' })
    const joined = await respondToCosell(tech.member, opp.id, { decision: 'accept' })
    expect(joined.status).toBe('accepted')
    expect(joined.joinedAt).toBeInstanceOf(Date)
    const declined = await respondToCosell(impl.admin, opp.id, { decision: 'decline' })
    expect(declined.joinedAt).toBeNull()
    await expect(respondToCosell(tech.member, opp.id, { decision: 'decline' })).rejects.toMatchObject({ code: 'conflict' })
    // a declined org no longer sees it
    await expect(getCosell(impl.member, opp.id)).rejects.toMatchObject({ code: 'not_found' })

    await changeStage(tech.member, opp.id, { stage: 'technical_validation' })
    await changeStage(owner.admin, opp.id, { stage: 'won' })
    const history = await db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, opp.id))
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, 'qualified'],
      ['qualified', 'technical_validation'],
      ['technical_validation', 'won'],
    ])
    const won = await getCosell(owner.member, opp.id)
    expect(won.opp.closedAt).toBeInstanceOf(Date)
    await changeStage(owner.admin, opp.id, { stage: 'committed' })
    expect((await getCosell(owner.member, opp.id)).opp.closedAt).toBeNull()

    await updateCosellRecord(tech.admin, opp.id, { nextSteps: 'Demo on Friday', notes: 'Budget approved' })
    const task = await addTask(owner.member, opp.id, { title: 'Send proposal', ownerUserId: tech.member.userId, dueAt: '2026-12-01' })
    expect(task.ownerOrgId).toBe(tech.org.id)
    await expect(addTask(owner.member, opp.id, { title: 'x', ownerUserId: impl.member.userId })).rejects.toMatchObject({ code: 'invalid' })
    await setTaskDone(tech.member, task.id, true)
    const view = await getCosell(tech.member, opp.id)
    expect(view.opp.nextSteps).toBe('Demo on Friday')
    expect(view.tasks[0]).toMatchObject({ title: 'Send proposal', ownerOrgName: 'Tech Co' })
    expect(view.tasks[0]!.doneAt).toBeInstanceOf(Date)
    expect(view.people.map((p) => p.orgName).sort()).toEqual(['Owner Co', 'Owner Co', 'Tech Co', 'Tech Co'])

    // the realtime thread: parties of the co-sell only
    expect(view.threadId).toBeTruthy()
    await postMessage(tech.member, { threadId: view.threadId!, body: 'Hello team' })
    await expect(getThreadForActor(impl.member, view.threadId!)).rejects.toMatchObject({ code: 'not_found' })

    expect(await eventTypes(opp.id)).toEqual([
      'cosell.invited',
      'cosell.invited',
      'cosell.opened',
      'cosell.accepted',
      'cosell.declined',
      'cosell.stage_changed',
      'cosell.stage_changed',
      'cosell.stage_changed',
      'cosell.updated',
      'cosell.task_added',
      'cosell.task_done',
    ])
    // Each side hears of it through the notification plans: the invitee, the owner, the task's owner.
    await deliverPendingNotifications()
    const titlesOf = async (userId: string) =>
      (
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'cosell')))
      ).map((n) => n.title)
    expect(await titlesOf(tech.member.userId)).toEqual(expect.arrayContaining(['Owner Co invites you to co-sell Contoso', 'New co-sell task on Contoso: Send proposal']))
    expect(await titlesOf(owner.admin.userId)).toEqual(expect.arrayContaining(['Tech Co joined the co-sell of Contoso', 'Impl Co declined the co-sell of Contoso']))
    // Nobody is told of what they did: the task's creator gets no task notification.
    expect((await titlesOf(owner.member.userId)).filter((t) => t.startsWith('New co-sell task'))).toEqual([])
    // the re-invite of a declined partner works
    await inviteToCosell(owner.admin, opp.id, { partner: impl.org.slug, role: 'reseller' })
    const [again] = await db
      .select()
      .from(opportunityParticipants)
      .where(and(eq(opportunityParticipants.opportunityId, opp.id), eq(opportunityParticipants.orgId, impl.org.id)))
    expect(again).toMatchObject({ status: 'invited', role: 'reseller' })
  })

  it('a partner that declined an invitation no longer finds the co-sell in its list, its CSV export or the vendor’s partner filter', async () => {
    const vendor = await createVendor()
    const owner = await createPartner({ name: 'Declined Owner Co' })
    const invitee = await createPartner({ name: 'Declining Co' })
    const opp = await openCosell(owner.admin, {
      accountName: 'Declined Deal',
      accountDomain: 'declined-deal.example.com',
      amount: '5,000',
      stage: 'qualified',
      invites: [{ partner: invitee.org.slug, role: 'technology' }],
    })
    const csvIds = async (actor: typeof invitee.admin, filters: Record<string, unknown> = {}) => (parse(await exportCosellCsv(actor, filters), { columns: true }) as { id: string }[]).map((r) => r.id)
    const listIds = async (actor: typeof invitee.admin, filters: Record<string, unknown> = {}) => (await listCosell(actor, filters)).opportunities.map((o) => o.id)
    // While invited, it shows (so the checks below can fail).
    expect(await listIds(invitee.member)).toContain(opp.id)
    expect(await csvIds(invitee.member)).toContain(opp.id)
    expect(await listIds(vendor.member, { partner: invitee.org.id })).toContain(opp.id)

    await respondToCosell(invitee.admin, opp.id, { decision: 'decline' })
    for (const who of [invitee.admin, invitee.member]) {
      expect(await listIds(who)).not.toContain(opp.id)
      expect((await listCosell(who)).total).toBe(0)
      expect(await csvIds(who)).not.toContain(opp.id)
    }
    expect(await listIds(vendor.member, { partner: invitee.org.id })).not.toContain(opp.id)
    expect(await csvIds(vendor.member, { partner: invitee.org.id })).not.toContain(opp.id)
    // The owner still has it.
    expect(await listIds(owner.member)).toContain(opp.id)
  })

  it('only the parties, and the vendor’s team read-only, reach a co-sell', async () => {
    const owner = await createPartner()
    const invitee = await createPartner()
    const stranger = await createPartner()
    const applicant = await createPartner({ status: 'applicant' })
    const vendor = await createVendor()
    const opp = await openCosell(owner.admin, { accountName: 'Fabrikam', invites: [{ partner: invitee.org.slug, role: 'reseller' }] })
    for (const actor of [stranger.admin, stranger.member]) {
      await expect(getCosell(actor, opp.id)).rejects.toMatchObject({ code: 'not_found' })
      await expect(changeStage(actor, opp.id, { stage: 'qualified' })).rejects.toMatchObject({ code: 'not_found' })
      await expect(updateCosellRecord(actor, opp.id, { notes: 'x' })).rejects.toMatchObject({ code: 'not_found' })
      await expect(respondToCosell(actor, opp.id, { decision: 'accept' })).rejects.toMatchObject({ code: 'not_found' })
      await expect(inviteToCosell(actor, opp.id, { partner: actor.orgId, role: 'reseller' })).rejects.toMatchObject({ code: 'not_found' })
      await expect(addTask(actor, opp.id, { title: 'x' })).rejects.toMatchObject({ code: 'not_found' })
      expect((await listCosell(actor)).total).toBe(0)
      expect(await exportCosellCsv(actor)).not.toContain('Fabrikam')
    }
    await expect(openCosell(applicant.admin, { accountName: 'X' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(getCosell(applicant.admin, opp.id)).rejects.toMatchObject({ code: 'forbidden' })
    // the invitee cannot invite others; the vendor reads but does not edit
    await respondToCosell(invitee.member, opp.id, { decision: 'accept' })
    await expect(inviteToCosell(invitee.admin, opp.id, { partner: stranger.org.slug, role: 'reseller' })).rejects.toMatchObject({ code: 'forbidden' })
    const vendorView = await getCosell(vendor.member, opp.id)
    expect(vendorView.access).toMatchObject({ viaVendor: true, canEdit: false })
    expect(vendorView.threadId).toBeNull()
    await expect(changeStage(vendor.admin, opp.id, { stage: 'won' })).rejects.toMatchObject({ code: 'forbidden' })
    expect((await listCosell(vendor.member)).total).toBeGreaterThanOrEqual(1)
    // the vendor's team opens its own and invites a partner
    const vendorOpp = await openCosell(vendor.admin, { accountName: 'Northwind Traders', invites: [{ partner: owner.org.slug, role: 'implementation' }] })
    expect(vendorOpp.sourcedByOrgId).toBeNull()
    expect((await listCosell(owner.member)).opportunities.map((o) => o.id).sort()).toEqual([opp.id, vendorOpp.id].sort())
    // bad input writes nothing
    await expect(openCosell(owner.admin, { accountName: '', amount: '-5', expectedCloseAt: 'tomorrow', stage: 'won' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: expect.objectContaining({ accountName: expect.any(Array), amount: expect.any(Array), expectedCloseAt: expect.any(Array), stage: expect.any(Array) }),
    })
    await expect(openCosell(owner.admin, { accountName: 'A', invites: [{ partner: applicant.org.slug, role: 'reseller' }] })).rejects.toMatchObject({ code: 'invalid' })
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from opportunities where account_name = 'A'`)
    expect(Number(n!.n)).toBe(0)
    // a member of another org cannot be made task owner; a user of the owner can
    const extra = await createUserIn(owner.org.id, 'partner_member')
    const task = await addTask(invitee.member, opp.id, { title: 'Kickoff', ownerUserId: extra.userId })
    await expect(setTaskDone(stranger.member, task.id, true)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('the vendor view filters by stage, partner and age, and the CSV export neutralizes formulas', async () => {
    const vendor = await createVendor()
    const p = await createPartner({ name: 'Filter Partner' })
    const q = await createPartner()
    const evil = await openCosell(p.admin, { accountName: "=cmd|' /C calc'!A0", amount: '10', invites: [{ partner: q.org.slug, role: 'technology' }] })
    const other = await openCosell(q.admin, { accountName: '@SUM(1+1)', stage: 'committed' })
    await db.execute(sql`update opportunities set created_at = now() - interval '100 days' where id = ${other.id}`)
    const all = await listCosell(vendor.member, {})
    expect(all.total).toBeGreaterThanOrEqual(2)
    expect((await listCosell(vendor.member, { stage: 'committed' })).opportunities.map((o) => o.id)).toContain(other.id)
    expect((await listCosell(vendor.member, { stage: 'committed' })).opportunities.map((o) => o.id)).not.toContain(evil.id)
    expect((await listCosell(vendor.member, { partner: p.org.id })).opportunities.map((o) => o.id)).toEqual([evil.id])
    expect((await listCosell(vendor.member, { partner: q.org.id })).total).toBe(2) // owner of one, invited to the other
    // The total follows the stage filter too (it is added up from the per-stage counts).
    const committed = await listCosell(vendor.member, { partner: q.org.id, stage: 'committed' })
    expect(committed.total).toBe(1)
    expect(committed.byStage.committed?.count).toBe(1)
    expect((await listCosell(vendor.member, { age: 'gt90' })).opportunities.map((o) => o.id)).toContain(other.id)
    expect((await listCosell(vendor.member, { age: 'lt30' })).opportunities.map((o) => o.id)).not.toContain(other.id)
    expect((await listCosell(vendor.member, { stage: 'nonsense', page: 'x' })).filters).toMatchObject({ stage: undefined, page: 1 })
    const csv = await exportCosellCsv(vendor.admin)
    const rows = parse(csv) as string[][]
    expect(rows[0]).toContain('account')
    const accountsCol = rows.map((r) => r[1])
    expect(accountsCol).toContain("'=cmd|' /C calc'!A0")
    expect(accountsCol).toContain("'@SUM(1+1)")
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true)
  })
})
