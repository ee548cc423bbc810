/**
 * The partner program's vocabularies and labels, browser-safe (no drizzle, no node imports): the
 * schema builds its column enums from these lists and the pages import them directly.
 */
export const PROGRAM_METRICS = [
  'sourced_pipeline',
  'influenced_pipeline',
  'closed_won_revenue',
  'referrals_sent',
  'referrals_accepted',
  'confirmed_integrations',
  'verified_endorsements',
  'active_certifications',
  'community_accepted_answers',
] as const
export type ProgramMetric = (typeof PROGRAM_METRICS)[number]

/** Money metrics are integers in minor units (cents) of the vendor's reporting currency; the others are counts. */
export const MONEY_METRICS: readonly ProgramMetric[] = ['sourced_pipeline', 'influenced_pipeline', 'closed_won_revenue']

/** Metrics of a current state (counted as they are now): the trailing window does not apply. */
export const STATE_METRICS: readonly ProgramMetric[] = ['confirmed_integrations', 'active_certifications']

export const PROGRAM_METRIC_LABELS: Record<ProgramMetric, string> = {
  sourced_pipeline: 'Sourced pipeline',
  influenced_pipeline: 'Influenced pipeline',
  closed_won_revenue: 'Closed-won revenue',
  referrals_sent: 'Referrals sent',
  referrals_accepted: 'Referrals accepted',
  confirmed_integrations: 'Confirmed integrations',
  verified_endorsements: 'Verified endorsements',
  active_certifications: 'Certified people (active certifications)',
  community_accepted_answers: 'Accepted community answers',
}

export const COSELL_PRIORITIES = ['standard', 'high', 'top'] as const
export type CosellPriority = (typeof COSELL_PRIORITIES)[number]
export const COSELL_PRIORITY_LABELS: Record<CosellPriority, string> = { standard: 'Standard', high: 'High', top: 'Top' }

export const MDF_PERIODS = ['quarter', 'year'] as const
export type MdfPeriod = (typeof MDF_PERIODS)[number]
export const MDF_PERIOD_LABELS: Record<MdfPeriod, string> = { quarter: 'per quarter', year: 'per year' }

/** A standing's proposal: none, waiting for the vendor's team, or decided (approved as proposed, or overridden). */
export const PROPOSAL_STATUSES = ['none', 'pending', 'approved', 'overridden'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]

export const TIER_CHANGE_KINDS = ['approved', 'override'] as const
export type TierChangeKind = (typeof TIER_CHANGE_KINDS)[number]

/** The program's currencies when the vendor has not chosen its own list (ISO 4217). */
export const DEFAULT_PROGRAM_CURRENCIES = ['USD', 'EUR', 'GBP'] as const
export const DEFAULT_DOWNGRADE_GRACE_DAYS = 90
