import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Opportunities, referrals and co-sell participations: shared by referrals, co-sell and the
 * vendor's analytics (docs/metrics.md). Amounts are integers in minor units (cents).
 */
export const OPPORTUNITY_STAGES = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'won', 'lost'] as const
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number]
export const CLOSED_STAGES: OpportunityStage[] = ['won', 'lost']

export const REFERRAL_STATUSES = ['submitted', 'accepted', 'declined', 'in_progress', 'won', 'lost'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const PARTICIPANT_ROLES = ['implementation', 'technology', 'reseller', 'referral'] as const
export const PARTICIPANT_STATUSES = ['invited', 'accepted', 'declined'] as const

export const opportunities = pgTable(
  'opportunities',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    /** The org that owns the record: the vendor for its pipeline, or the partner that opened a co-sell. */
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title'),
    accountName: text('account_name').notNull(),
    accountDomain: text('account_domain'),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    stage: text('stage', { enum: OPPORTUNITY_STAGES }).notNull().default('prospect'),
    sourcedByOrgId: text('sourced_by_org_id').references(() => organizations.id),
    isCosell: boolean('is_cosell').notNull().default(false),
    expectedCloseAt: timestamp('expected_close_at', { withTimezone: true, mode: 'date' }),
    nextSteps: text('next_steps'),
    notes: text('notes'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * Rollup for the analytics summary, kept exact by database triggers (migration
     * 0017_partner_touch_rollup) on every write to referrals, co-sell participations and
     * organizations' kind — never written by application code. The earliest time of a touch by
     * any partner org (docs/metrics.md: a linked referral accepted/in_progress/won/lost, or an
     * accepted co-sell participation), ignoring the close; +infinity when the only touches are
     * participations without joinedAt; null without touches. "Has a touch not after closedAt"
     * is then `partner_touched_at <= closed_at` (or not null when still open).
     */
    partnerTouchedAt: timestamp('partner_touched_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('opportunities_import_key_key').on(t.importKey),
    // Period indexes that cover the analytics summary's reads (index-only scans instead of
    // fetching wide rows): the leading column serves any query by time as before.
    index('opportunities_created_idx').on(t.createdAt, t.orgId, t.stage, t.amount, t.closedAt, t.sourcedByOrgId, t.partnerTouchedAt, t.id),
    index('opportunities_closed_idx')
      .on(t.closedAt, t.orgId, t.stage, t.amount, t.createdAt, t.sourcedByOrgId, t.partnerTouchedAt, t.id)
      .where(sql`${t.closedAt} is not null`),
    index('opportunities_org_idx').on(t.orgId, t.stage),
    // Partnership health: the opportunities one partner sourced (its candidates for joint pipeline).
    index('opportunities_sourced_by_idx').on(t.sourcedByOrgId),
    // The co-sell list, newest first: without it the list walks every opportunity of the pipeline.
    index('opportunities_cosell_created_idx')
      .on(t.createdAt, t.id)
      .where(sql`${t.isCosell}`),
    index('opportunities_domain_idx').on(t.accountDomain),
    check('opportunities_amount_nonnegative', sql`${t.amount} >= 0`),
  ],
)

export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: OPPORTUNITY_STAGES }),
    toStage: text('to_stage', { enum: OPPORTUNITY_STAGES }).notNull(),
    changedBy: text('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('opportunity_stage_history_opp_idx').on(t.opportunityId, t.changedAt)],
)

/** A partner (or the vendor) invited to co-sell an opportunity. `accepted` participation is a touch. */
export const opportunityParticipants = pgTable(
  'opportunity_participants',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull().default('referral'),
    status: text('status', { enum: PARTICIPANT_STATUSES }).notNull().default('invited'),
    message: text('message'),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    importKey: text('import_key'),
  },
  (t) => [
    uniqueIndex('opportunity_participants_opp_org_key').on(t.opportunityId, t.orgId),
    index('opportunity_participants_org_idx').on(t.orgId, t.status),
    // Covering indexes for the analytics summary: touches (accepted, by opportunity) and co-sell edges (by joinedAt).
    index('opportunity_participants_joined_idx').on(t.joinedAt, t.status, t.opportunityId, t.orgId),
    index('opportunity_participants_accepted_idx')
      .on(t.opportunityId, t.orgId, t.joinedAt)
      .where(sql`${t.status} = 'accepted'`),
  ],
)

export const referrals = pgTable(
  'referrals',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    fromOrgId: text('from_org_id')
      .notNull()
      .references(() => organizations.id),
    toOrgId: text('to_org_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    accountName: text('account_name').notNull(),
    accountDomain: text('account_domain'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    need: text('need'),
    estimatedValue: bigint('estimated_value', { mode: 'number' }).notNull().default(0),
    opportunityId: text('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('submitted'),
    declineReason: text('decline_reason'),
    lostReason: text('lost_reason'),
    wonAmount: bigint('won_amount', { mode: 'number' }),
    /** Fee terms proposed by the sender: none, a percentage (basis points) of the won amount, or a fixed amount; optional cap. */
    feeType: text('fee_type', { enum: ['none', 'percent', 'fixed'] })
      .notNull()
      .default('none'),
    feePercentBps: integer('fee_percent_bps'),
    feeFixedAmount: bigint('fee_fixed_amount', { mode: 'number' }),
    feeCapAmount: bigint('fee_cap_amount', { mode: 'number' }),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true, mode: 'date' }),
    conflicts: jsonb('conflicts').$type<{ kind: string; explanation: string; shownToSender?: boolean }[]>().notNull().default([]),
    conflictStatus: text('conflict_status', { enum: ['none', 'flagged', 'resolved'] })
      .notNull()
      .default('none'),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_import_key_key').on(t.importKey),
    index('referrals_from_idx').on(t.fromOrgId, t.status),
    index('referrals_to_idx').on(t.toOrgId, t.status),
    // Partnership health: the referrals between the two sides of a partnership, by period.
    index('referrals_pair_idx').on(t.fromOrgId, t.toOrgId, t.createdAt),
    // Covering indexes for the analytics summary (P2P referrals and network by period; touches by opportunity).
    index('referrals_created_idx').on(t.createdAt, t.fromOrgId, t.toOrgId, t.status, t.closedAt, t.wonAmount),
    index('referrals_closed_idx')
      .on(t.closedAt, t.fromOrgId, t.toOrgId, t.status, t.createdAt, t.wonAmount)
      .where(sql`${t.closedAt} is not null`),
    index('referrals_opportunity_idx').on(t.opportunityId, t.status, t.createdAt, t.fromOrgId, t.toOrgId),
    index('referrals_domain_idx').on(t.accountDomain),
    check('referrals_amounts_nonnegative', sql`${t.estimatedValue} >= 0 and coalesce(${t.wonAmount}, 0) >= 0`),
    check('referrals_distinct_orgs', sql`${t.fromOrgId} <> ${t.toOrgId}`),
  ],
)
