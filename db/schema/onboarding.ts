import { sql } from 'drizzle-orm'
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { ONBOARDING_STEPS, type OnboardingStep } from '#app/features/onboarding/steps.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Onboarding: the steps of a newly approved partner's first-run checklist. Whether a step is done
 * is computed from the data the product already holds (profile, listings, accounts, connections,
 * team); only the vendor's choice of steps and a partner's dismissal of a finished checklist are stored.
 */
export { ONBOARDING_STEPS, type OnboardingStep }

/** One row per vendor org: which checklist steps are on. No row: all of them. */
export const onboardingSettings = pgTable('onboarding_settings', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  steps: text('steps', { enum: ONBOARDING_STEPS })
    .array()
    .notNull()
    .default(sql`'{profile,listing,accounts,connections,team}'::text[]`),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** A partner that finished its checklist and put it away. */
export const onboardingDismissals = pgTable('onboarding_dismissals', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  dismissedBy: text('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
  dismissedAt: timestamp('dismissed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
