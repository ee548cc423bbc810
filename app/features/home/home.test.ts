import { beforeAll, describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { requestConnection } from '#app/features/accounts/connections.server.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { workWaitingFor } from '#app/features/home/home.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
let a: Awaited<ReturnType<typeof createPartner>>
let b: Awaited<ReturnType<typeof createPartner>>
let outsider: Awaited<ReturnType<typeof createPartner>>

const counts = async (actor: Parameters<typeof workWaitingFor>[0]) => Object.fromEntries((await workWaitingFor(actor)).map((i) => [i.key, i.count]))

beforeAll(async () => {
  vendor = await createVendor()
  a = await createPartner({ name: 'Asker Partners' })
  b = await createPartner({ name: 'Bidder Partners' })
  outsider = await createPartner({ name: 'Outsider Partners' })
  await createPartner({ name: 'Waiting Applicant', status: 'applicant' })
  await submitReferral(a.admin, { toOrg: b.org.slug, accountName: 'Contoso', accountDomain: 'contoso-home.example.com', need: 'A migration', feeType: 'none' })
  await openCosell(a.admin, { accountName: 'Fabrikam', invites: [{ partner: b.org.slug, role: 'reseller' }] })
  await requestConnection(a.admin, { partner: b.org.slug, share: { customer: 'counts', opportunity: 'none', prospect: 'none' } })
})

describe('what needs you', () => {
  it("counts the receiving partner's waiting referral, co-sell invitation, connection request and unread conversations", async () => {
    const c = await counts(b.admin)
    expect(c).toMatchObject({ referrals_to_answer: 1, cosell_invitations: 1, connection_requests: 1 })
    expect(c.unread_threads).toBeGreaterThanOrEqual(0)
    // The sender has nothing to answer.
    expect(await counts(a.admin)).toMatchObject({ referrals_to_answer: 0, cosell_invitations: 0, connection_requests: 0 })
    const labels = Object.fromEntries((await workWaitingFor(b.admin)).map((i) => [i.key, i.label]))
    expect(labels.referrals_to_answer).toBe('referral waiting for your answer')
    expect(labels.fees_to_pay).toBe('referral fees you owe')
  })

  it("never counts another organization's work", async () => {
    const c = await counts(outsider.member)
    expect(Object.values(c).every((n) => n === 0)).toBe(true)
  })

  it("shows the vendor's team the program queues, and nothing to applicants", async () => {
    expect(await counts(vendor.member)).toMatchObject({ applications: 1, listings_to_review: 0, referral_conflicts: 0 })
    const applicant = await createPartner({ name: 'Another Applicant', status: 'applicant' })
    expect(await workWaitingFor(applicant.admin)).toEqual([])
  })
})
