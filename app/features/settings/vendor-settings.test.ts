import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, referrals } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { enabledSteps } from '#app/features/onboarding/onboarding.server.ts'
import { programDefaults } from '#app/features/referrals/program-settings.server.ts'
import { runReferralMaintenance, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { getVendorSettings, updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'

let vendor: Awaited<ReturnType<typeof createVendor>>
let a: Awaited<ReturnType<typeof createPartner>>
let b: Awaited<ReturnType<typeof createPartner>>

const valid = { remindAfterHours: '24', expireAfterHours: '72', feeType: 'percent', feePercent: '12.5', feeCap: '5,000', onboardingSteps: ['profile', 'listing', 'team'] }

async function expectDomainError(p: Promise<unknown>, code: DomainError['code']) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a DomainError').toBeInstanceOf(DomainError)
  expect((error as DomainError).code).toBe(code)
  return error as DomainError
}

beforeAll(async () => {
  vendor = await createVendor()
  a = await createPartner({ name: 'Sender Co' })
  b = await createPartner({ name: 'Receiver Co' })
})

describe('vendor settings', () => {
  it('validates with messages a person can act on, and saves nothing when invalid', async () => {
    const before = await getVendorSettings(vendor.admin)
    let e = await expectDomainError(updateVendorSettings(vendor.admin, { ...valid, expireAfterHours: '12' }), 'invalid')
    expect(e.fieldErrors?.expireAfterHours).toEqual(['Expiry must come after the reminder.'])
    e = await expectDomainError(updateVendorSettings(vendor.admin, { ...valid, feePercent: '80' }), 'invalid')
    expect(e.fieldErrors?.feePercent?.[0]).toMatch(/at most 50%/)
    e = await expectDomainError(updateVendorSettings(vendor.admin, { ...valid, expireAfterHours: 'soon' }), 'invalid')
    expect(e.fieldErrors?.expireAfterHours?.[0]).toBeTruthy()
    e = await expectDomainError(updateVendorSettings(vendor.admin, { ...valid, onboardingSteps: ['profile', 'golf'] }), 'invalid')
    expect(
      Object.values(e.fieldErrors ?? {})
        .flat()
        .join(' '),
    ).toMatch(/Choose steps from the list/)
    expect(await getVendorSettings(vendor.admin)).toEqual(before)
  })

  it('only the vendor admins change them; vendor members read them; partners do neither', async () => {
    await expectDomainError(updateVendorSettings(vendor.member, valid), 'forbidden')
    await expectDomainError(updateVendorSettings(a.admin, valid), 'forbidden')
    await expectDomainError(getVendorSettings(a.admin), 'forbidden')
    expect((await getVendorSettings(vendor.member)).expireAfterHours).toBe(120)
  })

  it('saves in one step, audited and recorded as a domain event, and the product reads the new values', async () => {
    await updateVendorSettings(vendor.admin, valid)
    expect(await getVendorSettings(vendor.member)).toMatchObject({
      remindAfterHours: 24,
      expireAfterHours: 72,
      feeType: 'percent',
      feePercent: '12.5',
      feeCap: '5000',
      onboardingSteps: ['profile', 'listing', 'team'],
    })
    const [event] = await db.select().from(domainEvents).where(eq(domainEvents.type, 'vendor_settings.updated'))
    expect(event!.payload).toMatchObject({ before: { expireAfterHours: 120 }, after: { expireAfterHours: 72, feePercentBps: 1250 } })
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'vendor_settings.updated'))
    expect(audit).toMatchObject({ actorId: vendor.admin.userId, orgId: vendor.org.id })
    // The referral form's defaults and the checklist follow.
    expect(await programDefaults()).toEqual({ feeType: 'percent', feePercentBps: 1250, feeFixedAmount: null, feeCapAmount: 500_000 })
    expect(await enabledSteps()).toEqual(['profile', 'listing', 'team'])
  })

  it('a changed expiry takes effect for the next referral', async () => {
    const send = (domain: string) => submitReferral(a.admin, { toOrg: b.org.slug, accountName: 'Globex', accountDomain: domain, need: 'A data platform migration.', feeType: 'none' })
    await updateVendorSettings(vendor.admin, { ...valid, remindAfterHours: '100', expireAfterHours: '200' })
    const r = await send('globex-one.example.com')
    const in150h = new Date(Date.now() + 150 * 3600_000)
    await runReferralMaintenance(in150h)
    expect((await db.select().from(referrals).where(eq(referrals.id, r.id)))[0]!.status, 'not expired under a 200-hour expiry').toBe('submitted')

    await updateVendorSettings(vendor.admin, { ...valid, remindAfterHours: '24', expireAfterHours: '48' })
    const next = await send('globex-two.example.com')
    await runReferralMaintenance(new Date(Date.now() + 50 * 3600_000))
    const [row] = await db.select().from(referrals).where(eq(referrals.id, next.id))
    expect(row).toMatchObject({ status: 'declined', declineReason: 'expired' })
  })

  it('keeps partnership health’s asymmetry warning: validated, audited with before and after, left as it is when the field is left out', async () => {
    for (const [value, message] of [
      ['4', /at least 5 points/],
      ['101', /at most 100 points/],
      ['twenty', /Enter a percentage/],
      ['12.5', /whole percentage/],
    ] as const) {
      const e = await expectDomainError(updateVendorSettings(vendor.admin, { ...valid, asymmetryWarningPercent: value }), 'invalid')
      expect(e.fieldErrors?.asymmetryWarningPercent?.[0]).toMatch(message)
    }
    expect((await getVendorSettings(vendor.member)).asymmetryWarningPercent).toBe(30)
    await updateVendorSettings(vendor.admin, { ...valid, asymmetryWarningPercent: '45' })
    expect((await getVendorSettings(vendor.member)).asymmetryWarningPercent).toBe(45)
    const events = await db.select().from(domainEvents).where(eq(domainEvents.type, 'vendor_settings.updated'))
    expect(events.at(-1)!.payload).toMatchObject({ before: { asymmetryWarningPercent: 30 }, after: { asymmetryWarningPercent: 45 } })
    await updateVendorSettings(vendor.admin, valid)
    expect((await getVendorSettings(vendor.member)).asymmetryWarningPercent).toBe(45)
    await expectDomainError(updateVendorSettings(vendor.member, { ...valid, asymmetryWarningPercent: '60' }), 'forbidden')
    expect((await getVendorSettings(vendor.member)).asymmetryWarningPercent).toBe(45)
  })
})
