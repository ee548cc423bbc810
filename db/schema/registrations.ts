import { sql } from 'drizzle-orm'
import { bigint, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities } from '#db/schema/pipeline.ts'

/**
 * Deal registration: a partner registers an opportunity with the vendor; the vendor's team
 * approves (the partner is protected until `protectedUntil`) or rejects it with a reason. An
 * approved registration expires when its protection ends (a job marks it), unless the vendor
 * extends it, or revokes an approval (its opportunity is closed lost and no longer partner-sourced).
 * `amount` is in minor units of `currency` (one of the program's currencies); `amountReporting` is
 * the same value in the vendor's reporting currency (USD) at the rate of the vendor's settings when
 * it was submitted, stored so the figures do not move with later rate changes (docs/metrics.md).
 */
export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'revoked'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** One stored conflict of a deal: what it matched, in full (only the vendor's team reads it all). */
export type StoredDealMatch = {
  kind: 'referral' | 'cosell' | 'registration' | 'vendor_opportunity' | 'account_list'
  id: string
  /** The partner orgs party to the matched deal (empty for the vendor's own opportunity). */
  orgIds: string[]
  /** True when the acting partner is a party of the matched deal (it may see it in full). */
  own: boolean
  explanation: string
}

export const dealRegistrations = pgTable(
  'deal_registrations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    accountName: text('account_name').notNull(),
    accountDomain: text('account_domain'),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    /** ISO 4217, one of the program's currencies when submitted. */
    currency: text('currency').notNull().default('USD'),
    /** `amount` in the reporting currency (USD minor units), converted at `exchangeRate`. */
    amountReporting: bigint('amount_reporting', { mode: 'number' }).notNull().default(0),
    /** Reporting-currency units per unit of `currency` when submitted (1 for USD). */
    exchangeRate: doublePrecision('exchange_rate').notNull().default(1),
    products: jsonb('products').$type<string[]>().notNull().default([]),
    expectedCloseAt: timestamp('expected_close_at', { withTimezone: true, mode: 'date' }).notNull(),
    notes: text('notes'),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    protectedUntil: timestamp('protected_until', { withTimezone: true, mode: 'date' }),
    extensions: integer('extensions').notNull().default(0),
    /** The vendor opportunity created on approval, sourced by the partner (docs/metrics.md). */
    opportunityId: text('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    /** Reminders before expiry, each sent once (the job claims it by setting the column). */
    reminded14At: timestamp('reminded_14_at', { withTimezone: true, mode: 'date' }),
    reminded3At: timestamp('reminded_3_at', { withTimezone: true, mode: 'date' }),
    expiredAt: timestamp('expired_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('deal_registrations_org_idx').on(t.orgId, t.createdAt),
    index('deal_registrations_status_idx').on(t.status, t.createdAt),
    index('deal_registrations_domain_idx').on(t.accountDomain),
    index('deal_registrations_protected_idx')
      .on(t.protectedUntil)
      .where(sql`${t.status} = 'approved'`),
    check('deal_registrations_amount_nonnegative', sql`${t.amount} >= 0`),
  ],
)

/** The vendor's deal-registration program: how long an approval protects the partner. */
export const registrationSettings = pgTable('registration_settings', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  protectionDays: integer('protection_days').notNull().default(90),
  /** Reporting-currency (USD) units per unit of each other program currency, e.g. { "EUR": 1.08 }. */
  exchangeRates: jsonb('exchange_rates').$type<Record<string, number>>().notNull().default({}),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

export const DEAL_KINDS = ['referral', 'cosell', 'registration'] as const
export type DealKind = (typeof DEAL_KINDS)[number]
export const CONFLICT_RESOLUTIONS = ['assign', 'merge', 'reject', 'allow_both'] as const
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number]

/**
 * The vendor's conflict queue: a new deal (referral, co-sell or registration) whose customer is
 * already worked elsewhere in the ecosystem, with everything it matched, until the vendor's team
 * resolves it (assign to one side, merge, reject, allow both).
 */
export const dealConflicts = pgTable(
  'deal_conflicts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    dealKind: text('deal_kind', { enum: DEAL_KINDS }).notNull(),
    dealId: text('deal_id').notNull(),
    /** The partner (or vendor) org that created the flagged deal. */
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    accountName: text('account_name').notNull(),
    accountDomain: text('account_domain'),
    matches: jsonb('matches').$type<StoredDealMatch[]>().notNull().default([]),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    resolution: text('resolution', { enum: CONFLICT_RESOLUTIONS }),
    /** For assign and merge: the deal that keeps the customer ("kind:id"). */
    keptDeal: text('kept_deal'),
    resolutionNote: text('resolution_note'),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('deal_conflicts_status_idx').on(t.status, t.createdAt), index('deal_conflicts_deal_idx').on(t.dealKind, t.dealId)],
)
