import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { dealRegistrations, organizations } from '#db/schema/index.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { registrationInput } from '#tests/factories/registrations.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listDealConflicts, resolveDealConflict } from '#app/features/deals/queue.server.ts'
import { decideRegistration, extendRegistration, getRegistration, listRegistrations, submitRegistration } from '#app/features/registrations/registrations.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** Who may read and work a deal registration: its partner reads it, only the vendor's team decides; everyone else gets 404 (reads) or 403 (vendor-only writes). */

type Partner = Awaited<ReturnType<typeof createPartner>>
let owner: Partner
let rival: Partner
let vendor: Awaited<ReturnType<typeof createVendor>>
let pendingId: string
let approvedId: string

const input = (accountDomain: string) => registrationInput({ accountName: 'Perm Customer', accountDomain })

beforeAll(async () => {
  vendor = await createVendor()
  owner = await createPartner({ name: 'Perm Owner' })
  rival = await createPartner({ name: 'Perm Rival' })
  pendingId = (await submitRegistration(owner.admin, input(`perm-a-${Date.now()}.example.com`))).registration.id
  approvedId = (await submitRegistration(owner.admin, input(`perm-b-${Date.now()}.example.com`))).registration.id
  await decideRegistration(vendor.admin, approvedId, { decision: 'approve' })
})

describe('another organization', () => {
  it('gets 404 on every read and write of a registration that is not its own, and sees none in its list', async () => {
    for (const who of [rival.admin, rival.member]) {
      expect((await refusal(getRegistration(who, pendingId))).status).toBe(404)
      expect((await listRegistrations(who)).rows.map((r) => r.id)).not.toContain(pendingId)
    }
    // Decisions are the vendor's: a partner is refused before anything is looked up (403), its own registration or not.
    for (const who of [rival.admin, owner.admin]) {
      expect((await refusal(decideRegistration(who, pendingId, { decision: 'approve' }))).status).toBe(403)
      expect((await refusal(extendRegistration(who, approvedId, { days: 10, reason: 'More time' }))).status).toBe(403)
    }
    expect((await refusal(getRegistration(rival.admin, 'no-such-id'))).status).toBe(404)
  })

  it('the conflict queue and its resolutions are the vendor team’s only', async () => {
    for (const who of [owner.admin, rival.member]) {
      expect((await refusal(listDealConflicts(who))).status).toBe(403)
      expect((await refusal(resolveDealConflict(who, 'any', { resolution: 'allow_both', note: 'fine by me' }))).status).toBe(403)
    }
  })
})

describe('the registering partner and the vendor', () => {
  it('both members of the partner read it; the vendor’s admins and members read and decide it', async () => {
    expect((await getRegistration(owner.member, pendingId)).registration.id).toBe(pendingId)
    expect((await getRegistration(vendor.member, pendingId)).can.decide).toBe(true)
    expect((await getRegistration(owner.admin, pendingId)).can).toEqual({ decide: false, extend: false, revoke: false })
    await decideRegistration(vendor.member, pendingId, { decision: 'reject', reason: 'Out of territory.' })
    expect((await getRegistration(owner.member, pendingId)).registration.status).toBe('rejected')
  })

  it('the vendor registers nothing; a suspended partner reads its registrations but cannot register', async () => {
    expect((await refusal(submitRegistration(vendor.admin, input('vendor-reg.example.com')))).status).toBe(403)
    const user = await createUserIn(owner.org.id, 'partner_member')
    await db.update(organizations).set({ status: 'suspended' }).where(eq(organizations.id, owner.org.id))
    try {
      const suspended = (await loadActor(user.userId))!
      expect((await getRegistration(suspended, approvedId)).registration.id).toBe(approvedId)
      expect((await refusal(submitRegistration(suspended, input('suspended-reg.example.com')))).status).toBe(403)
    } finally {
      await db.update(organizations).set({ status: 'active' }).where(eq(organizations.id, owner.org.id))
    }
    const rows = await db.select().from(dealRegistrations).where(eq(dealRegistrations.accountDomain, 'suspended-reg.example.com'))
    expect(rows).toEqual([])
  })
})
