import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { COSELL_PRIORITIES, DEFAULT_DOWNGRADE_GRACE_DAYS, MDF_PERIODS, PROGRAM_METRICS, PROPOSAL_STATUSES, TIER_CHANGE_KINDS, type ProgramMetric } from '#app/features/programs/vocab.ts'
import { users } from '#db/schema/auth.ts'
import { opportunities } from '#db/schema/pipeline.ts'
import { organizations, PARTNER_TYPES, TIERS } from '#db/schema/orgs.ts'
import { FEE_TYPES } from '#db/schema/referrals.ts'

/**
 * The partner program: tracks (one per partner type or motion), ordered tiers per track with
 * requirements measured from the product's data and benefits, partners' standings as the last
 * evaluation found them, certifications of partners' people, and the history of tier decisions.
 * Amounts are integers in minor units (cents).
 */

/** One row per vendor org: the downgrade grace period and the currencies benefits may be stated in. */
export const programSettings = pgTable(
  'program_settings',
  {
    orgId: text('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    downgradeGraceDays: integer('downgrade_grace_days').notNull().default(DEFAULT_DOWNGRADE_GRACE_DAYS),
    currencies: text('currencies')
      .array()
      .notNull()
      .default(sql`'{USD,EUR,GBP}'::text[]`),
    /** When the last evaluation of every partner ran (the nightly job runs once a day after 02:00 UTC). */
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true, mode: 'date' }),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [check('program_settings_grace', sql`${t.downgradeGraceDays} >= 0`)],
)

export const programTracks = pgTable(
  'program_tracks',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    /** The partner types this track applies to; a partner is evaluated in the first track (by position) listing its type. */
    partnerTypes: text('partner_types', { enum: PARTNER_TYPES }).array().notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('program_tracks_slug_key').on(t.slug)],
)

/** A tier of a track, ranked from 1 (the entry tier) upwards, with its benefits. */
export const programTiers = pgTable(
  'program_tiers',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    trackId: text('track_id')
      .notNull()
      .references(() => programTracks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    rank: integer('rank').notNull(),
    /** The organization's tier label (search facets, analytics filters) while it holds this tier. */
    orgTier: text('org_tier', { enum: TIERS }).notNull(),
    // Benefits. Default referral fee terms, as referral_program_settings models them.
    feeType: text('fee_type', { enum: FEE_TYPES }).notNull().default('none'),
    feePercentBps: integer('fee_percent_bps'),
    feeFixedAmount: bigint('fee_fixed_amount', { mode: 'number' }),
    feeCapAmount: bigint('fee_cap_amount', { mode: 'number' }),
    discountBps: integer('discount_bps').notNull().default(0),
    mdfAmount: bigint('mdf_amount', { mode: 'number' }).notNull().default(0),
    mdfCurrency: text('mdf_currency').notNull().default('USD'),
    mdfPeriod: text('mdf_period', { enum: MDF_PERIODS }).notNull().default('quarter'),
    /** Added to the partner's marketplace placement score, 0–100. */
    placementBoost: integer('placement_boost').notNull().default(0),
    cosellPriority: text('cosell_priority', { enum: COSELL_PRIORITIES }).notNull().default('standard'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('program_tiers_track_rank_key').on(t.trackId, t.rank),
    check('program_tiers_rank', sql`${t.rank} >= 1`),
    check(
      'program_tiers_benefit_amounts',
      sql`coalesce(${t.feeFixedAmount}, 0) >= 0 and coalesce(${t.feeCapAmount}, 0) >= 0 and coalesce(${t.feePercentBps}, 0) between 0 and 10000 and ${t.discountBps} between 0 and 10000 and ${t.mdfAmount} >= 0 and ${t.placementBoost} between 0 and 100`,
    ),
  ],
)

/** What a partner must reach for a tier: a metric at or above a threshold over a trailing window. */
export const programRequirements = pgTable(
  'program_requirements',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    tierId: text('tier_id')
      .notNull()
      .references(() => programTiers.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: PROGRAM_METRICS }).notNull(),
    /** Minor units for money metrics, a count otherwise. */
    threshold: bigint('threshold', { mode: 'number' }).notNull(),
    /** Trailing window in days (ignored by the state metrics: confirmed integrations, active certifications). */
    windowDays: integer('window_days').notNull().default(365),
  },
  (t) => [
    uniqueIndex('program_requirements_tier_metric_key').on(t.tierId, t.metric),
    check('program_requirements_threshold', sql`${t.threshold} >= 0`),
    check('program_requirements_window', sql`${t.windowDays} between 1 and 3660`),
  ],
)

/** A certification a person of a partner holds; active while `expiresAt` is in the future. */
export const programCertifications = pgTable(
  'program_certifications',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    personName: text('person_name').notNull(),
    personEmail: text('person_email'),
    name: text('name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('program_certifications_org_idx').on(t.orgId, t.expiresAt), check('program_certifications_dates', sql`${t.expiresAt} >= ${t.issuedAt}`)],
)

/** One requirement as the last evaluation measured it. */
export type MeasuredRequirement = {
  requirementId: string
  tierId: string
  metric: ProgramMetric
  threshold: number
  windowDays: number
  value: number
  met: boolean
}

/** A partner's standing in its track: its approved tier, the last evaluation and the proposal it made. */
export const programStandings = pgTable(
  'program_standings',
  {
    orgId: text('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    trackId: text('track_id')
      .notNull()
      .references(() => programTracks.id, { onDelete: 'cascade' }),
    /** The approved tier (null: none yet). Only a vendor decision changes it. */
    currentTierId: text('current_tier_id').references(() => programTiers.id, { onDelete: 'set null' }),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true, mode: 'date' }),
    /** The highest tier whose requirements were all met at the last evaluation. */
    qualifiedTierId: text('qualified_tier_id').references(() => programTiers.id, { onDelete: 'set null' }),
    proposalStatus: text('proposal_status', { enum: PROPOSAL_STATUSES }).notNull().default('none'),
    /** The proposed tier while a proposal is pending (null with status pending: leave the track's tiers). */
    proposedTierId: text('proposed_tier_id').references(() => programTiers.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }),
    /** Set by the first evaluation that finds the partner below its tier; a downgrade is proposed once it has passed. */
    graceUntil: timestamp('grace_until', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * A hash of what the last evaluation wrote (track, tiers, measurements — kept in
     * program_standing_measurements —, proposal, grace): the next evaluation rewrites only the
     * standings whose hash differs, and only stamps the others. Any other write that changes those
     * columns clears it (a trigger, migrations 0050 and 0053), so a standing changed by a decision
     * is always rewritten.
     */
    fingerprint: text('fingerprint'),
  },
  (t) => [index('program_standings_track_idx').on(t.trackId), index('program_standings_proposal_idx').on(t.proposalStatus, t.proposedAt)],
)

/**
 * What the last evaluation measured for a standing, one row per standing, apart from it: the
 * standing row stays narrow, so the nightly stamp of an unchanged standing (its evaluation time)
 * copies ~150 bytes instead of the ~1.8 KB of measurements, and this row is written only when the
 * evaluation rewrites the standing (its fingerprint covers these measurements).
 */
export const programStandingMeasurements = pgTable('program_standing_measurements', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => programStandings.orgId, { onDelete: 'cascade' }),
  measurements: jsonb('measurements').$type<MeasuredRequirement[]>().notNull().default([]),
})

/** Every tier decision: from, to, who, why, when. Names are kept so history reads right after a tier is renamed or removed. */
export const programTierHistory = pgTable(
  'program_tier_history',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    trackId: text('track_id').references(() => programTracks.id, { onDelete: 'set null' }),
    fromTierId: text('from_tier_id').references(() => programTiers.id, { onDelete: 'set null' }),
    toTierId: text('to_tier_id').references(() => programTiers.id, { onDelete: 'set null' }),
    fromTierName: text('from_tier_name'),
    toTierName: text('to_tier_name'),
    kind: text('kind', { enum: TIER_CHANGE_KINDS }).notNull(),
    reason: text('reason'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('program_tier_history_org_idx').on(t.orgId, t.createdAt)],
)

/**
 * The pipeline family's facts, one row per (vendor opportunity, partner org) pair that the program
 * requirements attribute (docs/metrics.md, "Program requirements"): the partner org that sourced
 * the opportunity (`sourced`), and every other partner org with a touch not after its close. Kept
 * exact by database triggers (migration 0049_program_pipeline_pairs_upkeep) in the transaction of
 * every write to opportunities, referrals, co-sell participations and organizations' kind — never
 * written by application code — so the evaluation reads each attributed fact once instead of
 * joining the opportunities to every touch.
 */
export const programPipelinePairs = pgTable(
  'program_pipeline_pairs',
  {
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    /** A partner org (kind `partner` when the row was computed). */
    orgId: text('org_id').notNull(),
    /** This org sourced the opportunity (otherwise it touched it not after the close). */
    sourced: boolean('sourced').notNull(),
    /** The opportunity is partner-sourced (by any partner org): it is nobody's influenced pipeline. */
    partnerSourced: boolean('partner_sourced').notNull(),
    won: boolean('won').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.opportunityId, t.orgId] }),
    // The evaluation reads the pairs created in its widest window and the won ones closed in it:
    // two index-only range scans instead of the whole table.
    index('program_pipeline_pairs_created_idx').on(t.createdAt, t.orgId, t.sourced, t.partnerSourced, t.won, t.amount, t.closedAt),
    index('program_pipeline_pairs_won_closed_idx')
      .on(t.closedAt, t.orgId, t.amount, t.createdAt)
      .where(sql`${t.won}`),
  ],
)

/**
 * The pipeline pairs summed per partner org and calendar month (UTC), so a trailing window is the
 * sum of the whole months inside it plus the pairs of its two partial months (measure.server.ts)
 * instead of a sum over every pair in it. A pair adds its amount to `sourced` (when it is the
 * sourcing pair) or to `influenced` (when the opportunity is not partner-sourced) in the month it
 * was created, and to `won` (when won) in the month it closed.
 *
 * Kept exact by a database trigger on program_pipeline_pairs (migration
 * 0056_program_pipeline_months_upkeep) and never written by application code: every write to the
 * pairs appends its signed changes as rows with `compacted` false (appends only, so concurrent
 * writers never wait for each other here); the evaluation folds them into one compacted row per
 * (month, org) before measuring (program_compact_pipeline_months). A (month, org) is the sum of
 * all its rows, compacted or not.
 */
export const programPipelineMonths = pgTable(
  'program_pipeline_months',
  {
    /** The first instant of the month, UTC. */
    month: timestamp('month', { withTimezone: true, mode: 'date' }).notNull(),
    orgId: text('org_id').notNull(),
    sourced: bigint('sourced', { mode: 'number' }).notNull().default(0),
    influenced: bigint('influenced', { mode: 'number' }).notNull().default(0),
    won: bigint('won', { mode: 'number' }).notNull().default(0),
    compacted: boolean('compacted').notNull().default(false),
  },
  (t) => [
    index('program_pipeline_months_month_idx').on(t.month, t.orgId, t.sourced, t.influenced, t.won),
    index('program_pipeline_months_fresh_idx')
      .on(t.month, t.orgId)
      .where(sql`not ${t.compacted}`),
  ],
)

/**
 * The referrals each partner org sent, counted per calendar month (UTC) of their creation: all of
 * them (`sent`) and those whose receiver accepted them (`accepted`: accepted, in progress, won or
 * lost), so the referral requirements read a trailing window as its whole months plus the
 * referrals of its partial months (measure.server.ts). Kept like program_pipeline_months, by an
 * append-only trigger on referrals (migration 0058_program_referral_months_upkeep) and compacted by
 * the evaluation (program_compact_referral_months).
 */
export const programReferralMonths = pgTable(
  'program_referral_months',
  {
    /** The first instant of the month, UTC. */
    month: timestamp('month', { withTimezone: true, mode: 'date' }).notNull(),
    orgId: text('org_id').notNull(),
    sent: integer('sent').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    compacted: boolean('compacted').notNull().default(false),
  },
  (t) => [
    index('program_referral_months_month_idx').on(t.month, t.orgId, t.sent, t.accepted),
    index('program_referral_months_fresh_idx')
      .on(t.month, t.orgId)
      .where(sql`not ${t.compacted}`),
  ],
)
