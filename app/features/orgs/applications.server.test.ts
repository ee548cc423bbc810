import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '#app/env.server.ts'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, mailMessages, notifications, organizations } from '#db/schema/index.ts'
import { createOrg, createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { snapshot } from '#tests/support/snapshot.ts'
import { DomainError } from '#app/utils/errors.ts'
import { applyAsPartner } from '#app/features/auth/auth.server.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { approveApplication, listApplications, ownOrgStatus, recentDecisions, rejectApplication } from '#app/features/orgs/applications.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
beforeAll(async () => {
  vendor = await createVendor()
})

let seq = 0
async function apply(name?: string) {
  seq++
  const email = `applicant-${Date.now().toString(36)}-${seq}@example.test`
  const { userId, orgId } = await applyAsPartner({
    companyName: name ?? `Applicant ${seq} ${Date.now().toString(36)}`,
    website: 'https://applicant.example.com',
    partnerType: 'reseller',
    regions: ['APAC'],
    industries: ['retail', 'media'],
    name: `Applicant Admin ${seq}`,
    email,
    password: 'applicant password 123',
    confirmPassword: 'applicant password 123',
  })
  return { userId, orgId, email, actor: (await loadActor(userId))! }
}

async function expectDomainError(promise: Promise<unknown>, codes: DomainError['code'][]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  expect(codes).toContain((error as DomainError).code)
  return error as DomainError
}

describe('applications queue', () => {
  it('lists applicants oldest first with their age and admins, to the vendor team only', async () => {
    const older = await createOrg({ status: 'applicant', name: `Older ${Date.now()}` })
    await db
      .update(organizations)
      .set({ createdAt: new Date(Date.now() - 5 * 86_400_000) })
      .where(eq(organizations.id, older.id))
    const newer = await apply()
    await createPartner() // active partners are not in the queue

    const list = await listApplications(vendor.member)
    const ids = list.items.map((i) => i.id)
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.orgId))
    expect(list.items.find((i) => i.id === older.id)!.ageDays).toBe(5)
    const fresh = list.items.find((i) => i.id === newer.orgId)!
    expect(fresh.ageDays).toBe(0)
    expect(fresh.admins).toEqual([{ name: expect.stringContaining('Applicant Admin'), email: newer.email }])
    expect(list.items.every((i) => i.id !== vendor.org.id)).toBe(true)
    expect(list.canDecide).toBe(false)
    expect((await listApplications(vendor.admin)).canDecide).toBe(true)
  })

  it('paginates', async () => {
    for (let i = 0; i < 3; i++) await apply()
    const first = await listApplications(vendor.admin, { pageSize: 2 })
    const second = await listApplications(vendor.admin, { page: 2, pageSize: 2 })
    expect(first.items).toHaveLength(2)
    expect(first.pageCount).toBeGreaterThanOrEqual(2)
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
    expect((await listApplications(vendor.admin, { page: 999, pageSize: 2 })).page).toBe(first.pageCount)
  })

  it('is closed to partners, applicants included', async () => {
    const partner = await createPartner()
    const applicant = await apply()
    for (const actor of [partner.admin, partner.member, applicant.actor]) {
      await expectDomainError(listApplications(actor), ['forbidden'])
      await expectDomainError(recentDecisions(actor), ['forbidden'])
    }
  })
})

describe('approve', () => {
  it('activates the org, records who decided, and tells its admins by mail and in the app', async () => {
    const applicant = await apply()
    await approveApplication(vendor.admin, applicant.orgId, { ip: '203.0.113.7' })
    const [org] = await db.select().from(organizations).where(eq(organizations.id, applicant.orgId))
    expect(org).toMatchObject({ status: 'active', decidedBy: vendor.admin.userId, tier: 'registered' })
    expect(org!.approvedAt).toBeInstanceOf(Date)
    const [event] = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'org.approved'), eq(domainEvents.subjectId, applicant.orgId)))
    expect(event!.audience).toMatchObject({ orgs: [applicant.orgId], vendor: true })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'org.approved'), eq(auditLog.subjectId, applicant.orgId))),
    ).toHaveLength(1)
    await deliverPendingNotifications()
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, applicant.userId), eq(notifications.kind, 'organization')))
    expect(note!.title).toMatch(/approved partner/)
    const mails = await db.select().from(mailMessages).where(eq(mailMessages.to, applicant.email))
    expect(mails.some((m) => /approved/.test(m.subject) && m.text.includes(`${appOrigin()}/login`))).toBe(true)
    expect((await loadActor(applicant.userId))!.orgStatus).toBe('active')
    expect((await listApplications(vendor.admin)).items.some((i) => i.id === applicant.orgId)).toBe(false)
    const decided = await recentDecisions(vendor.member)
    expect(decided.find((d) => d.id === applicant.orgId)).toMatchObject({ status: 'active', decidedBy: vendor.admin.name })
  })

  it('cannot decide twice', async () => {
    const applicant = await apply()
    await approveApplication(vendor.admin, applicant.orgId)
    const before = await snapshot()
    const error = await expectDomainError(approveApplication(vendor.admin, applicant.orgId), ['conflict'])
    expect(error.message).toMatch(/already been approved/)
    await expectDomainError(rejectApplication(vendor.admin, applicant.orgId, { reason: 'Changed our minds entirely.' }), ['conflict'])
    expect(await snapshot()).toEqual(before)
  })

  it('is for vendor admins only: vendor members, partner admins (of any org) and applicants are refused and nothing changes', async () => {
    const applicant = await apply()
    const partner = await createPartner()
    const before = await snapshot()
    for (const actor of [vendor.member, partner.admin, partner.member, applicant.actor]) {
      await expectDomainError(approveApplication(actor, applicant.orgId), ['forbidden'])
      await expectDomainError(rejectApplication(actor, applicant.orgId, { reason: 'Not a fit for the program.' }), ['forbidden'])
    }
    expect(await snapshot()).toEqual(before)
  })

  it('refuses unknown ids and the vendor org itself with 404', async () => {
    await expectDomainError(approveApplication(vendor.admin, 'nope'), ['not_found'])
    await expectDomainError(approveApplication(vendor.admin, vendor.org.id), ['not_found'])
  })
})

describe('reject', () => {
  it('requires a reason, then rejects and tells the applicant why', async () => {
    const applicant = await apply()
    const before = await snapshot()
    const missing = await expectDomainError(rejectApplication(vendor.admin, applicant.orgId, {}), ['invalid'])
    expect(missing.fieldErrors?.reason?.[0]).toMatch(/reason/)
    const short = await expectDomainError(rejectApplication(vendor.admin, applicant.orgId, { reason: '  no  ' }), ['invalid'])
    expect(short.fieldErrors?.reason?.[0]).toMatch(/at least 10/)
    await expectDomainError(rejectApplication(vendor.admin, applicant.orgId, { reason: 'x'.repeat(2001) }), ['invalid'])
    expect(await snapshot()).toEqual(before)

    const reason = 'We only accept partners with a healthcare practice this quarter.'
    await rejectApplication(vendor.admin, applicant.orgId, { reason })
    const [org] = await db.select().from(organizations).where(eq(organizations.id, applicant.orgId))
    expect(org).toMatchObject({ status: 'rejected', rejectionReason: reason, decidedBy: vendor.admin.userId, approvedAt: null })
    await deliverPendingNotifications()
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, applicant.userId), eq(notifications.kind, 'organization')))
    expect(note!.body).toBe(reason)
    const mails = await db.select().from(mailMessages).where(eq(mailMessages.to, applicant.email))
    expect(mails.some((m) => m.text.includes(reason))).toBe(true)
    expect(await ownOrgStatus(applicant.actor)).toMatchObject({ status: 'rejected', rejectionReason: reason, queuePosition: null })
  })
})

describe('ownOrgStatus', () => {
  it('tells an applicant their place in the queue', async () => {
    const a = await apply()
    const b = await apply()
    const posA = (await ownOrgStatus(a.actor)).queuePosition!
    const posB = (await ownOrgStatus(b.actor)).queuePosition!
    expect(posB).toBeGreaterThan(posA)
    const member = await createUserIn(vendor.org.id, 'vendor_member')
    expect((await ownOrgStatus(member)).queuePosition).toBeNull()
  })
})
