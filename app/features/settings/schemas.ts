import { z } from 'zod'
import { ONBOARDING_STEPS } from '#app/features/onboarding/steps.ts'
import { ProgramSettingsSchema } from '#app/features/referrals/schemas.ts'
import { ExchangeRatesSchema, ProtectionDaysSchema } from '#app/features/registrations/schemas.ts'

/**
 * The vendor's program settings page, one schema for the form and the domain: referral reminder
 * and expiry, default fee terms (from the referral program's own schema) and which onboarding
 * checklist steps are on, and when partnership health warns of asymmetry.
 */
/** The partnership health warning: asymmetric when the two sides' on-time fulfilment differs by at least this many points. */
export const MIN_ASYMMETRY_WARNING_PERCENT = 5
export const MAX_ASYMMETRY_WARNING_PERCENT = 100
export const AsymmetryWarningSchema = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce
    .number({ invalid_type_error: 'Enter a percentage, e.g. 30.' })
    .int('Enter a whole percentage, e.g. 30.')
    .min(MIN_ASYMMETRY_WARNING_PERCENT, `Warn at a difference of at least ${MIN_ASYMMETRY_WARNING_PERCENT} points.`)
    .max(MAX_ASYMMETRY_WARNING_PERCENT, `Warn at a difference of at most ${MAX_ASYMMETRY_WARNING_PERCENT} points.`)
    .optional(),
)

export const VendorSettingsSchema = ProgramSettingsSchema.and(
  z.object({
    /** Partnership health's asymmetry warning in percentage points; left out, the current value stays. */
    asymmetryWarningPercent: AsymmetryWarningSchema,
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
