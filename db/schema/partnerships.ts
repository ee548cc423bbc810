import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Strategic partnerships and their governance (docs/metrics.md, "Partnership health"): a
 * partnership joins two organizations (the vendor and a partner — the vendor is side A — or two
 * partners), moves through lifecycle stages, may be designated strategic after a fit assessment,
 * and is run through versioned joint business plans signed by both sides, commitments owned by
 * either side, and reviews.
 */
export const PARTNERSHIP_STAGES = ['identification', 'agreement_onboarding', 'active_collaboration', 'performance_review', 'relationship_development', 'concluded'] as const
export type PartnershipStage = (typeof PARTNERSHIP_STAGES)[number]

export const partnerships = pgTable(
  'partnerships',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    /** Side A: the vendor in a vendor–partner partnership. */
    orgAId: text('org_a_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    orgBId: text('org_b_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: PARTNERSHIP_STAGES }).notNull().default('identification'),
    strategic: boolean('strategic').notNull().default(false),
    designatedAt: timestamp('designated_at', { withTimezone: true, mode: 'date' }),
    designatedBy: text('designated_by').references(() => users.id, { onDelete: 'set null' }),
    importKey: text('import_key'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // One partnership per pair of organizations, whichever side is A.
    uniqueIndex('partnerships_pair_key').on(sql`least(${t.orgAId}, ${t.orgBId})`, sql`greatest(${t.orgAId}, ${t.orgBId})`),
    uniqueIndex('partnerships_import_key_key').on(t.importKey),
    index('partnerships_org_b_idx').on(t.orgBId),
    index('partnerships_stage_idx').on(t.stage),
    check('partnerships_two_orgs', sql`${t.orgAId} <> ${t.orgBId}`),
  ],
)

/** Who moved a partnership from one stage to another, and when (the lifecycle's history). */
export const partnershipStageChanges = pgTable(
  'partnership_stage_changes',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    partnershipId: text('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage', { enum: PARTNERSHIP_STAGES }),
    toStage: text('to_stage', { enum: PARTNERSHIP_STAGES }).notNull(),
    note: text('note').notNull().default(''),
    changedBy: text('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('partnership_stage_changes_idx').on(t.partnershipId, t.changedAt)],
)

export const FIT_DIMENSIONS = ['marketAccess', 'capability', 'commitment', 'alignment'] as const
export type FitDimension = (typeof FIT_DIMENSIONS)[number]
export const FIT_KINDS = ['initial', 'annual'] as const
/** The decision an annual strategic review records. */
export const FIT_DECISIONS = ['continue', 'modify', 'transition', 'conclude'] as const

/**
 * A strategic fit assessment: four dimensions scored 1–5 with evidence notes. An annual review
 * re-scores it and records a decision.
 */
export const partnershipFitAssessments = pgTable(
  'partnership_fit_assessments',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    partnershipId: text('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FIT_KINDS }).notNull().default('initial'),
    marketAccess: integer('market_access').notNull(),
    capability: integer('capability').notNull(),
    commitment: integer('commitment').notNull(),
    alignment: integer('alignment').notNull(),
    /** Evidence notes per dimension: `{ marketAccess: "…", capability: "…", … }`. */
    evidence: jsonb('evidence').$type<Partial<Record<FitDimension, string>>>().notNull().default({}),
    decision: text('decision', { enum: FIT_DECISIONS }),
    decisionNote: text('decision_note').notNull().default(''),
    assessedBy: text('assessed_by').references(() => users.id, { onDelete: 'set null' }),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('partnership_fit_assessments_idx').on(t.partnershipId, t.assessedAt),
    check('partnership_fit_scores_range', sql`${t.marketAccess} between 1 and 5 and ${t.capability} between 1 and 5 and ${t.commitment} between 1 and 5 and ${t.alignment} between 1 and 5`),
  ],
)

export const PLAN_STATUSES = ['draft', 'active', 'superseded'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/** A quarter's targets in a plan version, amounts in minor units of the plan's currency. */
export type PlanTarget = { quarter: string; pipeline: number; revenue?: number }
export type PlanScope = { segments: string[]; territories: string[]; categories: string[] }

/**
 * One version of a joint business plan. A version is a draft until both sides sign the same
 * revision of it; then it is active from `signedAt` until a later signed version supersedes it
 * (`supersededAt`). Any edit of a draft bumps `revision`, so a sign-off of a revision that has
 * changed since it was read is refused (optimistic concurrency).
 */
export const partnershipPlans = pgTable(
  'partnership_plans',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    partnershipId: text('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
    revision: integer('revision').notNull().default(1),
    /** "Together, A and B enable [outcome] for [segment]". */
    valueProposition: text('value_proposition').notNull().default(''),
    scope: jsonb('scope').$type<PlanScope>().notNull().default({ segments: [], territories: [], categories: [] }),
    /** Priority and exclusivity provisions, as agreed text. */
    provisions: text('provisions').notNull().default(''),
    currency: text('currency').notNull().default('USD'),
    targets: jsonb('targets').$type<PlanTarget[]>().notNull().default([]),
    /** Days after activation within which the first joint deal is expected. */
    activationWindowDays: integer('activation_window_days').notNull().default(90),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    importKey: text('import_key'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partnership_plans_version_key').on(t.partnershipId, t.version),
    uniqueIndex('partnership_plans_import_key_key').on(t.importKey),
    check('partnership_plans_window', sql`${t.activationWindowDays} >= 0`),
  ],
)

/** A side's sign-off of a plan version at a given revision. */
export const partnershipPlanSignoffs = pgTable(
  'partnership_plan_signoffs',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => partnershipPlans.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    signedBy: text('signed_by').references(() => users.id, { onDelete: 'set null' }),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.orgId] })],
)

/** A named executive sponsor of one side of a plan version. */
export const partnershipSponsors = pgTable(
  'partnership_sponsors',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    planId: text('plan_id')
      .notNull()
      .references(() => partnershipPlans.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
  },
  (t) => [index('partnership_sponsors_plan_idx').on(t.planId, t.orgId)],
)

export const COMMITMENT_KINDS = ['co_marketing_budget', 'presales_people', 'executive_time', 'certifications', 'customer_events', 'joint_content', 'other'] as const
export const COMMITMENT_STATUSES = ['open', 'met', 'missed', 'waived'] as const
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number]

/**
 * Something one side of a plan commits to. It belongs to the plan version it was introduced in,
 * and counts for health only once that version is signed by both sides.
 */
export const partnershipCommitments = pgTable(
  'partnership_commitments',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    planId: text('plan_id')
      .notNull()
      .references(() => partnershipPlans.id, { onDelete: 'cascade' }),
    ownerOrgId: text('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The person who owns it on that side, when named. */
    ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: COMMITMENT_KINDS }).notNull().default('other'),
    title: text('title').notNull(),
    /** How it is measured ("5 engineers certified", "USD 50,000 spent"). */
    measure: text('measure').notNull().default(''),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: COMMITMENT_STATUSES }).notNull().default('open'),
    metAt: timestamp('met_at', { withTimezone: true, mode: 'date' }),
    /** The review whose action item created it. */
    reviewId: text('review_id'),
    /** Reminders sent (7 days before, overdue), so a job never sends one twice. */
    remindedDueSoonAt: timestamp('reminded_due_soon_at', { withTimezone: true, mode: 'date' }),
    remindedOverdueAt: timestamp('reminded_overdue_at', { withTimezone: true, mode: 'date' }),
    importKey: text('import_key'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('partnership_commitments_plan_idx').on(t.planId, t.ownerOrgId, t.dueAt),
    index('partnership_commitments_due_idx').on(t.status, t.dueAt),
    uniqueIndex('partnership_commitments_import_key_key').on(t.importKey),
    check('partnership_commitments_met_at', sql`(${t.status} = 'met') = (${t.metAt} is not null)`),
  ],
)

export const REVIEW_KINDS = ['quarterly', 'annual'] as const

/** A scheduled partnership review; held when `heldAt` is set. */
export const partnershipReviews = pgTable(
  'partnership_reviews',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    partnershipId: text('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REVIEW_KINDS }).notNull().default('quarterly'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, mode: 'date' }).notNull(),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }),
    notes: text('notes').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    remindedAt: timestamp('reminded_at', { withTimezone: true, mode: 'date' }),
    importKey: text('import_key'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('partnership_reviews_idx').on(t.partnershipId, t.scheduledAt), uniqueIndex('partnership_reviews_import_key_key').on(t.importKey)],
)

/**
 * Who attended a review, per side; `sponsor` marks an executive sponsor. Engagement counts a
 * review as held with sponsors when each side has at least one sponsor row.
 */
export const partnershipReviewAttendees = pgTable(
  'partnership_review_attendees',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    reviewId: text('review_id')
      .notNull()
      .references(() => partnershipReviews.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    sponsor: boolean('sponsor').notNull().default(false),
  },
  (t) => [index('partnership_review_attendees_idx').on(t.reviewId, t.orgId)],
)

/** Currencies a joint business plan may use (amounts are kept in minor units of it). */
export const PLAN_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK', 'INR', 'BRL'] as const

/**
 * The vendor's rules for strategic partnerships: the minimum fit score on every dimension to
 * designate a partnership strategic, how many strategic partnerships before a warning, the
 * default activation window of a plan, and the currencies plans may use. One row per vendor org;
 * without a row the defaults apply.
 */
export const partnershipSettings = pgTable(
  'partnership_settings',
  {
    orgId: text('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fitThreshold: integer('fit_threshold').notNull().default(3),
    strategicLimit: integer('strategic_limit').notNull().default(15),
    activationWindowDays: integer('activation_window_days').notNull().default(90),
    currencies: jsonb('currencies').$type<string[]>().notNull().default(['USD', 'EUR', 'GBP']),
    /** Health warns of asymmetry when the two sides' on-time fulfilment rates differ by at least this many points (edited in /admin/settings). */
    asymmetryWarningPercent: integer('asymmetry_warning_percent').notNull().default(30),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('partnership_settings_threshold', sql`${t.fitThreshold} between 1 and 5`),
    check('partnership_settings_limit', sql`${t.strategicLimit} >= 1`),
    check('partnership_settings_window', sql`${t.activationWindowDays} >= 0`),
    check('partnership_settings_asymmetry', sql`${t.asymmetryWarningPercent} between 5 and 100`),
  ],
)
