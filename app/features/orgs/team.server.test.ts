import { and, desc, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { appOrigin } from '#app/env.server.ts'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, invitations, mailMessages, memberships, notifications } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { snapshot } from '#tests/support/snapshot.ts'
import { DomainError } from '#app/utils/errors.ts'
import { countSessions, login } from '#app/features/auth/auth.server.ts'
import { loadActor, startSession } from '#app/features/auth/session.server.ts'
import { hashToken } from '#app/features/auth/tokens.server.ts'
import { acceptInvitation, changeMemberRole, getInvitation, inviteMember, listTeam, removeMember, revokeInvitation } from '#app/features/orgs/team.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
beforeAll(async () => {
  vendor = await createVendor()
})

let seq = 0
const email = (p = 'invitee') => `${p}-${Date.now().toString(36)}-${++seq}@example.test`
const joining = { name: 'New Teammate', password: 'teammate password 1', confirmPassword: 'teammate password 1' }

async function expectDomainError(promise: Promise<unknown>, codes: DomainError['code'][]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, `expected one of ${codes.join(', ')}`).toBeInstanceOf(DomainError)
  expect(codes).toContain((error as DomainError).code)
  return error as DomainError
}

describe('listTeam', () => {
  it('shows members to everyone on the team and pending invitations to admins only', async () => {
    const { org, admin, member } = await createPartner()
    await inviteMember(admin, org.id, { email: email(), role: 'partner_member' })
    const asAdmin = await listTeam(admin, org.id)
    expect(asAdmin.members.map((m) => m.userId).sort()).toEqual([admin.userId, member.userId].sort())
    expect(asAdmin.members.find((m) => m.userId === admin.userId)!.isYou).toBe(true)
    expect(asAdmin.invitations).toHaveLength(1)
    expect(asAdmin.canManage).toBe(true)
    expect(asAdmin.roles).toEqual(['partner_admin', 'partner_member'])
    const asMember = await listTeam(member, org.id)
    expect(asMember.members).toHaveLength(2)
    expect(asMember.invitations).toEqual([])
    expect(asMember.canManage).toBe(false)
  })

  it("is not found for another org's team, including for the vendor", async () => {
    const a = await createPartner()
    const b = await createPartner()
    await expectDomainError(listTeam(a.admin, b.org.id), ['not_found', 'forbidden'])
    await expectDomainError(listTeam(a.member, b.org.id), ['not_found', 'forbidden'])
    await expectDomainError(listTeam(vendor.admin, b.org.id), ['not_found', 'forbidden'])
    await expectDomainError(listTeam(b.admin, vendor.org.id), ['not_found', 'forbidden'])
  })
})

describe('invite and accept', () => {
  it('mails a 7-day link (token stored hashed); the invited person joins with the role and can sign in', async () => {
    const { org, admin } = await createPartner()
    const address = email()
    const { token, invitationId } = await inviteMember(admin, org.id, { email: `  ${address.toUpperCase()} `, role: 'partner_member' }, { ip: '203.0.113.7' })

    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId))
    expect(row!.email).toBe(address)
    expect(row!.tokenHash).toBe(hashToken(token))
    const ttl = row!.expiresAt.getTime() - Date.now()
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000)
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000)
    const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.to, address))
    expect(mail!.text).toContain(`${appOrigin()}/invite/${token}`)
    expect(mail!.subject).toContain(org.name)
    expect(
      await db
        .select()
        .from(domainEvents)
        .where(and(eq(domainEvents.type, 'member.invited'), eq(domainEvents.subjectId, invitationId))),
    ).toHaveLength(1)

    expect(await getInvitation(token)).toMatchObject({ state: 'valid', email: address, orgName: org.name, role: 'partner_member', emailRegistered: false })
    const { userId } = await acceptInvitation(token, { ...joining, name: '  Nia Newcomer ' })
    const actor = (await loadActor(userId))!
    expect(actor).toMatchObject({ orgId: org.id, role: 'partner_member', name: 'Nia Newcomer', email: address })
    await expect(login({ email: address, password: joining.password })).resolves.toMatchObject({ userId })
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'member.joined'), eq(auditLog.subjectId, userId))),
    ).toHaveLength(1)
    await deliverPendingNotifications()
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, admin.userId), eq(notifications.kind, 'team')))
    expect(note!.title).toContain('Nia Newcomer')

    // Single use.
    expect(await getInvitation(token)).toMatchObject({ state: 'accepted' })
    const before = await snapshot()
    await expectDomainError(acceptInvitation(token, joining), ['invalid'])
    expect(await snapshot()).toEqual(before)
  })

  it('lets vendor admins invite vendor roles only, and partner admins partner roles only', async () => {
    const { org, admin } = await createPartner()
    const before = await snapshot()
    const wrongForPartner = await expectDomainError(inviteMember(admin, org.id, { email: email(), role: 'vendor_admin' }), ['invalid'])
    expect(wrongForPartner.fieldErrors?.role?.[0]).toMatch(/Partner admin or Partner member/)
    const wrongForVendor = await expectDomainError(inviteMember(vendor.admin, vendor.org.id, { email: email(), role: 'partner_admin' }), ['invalid'])
    expect(wrongForVendor.fieldErrors?.role?.[0]).toMatch(/Vendor admin/)
    expect(await snapshot()).toEqual(before)
    const { token } = await inviteMember(vendor.admin, vendor.org.id, { email: email('vendorhire'), role: 'vendor_member' })
    const { userId } = await acceptInvitation(token, joining)
    expect(await loadActor(userId)).toMatchObject({ orgKind: 'vendor', role: 'vendor_member' })
  })

  it('refuses bad input with field errors and writes nothing', async () => {
    const { org, admin } = await createPartner()
    const before = await snapshot()
    expect((await expectDomainError(inviteMember(admin, org.id, { email: 'not-an-email', role: 'partner_member' }), ['invalid'])).fieldErrors?.email?.[0]).toMatch(/valid email/)
    expect((await expectDomainError(inviteMember(admin, org.id, { email: `${'a'.repeat(250)}@x.io`, role: 'partner_member' }), ['invalid'])).fieldErrors?.email?.[0]).toMatch(/too long/)
    expect((await expectDomainError(inviteMember(admin, org.id, { email: email(), role: 'boss' }), ['invalid'])).fieldErrors?.role?.[0]).toMatch(/role/)
    expect((await expectDomainError(inviteMember(admin, org.id, { email: vendor.member.email, role: 'partner_member' }), ['conflict'])).fieldErrors?.email?.[0]).toMatch(/another organization/)
    expect((await expectDomainError(inviteMember(admin, org.id, { email: admin.email, role: 'partner_member' }), ['conflict'])).fieldErrors?.email?.[0]).toMatch(/already on your team/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses short passwords and oversized names on accept and leaves the link usable', async () => {
    const { org, admin } = await createPartner()
    const { token } = await inviteMember(admin, org.id, { email: email(), role: 'partner_member' })
    const before = await snapshot()
    expect((await expectDomainError(acceptInvitation(token, { ...joining, password: 'short', confirmPassword: 'short' }), ['invalid'])).fieldErrors?.password?.[0]).toMatch(/at least 12/)
    expect((await expectDomainError(acceptInvitation(token, { ...joining, name: 'n'.repeat(101) }), ['invalid'])).fieldErrors?.name?.[0]).toMatch(/at most 100/)
    expect(await snapshot()).toEqual(before)
    expect((await getInvitation(token)).state).toBe('valid')
  })

  it('explains that an email already registered with an organization cannot accept', async () => {
    const a = await createPartner()
    const address = email('taken')
    const { token } = await inviteMember(a.admin, a.org.id, { email: address, role: 'partner_member' })
    // Meanwhile the same address joined another org.
    const b = await createPartner()
    await createUserIn(b.org.id, 'partner_member', { email: address })
    const info = await getInvitation(token)
    expect(info).toMatchObject({ state: 'valid', emailRegistered: true })
    expect(info.message).toMatch(/already has a Partner Hub account/)
    const before = await snapshot()
    const error = await expectDomainError(acceptInvitation(token, joining), ['conflict'])
    expect(error.message).toMatch(/already has a Partner Hub account/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses expired, revoked and unknown links with a message saying what to do', async () => {
    const { org, admin } = await createPartner()
    const expired = await inviteMember(admin, org.id, { email: email(), role: 'partner_member' })
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitationId))
    expect(await getInvitation(expired.token)).toMatchObject({ state: 'expired', message: expect.stringMatching(/expired/) })
    await expectDomainError(acceptInvitation(expired.token, joining), ['invalid'])

    const revoked = await inviteMember(admin, org.id, { email: email(), role: 'partner_member' })
    await revokeInvitation(admin, org.id, { invitationId: revoked.invitationId })
    expect(await getInvitation(revoked.token)).toMatchObject({ state: 'revoked', message: expect.stringMatching(/withdrawn/) })
    await expectDomainError(acceptInvitation(revoked.token, joining), ['invalid'])

    expect(await getInvitation('x'.repeat(43))).toMatchObject({ state: 'missing' })
    expect(await getInvitation('short')).toMatchObject({ state: 'missing' })
  })

  it('re-inviting the same address replaces the earlier link', async () => {
    const { org, admin } = await createPartner()
    const address = email()
    const first = await inviteMember(admin, org.id, { email: address, role: 'partner_member' })
    const second = await inviteMember(admin, org.id, { email: address, role: 'partner_admin' })
    expect((await getInvitation(first.token)).state).toBe('revoked')
    expect(await getInvitation(second.token)).toMatchObject({ state: 'valid', role: 'partner_admin' })
    expect((await listTeam(admin, org.id)).invitations).toHaveLength(1)
  })

  it('brings back a removed member through a new invitation', async () => {
    const { org, admin, member } = await createPartner()
    await removeMember(admin, org.id, { userId: member.userId })
    const { token } = await inviteMember(admin, org.id, { email: member.email, role: 'partner_member' })
    expect(await getInvitation(token)).toMatchObject({ state: 'valid', emailRegistered: false })
    const { userId } = await acceptInvitation(token, { ...joining, name: 'Back Again' })
    expect(userId).toBe(member.userId)
    expect(await loadActor(userId)).toMatchObject({ orgId: org.id, name: 'Back Again' })
  })
})

describe('invite permissions', () => {
  it('a partner member cannot invite or revoke; nothing changes', async () => {
    const { org, admin, member } = await createPartner()
    const pending = await inviteMember(admin, org.id, { email: email(), role: 'partner_member' })
    const before = await snapshot()
    const error = await expectDomainError(inviteMember(member, org.id, { email: email(), role: 'partner_member' }), ['forbidden'])
    expect(error.message).toMatch(/Only an admin/)
    await expectDomainError(revokeInvitation(member, org.id, { invitationId: pending.invitationId }), ['forbidden'])
    await expectDomainError(inviteMember(vendor.member, vendor.org.id, { email: email(), role: 'vendor_member' }), ['forbidden'])
    expect(await snapshot()).toEqual(before)
  })

  it('an admin of partner A cannot invite into, or revoke invitations of, partner B; nothing changes', async () => {
    const a = await createPartner()
    const b = await createPartner()
    const pendingB = await inviteMember(b.admin, b.org.id, { email: email(), role: 'partner_member' })
    const before = await snapshot()
    await expectDomainError(inviteMember(a.admin, b.org.id, { email: email(), role: 'partner_member' }), ['not_found', 'forbidden'])
    await expectDomainError(revokeInvitation(a.admin, b.org.id, { invitationId: pendingB.invitationId }), ['not_found', 'forbidden'])
    // Even naming their own org, B's invitation does not exist for A.
    await expectDomainError(revokeInvitation(a.admin, a.org.id, { invitationId: pendingB.invitationId }), ['not_found'])
    await expectDomainError(inviteMember(vendor.admin, b.org.id, { email: email(), role: 'partner_member' }), ['not_found', 'forbidden'])
    expect(await snapshot()).toEqual(before)
  })

  it('rejected organizations cannot invite', async () => {
    const { org } = await createPartner({ status: 'rejected' })
    const admin = await createUserIn(org.id, 'partner_admin')
    await expectDomainError(inviteMember(admin, org.id, { email: email(), role: 'partner_member' }), ['forbidden'])
  })
})

describe('roles and removal', () => {
  it('changes a role, records it and tells the member', async () => {
    const { org, admin, member } = await createPartner()
    await changeMemberRole(admin, org.id, { userId: member.userId, role: 'partner_admin' })
    expect((await loadActor(member.userId))!.role).toBe('partner_admin')
    const [event] = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'member.role_changed'), eq(domainEvents.subjectId, member.userId)))
    expect(event!.payload).toEqual({ from: 'partner_member', to: 'partner_admin', orgName: org.name, changedByName: admin.name })
    await deliverPendingNotifications()
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, member.userId), eq(notifications.kind, 'team'))),
    ).toHaveLength(1)
  })

  it('never leaves an org without an admin', async () => {
    const { org, admin, member } = await createPartner()
    const before = await snapshot()
    expect((await expectDomainError(changeMemberRole(admin, org.id, { userId: admin.userId, role: 'partner_member' }), ['conflict'])).message).toMatch(/only admin/)
    expect((await expectDomainError(removeMember(admin, org.id, { userId: admin.userId }), ['conflict'])).message).toMatch(/only admin/)
    expect(await snapshot()).toEqual(before)
    // With a second admin, the first may step down.
    await changeMemberRole(admin, org.id, { userId: member.userId, role: 'partner_admin' })
    await changeMemberRole(admin, org.id, { userId: admin.userId, role: 'partner_member' })
    expect((await loadActor(admin.userId))!.role).toBe('partner_member')
  })

  it('removes a member and ends their sessions at once', async () => {
    const { org, admin, member } = await createPartner()
    await startSession(member.userId)
    await startSession(member.userId)
    const result = await removeMember(admin, org.id, { userId: member.userId })
    expect(result.self).toBe(false)
    expect(await db.select().from(memberships).where(eq(memberships.userId, member.userId))).toEqual([])
    expect(await countSessions(member.userId)).toBe(0)
    expect(await loadActor(member.userId)).toBeNull()
    const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.to, member.email)).orderBy(desc(mailMessages.createdAt))
    expect(mail!.subject).toMatch(/removed/)
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'member.removed'), eq(auditLog.subjectId, member.userId))),
    ).toHaveLength(1)
  })

  it('refuses bad input', async () => {
    const { org, admin, member } = await createPartner()
    const before = await snapshot()
    await expectDomainError(changeMemberRole(admin, org.id, { userId: member.userId, role: 'vendor_admin' }), ['invalid'])
    await expectDomainError(changeMemberRole(admin, org.id, { userId: member.userId, role: 'overlord' }), ['invalid'])
    await expectDomainError(changeMemberRole(admin, org.id, { userId: 'x'.repeat(65), role: 'partner_member' }), ['invalid'])
    await expectDomainError(removeMember(admin, org.id, {}), ['invalid'])
    await expectDomainError(removeMember(admin, org.id, { userId: 'does-not-exist' }), ['not_found'])
    expect(await snapshot()).toEqual(before)
  })

  it('a partner member cannot change roles or remove anyone; nothing changes', async () => {
    const { org, admin, member } = await createPartner()
    const before = await snapshot()
    await expectDomainError(changeMemberRole(member, org.id, { userId: member.userId, role: 'partner_admin' }), ['forbidden'])
    await expectDomainError(removeMember(member, org.id, { userId: admin.userId }), ['forbidden'])
    await expectDomainError(changeMemberRole(vendor.member, vendor.org.id, { userId: vendor.admin.userId, role: 'vendor_member' }), ['forbidden'])
    expect(await snapshot()).toEqual(before)
  })

  it("an admin of partner A cannot change or remove partner B's members, whichever org id they name; nothing changes", async () => {
    const a = await createPartner()
    const b = await createPartner()
    const before = await snapshot()
    for (const orgId of [b.org.id, a.org.id]) {
      await expectDomainError(changeMemberRole(a.admin, orgId, { userId: b.member.userId, role: 'partner_admin' }), ['not_found', 'forbidden'])
      await expectDomainError(removeMember(a.admin, orgId, { userId: b.member.userId }), ['not_found', 'forbidden'])
      await expectDomainError(removeMember(a.admin, orgId, { userId: b.admin.userId }), ['not_found', 'forbidden'])
    }
    await expectDomainError(removeMember(vendor.admin, b.org.id, { userId: b.member.userId }), ['not_found', 'forbidden'])
    expect(await snapshot()).toEqual(before)
  })
})
