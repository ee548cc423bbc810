import { db } from '#db/client.server.ts'
import { assertVendor, assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { enabledSteps, writeEnabledSteps } from '#app/features/onboarding/onboarding.server.ts'
import { getProgramSettings, writeProgramSettings } from '#app/features/referrals/program-settings.server.ts'
import { VendorSettingsSchema } from '#app/features/settings/schemas.ts'
import { getExchangeRates, getProtectionDays, writeExchangeRates, writeProtectionDays } from '#app/features/registrations/registrations.server.ts'
import { formatRates } from '#app/features/registrations/schemas.ts'
import { getPartnershipSettings, writeAsymmetryWarningPercent } from '#app/features/partnerships/partnerships.server.ts'

/**
 * The vendor's program settings as the settings form shows them (major units, percent). The
 * vendor's whole team reads them; the referral job, the referral form and the onboarding
 * checklist read the stored values themselves; deal registration reads its protection period;
 * partnership health reads its asymmetry warning.
 */
export async function getVendorSettings(actor: Actor) {
  assertVendor(actor, "Only the vendor's ecosystem team can see the program settings.")
  const [p, steps, protectionDays, partnership, rates] = await Promise.all([getProgramSettings(), enabledSteps(), getProtectionDays(), getPartnershipSettings(), getExchangeRates()])
  return {
    remindAfterHours: p.remindAfterHours,
    expireAfterHours: p.expireAfterHours,
    feeType: p.defaultFeeType,
    feePercent: p.defaultFeePercentBps == null ? '' : String(p.defaultFeePercentBps / 100),
    feeFixed: p.defaultFeeFixedAmount == null ? '' : String(p.defaultFeeFixedAmount / 100),
    feeCap: p.defaultFeeCapAmount == null ? '' : String(p.defaultFeeCapAmount / 100),
    onboardingSteps: steps,
    registrationProtectionDays: protectionDays,
    asymmetryWarningPercent: partnership.asymmetryWarningPercent,
    exchangeRates: formatRates(rates),
  }
}

/** Only the vendor's admins change them; one transaction, one `vendor_settings.updated` event (audited) with before and after. */
export async function updateVendorSettings(actor: Actor, input: unknown) {
  assertVendorAdmin(actor, "Only the vendor's admins can change the program settings. Ask one of them.")
  const data = parseOrThrow(VendorSettingsSchema, input, 'The settings were not saved: correct the highlighted fields.')
  const before = await getVendorSettings(actor)
  await db.transaction(async (tx) => {
    await writeProgramSettings(tx, actor, data)
    await writeEnabledSteps(tx, actor, data.onboardingSteps)
    const registrationProtectionDays = data.registrationProtectionDays ?? before.registrationProtectionDays
    if (registrationProtectionDays !== before.registrationProtectionDays) await writeProtectionDays(tx, actor, registrationProtectionDays)
    const asymmetryWarningPercent = data.asymmetryWarningPercent ?? before.asymmetryWarningPercent
    if (asymmetryWarningPercent !== before.asymmetryWarningPercent) await writeAsymmetryWarningPercent(tx, actor, asymmetryWarningPercent)
    const exchangeRates = data.exchangeRates === undefined ? before.exchangeRates : formatRates(data.exchangeRates)
    if (data.exchangeRates !== undefined && exchangeRates !== before.exchangeRates) await writeExchangeRates(tx, actor, data.exchangeRates)
    const after = {
      remindAfterHours: data.remindAfterHours,
      expireAfterHours: data.expireAfterHours,
      feeType: data.feeType,
      feePercentBps: data.feePercentBps,
      feeFixedAmount: data.feeFixedAmount,
      feeCapAmount: data.feeCapAmount,
      onboardingSteps: data.onboardingSteps,
      registrationProtectionDays,
      asymmetryWarningPercent,
      exchangeRates,
    }
    await recordEvent(tx, {
      type: 'vendor_settings.updated',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'organization',
      subjectId: actor.orgId,
      payload: { before, after },
      audience: { vendor: true },
    })
  })
}
