import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { REFERRAL_STATUSES, referrals } from '#db/schema/pipeline.ts'

/**
 * Referral program: the vendor's settings (reminder/expiry, default fee terms), each referral's
 * timeline, the fee ledger and the endorsements partners give each other after a won referral.
 * Amounts are integers in minor units (cents).
 */
export const FEE_TYPES = ['none', 'percent', 'fixed'] as const
export type FeeType = (typeof FEE_TYPES)[number]

/** One row per vendor org. */
export const referralProgramSettings = pgTable(
  'referral_program_settings',
  {
    orgId: text('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    remindAfterHours: integer('remind_after_hours').notNull().default(48),
    expireAfterHours: integer('expire_after_hours').notNull().default(120),
    defaultFeeType: text('default_fee_type', { enum: FEE_TYPES }).notNull().default('percent'),
    defaultFeePercentBps: integer('default_fee_percent_bps').default(1000),
    defaultFeeFixedAmount: bigint('default_fee_fixed_amount', { mode: 'number' }),
    defaultFeeCapAmount: bigint('default_fee_cap_amount', { mode: 'number' }),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('referral_program_settings_hours', sql`${t.remindAfterHours} > 0 and ${t.expireAfterHours} > ${t.remindAfterHours}`),
    check(
      'referral_program_settings_fee_amounts',
      sql`coalesce(${t.defaultFeeFixedAmount}, 0) >= 0 and coalesce(${t.defaultFeeCapAmount}, 0) >= 0 and coalesce(${t.defaultFeePercentBps}, 0) between 0 and 10000`,
    ),
  ],
)

export const TIMELINE_KINDS = ['status', 'fee', 'conflict', 'reminder', 'endorsement', 'note'] as const

/** What happened to a referral, in order, as its parties see it. */
export const referralTimeline = pgTable(
  'referral_timeline',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    referralId: text('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    fromStatus: text('from_status', { enum: REFERRAL_STATUSES }),
    toStatus: text('to_status', { enum: REFERRAL_STATUSES }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorOrgId: text('actor_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    summary: text('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('referral_timeline_referral_idx').on(t.referralId, t.createdAt)],
)

export const FEE_STATUSES = ['owed', 'paid', 'confirmed'] as const
export type FeeStatus = (typeof FEE_STATUSES)[number]

/** The fee a won referral earns: the receiver (payer) owes the referrer (payee). */
export const referralFees = pgTable(
  'referral_fees',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    referralId: text('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    payerOrgId: text('payer_org_id')
      .notNull()
      .references(() => organizations.id),
    payeeOrgId: text('payee_org_id')
      .notNull()
      .references(() => organizations.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** How it was computed, for people: "10% of $12,000.00, capped at $1,000.00". */
    basis: text('basis').notNull(),
    status: text('status', { enum: FEE_STATUSES }).notNull().default('owed'),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }),
    paidBy: text('paid_by').references(() => users.id, { onDelete: 'set null' }),
    paymentReference: text('payment_reference'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    confirmedBy: text('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referral_fees_referral_key').on(t.referralId),
    index('referral_fees_payer_idx').on(t.payerOrgId, t.status),
    index('referral_fees_payee_idx').on(t.payeeOrgId, t.status),
    check('referral_fees_amount_nonnegative', sql`${t.amount} >= 0`),
  ],
)

/** A rating one party of a won referral gives the other, once. */
export const endorsements = pgTable(
  'endorsements',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    referralId: text('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    fromOrgId: text('from_org_id')
      .notNull()
      .references(() => organizations.id),
    toOrgId: text('to_org_id')
      .notNull()
      .references(() => organizations.id),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('endorsements_referral_from_key').on(t.referralId, t.fromOrgId),
    index('endorsements_to_idx').on(t.toOrgId),
    check('endorsements_rating_range', sql`${t.rating} between 1 and 5`),
    check('endorsements_distinct_orgs', sql`${t.fromOrgId} <> ${t.toOrgId}`),
  ],
)

export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_updated',
  'fee_updated',
  'message',
  'endorsement',
  'cosell',
  'connection',
  'listing',
  'team',
  'organization',
  'application',
  'lead',
  'community',
  'partnership',
  'registration',
  'webhook',
  'program',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const
export type EmailMode = (typeof EMAIL_MODES)[number]

/** Per user, per kind of event: in the bell or not, and by email now, in the daily digest, or never. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    inApp: integer('in_app').notNull().default(1),
    email: text('email', { enum: EMAIL_MODES }).notNull().default('immediate'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
)

/** Items waiting for a user's daily digest email, claimed atomically by whichever node runs the job. */
export const notificationDigestItems = pgTable(
  'notification_digest_items',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    link: text('link'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notification_digest_items_user_event_key').on(t.userId, t.eventId), index('notification_digest_items_pending_idx').on(t.sentAt, t.userId)],
)

export const notificationDigests = pgTable('notification_digests', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true, mode: 'date' }),
})
