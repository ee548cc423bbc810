import { z } from 'zod'
import { ONBOARDING_STEPS } from '#app/features/onboarding/steps.ts'
import { ProgramSettingsSchema } from '#app/features/referrals/schemas.ts'
import { ExchangeRatesSchema, ProtectionDaysSchema } from '#app/features/registrations/schemas.ts'

/**
 * The vendor's program settings page, one schema for the form and the domain: referral reminder
 * and expiry, default fee terms (from the referral program's own schema) and which onboarding
 * checklist steps are on.
 */
export const VendorSettingsSchema = ProgramSettingsSchema.and(
  z.object({
    /** Days an approved deal registration protects the partner; left out, the current value stays. */
    registrationProtectionDays: ProtectionDaysSchema,
    /** "EUR 1.08, GBP 1.27": what a deal registered in another currency is worth in USD; left out, the current rates stay. */
    exchangeRates: ExchangeRatesSchema,
    onboardingSteps: z.preprocess(
      (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(ONBOARDING_STEPS, { errorMap: () => ({ message: `Choose steps from the list (${ONBOARDING_STEPS.join(', ')}).` }) })),
    ),
  }),
)
export type VendorSettingsInput = z.input<typeof VendorSettingsSchema>
