import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, opportunities, opportunityStageHistory } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { registrationInput, uniqueDomain } from '#tests/factories/registrations.ts'
import { computeSummary } from '#app/features/analytics/metrics.server.ts'
import { getVendorSettings, updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'
import { decideRegistration, getRegistration, registrationCurrencies, revokeRegistration, submitRegistration } from '#app/features/registrations/registrations.server.ts'
import { refusal } from '#tests/support/refusal.ts'

/** Registrations in the program's other currencies, and approvals revoked (docs/metrics.md). */

type P = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: P
let beta: P

const input = (extra: Record<string, unknown> = {}) => registrationInput({ accountName: 'Initech GmbH', accountDomain: uniqueDomain('cur'), amount: '100,000', ...extra })

async function settingsForm(extra: Record<string, unknown>) {
  const s = await getVendorSettings(vendor.admin)
  return {
    remindAfterHours: String(s.remindAfterHours),
    expireAfterHours: String(s.expireAfterHours),
    feeType: s.feeType,
    feePercent: s.feePercent,
    feeFixed: s.feeFixed,
    feeCap: s.feeCap,
    onboardingSteps: s.onboardingSteps,
    ...extra,
  }
}

/** Partner-sourced pipeline created today (the summary over one day around now). */
async function sourcedToday() {
  const from = new Date(Date.now() - 86_400_000)
  const to = new Date(Date.now() + 86_400_000)
  return (await computeSummary(db, { from, to })).pipeline.partnerSourced
}

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: 'Alpha Euro' })
  beta = await createPartner({ name: 'Beta Sterling' })
})

describe('registrations in other currencies', () => {
  it('a currency needs a rate in the vendor’s settings; bad rates are refused with the field named, nothing saved', async () => {
    expect((await registrationCurrencies()).map((c) => c.code)).toEqual(['USD'])
    const e = await refusal(submitRegistration(alpha.admin, input({ currency: 'EUR' })))
    expect(e.fieldErrors?.currency?.[0]).toMatch(/EUR is not one of the currencies deals can be registered in \(USD\)/)
    const bad = await refusal(updateVendorSettings(vendor.admin, await settingsForm({ exchangeRates: 'EUR one' })))
    expect(bad.fieldErrors?.exchangeRates?.[0]).toMatch(/is not a rate/)
    expect((await getVendorSettings(vendor.admin)).exchangeRates).toBe('')
    await updateVendorSettings(vendor.admin, await settingsForm({ exchangeRates: 'EUR 1.1, gbp=1.25' }))
    expect((await getVendorSettings(vendor.member)).exchangeRates).toBe('EUR 1.1, GBP 1.25')
    expect(await registrationCurrencies()).toEqual([
      { code: 'USD', rate: 1 },
      { code: 'EUR', rate: 1.1 },
      { code: 'GBP', rate: 1.25 },
    ])
    // A code outside the program's list is refused even with a rate.
    expect((await refusal(submitRegistration(alpha.admin, input({ currency: 'JPY' })))).fieldErrors?.currency?.[0]).toMatch(/JPY is not one/)
  })

  it('keeps the amount in its currency and its USD value at the rate of submission; the approved opportunity and the pipeline are in USD', async () => {
    const before = await sourcedToday()
    const { registration } = await submitRegistration(alpha.admin, input({ currency: 'EUR', amount: '100,000.55' }))
    expect(registration).toMatchObject({ currency: 'EUR', amount: 10_000_055, exchangeRate: 1.1, amountReporting: 11_000_061 })
    // A later rate change does not move it.
    await updateVendorSettings(vendor.admin, await settingsForm({ exchangeRates: 'EUR 2, GBP 1.25' }))
    const approved = await decideRegistration(vendor.admin, registration.id, { decision: 'approve' })
    const [opp] = await db.select().from(opportunities).where(eq(opportunities.id, approved.opportunityId!))
    expect(opp).toMatchObject({ amount: 11_000_061, sourcedByOrgId: alpha.org.id })
    expect(opp!.notes).toMatch(/Registered as €100,000.55 at 1.1 USD\/EUR/)
    expect((await sourcedToday()) - before).toBe(11_000_061)
  })
})

describe('revoking an approval', () => {
  it('closes the opportunity lost, clears the partner’s sourcing (it leaves partner-sourced pipeline), notifies and audits', async () => {
    const { registration } = await submitRegistration(beta.admin, input({ amount: '50,000' }))
    const approved = await decideRegistration(vendor.admin, registration.id, { decision: 'approve' })
    const withIt = await sourcedToday()
    expect((await getRegistration(vendor.admin, registration.id)).can.revoke).toBe(true)
    expect((await getRegistration(beta.admin, registration.id)).can.revoke).toBe(false)

    const revoked = await revokeRegistration(vendor.member, registration.id, { reason: 'The customer confirmed it buys direct.' })
    expect(revoked).toMatchObject({ status: 'revoked', decisionReason: 'The customer confirmed it buys direct.', opportunityId: approved.opportunityId })
    const [opp] = await db.select().from(opportunities).where(eq(opportunities.id, approved.opportunityId!))
    expect(opp).toMatchObject({ stage: 'lost', sourcedByOrgId: null })
    expect(opp!.closedAt).toBeInstanceOf(Date)
    const history = await db.select().from(opportunityStageHistory).where(eq(opportunityStageHistory.opportunityId, approved.opportunityId!))
    expect(history.map((h) => h.toStage)).toEqual(['qualified', 'lost'])
    expect(withIt - (await sourcedToday())).toBe(5_000_000)
    const audits = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, registration.id), eq(auditLog.action, 'registration.revoked')))
    expect(audits).toHaveLength(1)
    // Once revoked, it cannot be revoked or extended again.
    expect((await refusal(revokeRegistration(vendor.admin, registration.id, { reason: 'again' }))).code).toBe('conflict')
  })

  it('only the vendor’s team revokes, with a reason; a pending one cannot be revoked; nothing changes on a refusal', async () => {
    const { registration } = await submitRegistration(alpha.admin, input())
    expect((await refusal(revokeRegistration(vendor.admin, registration.id, { reason: 'Not yet approved' }))).code).toBe('conflict')
    const approved = await decideRegistration(vendor.admin, registration.id, { decision: 'approve' })
    expect((await refusal(revokeRegistration(alpha.admin, registration.id, { reason: 'Changed my mind' }))).code).toBe('forbidden')
    expect((await refusal(revokeRegistration(beta.admin, registration.id, { reason: 'Not mine' }))).code).toBe('forbidden')
    const e = await refusal(revokeRegistration(vendor.admin, registration.id, { reason: '' }))
    expect(e.fieldErrors?.reason?.[0]).toMatch(/reason/)
    const [opp] = await db.select().from(opportunities).where(eq(opportunities.id, approved.opportunityId!))
    expect(opp).toMatchObject({ stage: 'qualified', sourcedByOrgId: alpha.org.id })
    expect((await getRegistration(alpha.admin, registration.id)).registration.status).toBe('approved')
  })
})
