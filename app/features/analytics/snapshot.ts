import { z } from 'zod'
import { INDUSTRIES, ORG_STATUSES, PARTNER_TYPES, REGIONS, TIERS } from '#db/schema/orgs.ts'
import { COMMITMENT_KINDS, COMMITMENT_STATUSES, PARTNERSHIP_STAGES, REVIEW_KINDS } from '#db/schema/partnerships.ts'
import { REFERRAL_STATUSES } from '#db/schema/pipeline.ts'
import { parseIsoTime } from '#app/features/analytics/period.ts'
import { findNul, nulMessage } from '#app/utils/nul.ts'

/**
 * The ecosystem snapshot of docs/import-format.md: validated record by
 * record with zod, then across records (keys unique, references resolve, exactly one vendor).
 * Every problem is collected — by section, record key and field — before anything is written.
 */

export type SnapshotSection = 'organizations' | 'opportunities' | 'referrals' | 'coSell' | 'partnerships' | 'plans' | 'commitments' | 'reviews' | 'document'
export type SnapshotProblem = { section: SnapshotSection; key: string; field: string; message: string }

export const formatProblem = (p: SnapshotProblem) => (p.section === 'document' ? `${p.field}: ${p.message}` : `${p.section} ${p.key} · ${p.field}: ${p.message}`)

const key = z.union([z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), z.number().int().transform(String)], {
  errorMap: () => ({ message: 'must be a non-empty string' }),
})
const ref = key.nullish().transform((v) => v ?? null)

const time = z.string({ invalid_type_error: 'must be an ISO 8601 time such as 2026-02-01T00:00:00Z', required_error: 'is required (ISO 8601 time)' }).transform((value, ctx) => {
  const date = parseIsoTime(value.trim())
  if (!date) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value.slice(0, 40)}" is not an ISO 8601 time such as 2026-02-01T00:00:00Z` })
    return z.NEVER
  }
  return date
})
const optionalTime = time.nullish().transform((v) => v ?? null)

const money = z
  .number({ invalid_type_error: 'must be a number (minor units, e.g. cents)', required_error: 'is required (minor units, e.g. cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'is too large')

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_type' && ctx.data === undefined ? `is required (one of: ${values.join(', ')})` : `must be one of: ${values.join(', ')}` }),
  })

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)

export const snapshotOrgSchema = z.object({
  key,
  name: text(200).min(1, 'must not be empty'),
  kind: enumOf(['vendor', 'partner'] as const),
  type: enumOf(PARTNER_TYPES)
    .nullish()
    .transform((v) => v ?? null),
  tier: enumOf(TIERS)
    .nullish()
    .transform((v) => v ?? null),
  status: enumOf(ORG_STATUSES).default('active'),
  approvedAt: optionalTime,
  regions: z.array(enumOf(REGIONS)).default([]),
  industries: z.array(enumOf(INDUSTRIES)).default([]),
  website: text(500).nullish(),
})

export const OPPORTUNITY_SNAPSHOT_STAGES = ['open', 'won', 'lost'] as const

export const snapshotOpportunitySchema = z.object({
  key,
  title: text(200).nullish(),
  accountDomain: text(253)
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  accountName: text(200).nullish(),
  amount: money,
  stage: enumOf(OPPORTUNITY_SNAPSHOT_STAGES),
  createdAt: time,
  closedAt: optionalTime,
  sourcedBy: ref,
})

export const snapshotReferralSchema = z.object({
  key,
  from: key,
  to: key,
  accountDomain: text(253)
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null)),
  accountName: text(200).nullish(),
  need: text(2000).nullish(),
  estimatedValue: money.default(0),
  status: enumOf(REFERRAL_STATUSES),
  createdAt: time,
  closedAt: optionalTime,
  wonAmount: money.nullish().transform((v) => v ?? null),
  opportunity: ref,
})

export const snapshotCoSellSchema = z.object({
  key: key.optional(),
  opportunity: key,
  org: key,
  status: enumOf(['invited', 'accepted', 'declined'] as const),
  role: enumOf(['implementation', 'technology', 'reseller', 'referral'] as const).default('referral'),
  joinedAt: optionalTime,
})

export const snapshotPartnershipSchema = z.object({
  key,
  a: key,
  b: key,
  strategic: z.boolean({ invalid_type_error: 'must be true or false' }).default(false),
  designatedAt: optionalTime,
  stage: enumOf(PARTNERSHIP_STAGES).default('identification'),
})

const quarterKey = z
  .string({ invalid_type_error: 'must be a quarter such as 2026-Q1', required_error: 'is required (a quarter such as 2026-Q1)' })
  .trim()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q1')

export const snapshotPlanSchema = z.object({
  key,
  partnership: key,
  version: z
    .number({ invalid_type_error: 'must be a whole number from 1', required_error: 'is required (a whole number from 1)' })
    .int('must be a whole number from 1')
    .min(1, 'must be a whole number from 1'),
  signedAt: optionalTime,
  supersededAt: optionalTime,
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD')
    .default('USD'),
  valueProposition: text(2000).default(''),
  activationWindowDays: z.number().int('must be a whole number of days').min(0, 'must not be negative').max(3650, 'must be at most 3650 days').default(90),
  targets: z.array(z.object({ quarter: quarterKey, pipeline: money, revenue: money.optional() }), { invalid_type_error: 'must be an array of { quarter, pipeline }' }).default([]),
})

export const snapshotCommitmentSchema = z.object({
  key,
  plan: key,
  owner: key,
  title: text(200).min(1, 'must not be empty'),
  kind: enumOf(COMMITMENT_KINDS).default('other'),
  measure: text(500).default(''),
  dueAt: time,
  status: enumOf(COMMITMENT_STATUSES).default('open'),
  metAt: optionalTime,
})

export const snapshotReviewSchema = z.object({
  key,
  partnership: key,
  kind: enumOf(REVIEW_KINDS).default('quarterly'),
  scheduledAt: time,
  heldAt: optionalTime,
  sponsorsPresent: z.array(key, { invalid_type_error: 'must be an array of organization keys' }).default([]),
  notes: text(5000).default(''),
})

export type SnapshotPartnership = z.output<typeof snapshotPartnershipSchema>
export type SnapshotPlan = z.output<typeof snapshotPlanSchema>
export type SnapshotCommitment = z.output<typeof snapshotCommitmentSchema>
export type SnapshotReview = z.output<typeof snapshotReviewSchema>

export type SnapshotOrg = z.output<typeof snapshotOrgSchema>
export type SnapshotOpportunity = z.output<typeof snapshotOpportunitySchema>
export type SnapshotReferral = z.output<typeof snapshotReferralSchema>
export type SnapshotCoSell = z.output<typeof snapshotCoSellSchema> & { key: string }

export type Snapshot = {
  organizations: SnapshotOrg[]
  opportunities: SnapshotOpportunity[]
  referrals: SnapshotReferral[]
  coSell: SnapshotCoSell[]
  partnerships: SnapshotPartnership[]
  plans: SnapshotPlan[]
  commitments: SnapshotCommitment[]
  reviews: SnapshotReview[]
}

export type SnapshotValidation = { ok: true; snapshot: Snapshot; records: number } | { ok: false; problems: SnapshotProblem[] }

const SECTIONS = ['organizations', 'opportunities', 'referrals', 'coSell', 'partnerships', 'plans', 'commitments', 'reviews'] as const

function recordKey(raw: unknown, index: number, section: SnapshotSection): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>
    if (section === 'coSell' && r.key === undefined && (typeof r.opportunity === 'string' || typeof r.org === 'string')) return `${String(r.opportunity)}/${String(r.org)}`
    if (typeof r.key === 'string' && r.key.trim()) return r.key.trim()
    if (typeof r.key === 'number') return String(r.key)
  }
  return `#${index + 1}`
}

/** Validates a parsed JSON document; lists every problem, or returns the typed snapshot. */
export function validateSnapshot(doc: unknown): SnapshotValidation {
  const problems: SnapshotProblem[] = []
  const add = (section: SnapshotSection, k: string, field: string, message: string) => problems.push({ section, key: k, field, message })

  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, problems: [{ section: 'document', key: '', field: 'document', message: 'The snapshot must be a JSON object with organizations, opportunities, referrals and coSell arrays.' }] }
  }
  const d = doc as Record<string, unknown>
  const lists: Record<(typeof SECTIONS)[number], unknown[]> = { organizations: [], opportunities: [], referrals: [], coSell: [], partnerships: [], plans: [], commitments: [], reviews: [] }
  for (const section of SECTIONS) {
    const value = d[section]
    if (value === undefined || value === null) {
      if (section === 'organizations') add('document', '', section, 'is required: the snapshot must list its organizations, including exactly one vendor.')
      continue
    }
    if (!Array.isArray(value)) add('document', '', section, 'must be an array.')
    else lists[section] = value
  }

  function parseAll<S extends z.ZodTypeAny>(section: (typeof SECTIONS)[number], schema: S): { key: string; value: z.output<S> }[] {
    const out: { key: string; value: z.output<S> }[] = []
    lists[section].forEach((raw, index) => {
      const k = recordKey(raw, index, section)
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        add(section, k, 'record', 'must be an object')
        return
      }
      const result = schema.safeParse(raw)
      if (!result.success) {
        for (const issue of result.error.issues) add(section, k, issue.path.join('.') || 'record', issue.message)
        return
      }
      out.push({ key: k, value: result.data })
    })
    return out
  }

  const orgs = parseAll('organizations', snapshotOrgSchema)
  const opps = parseAll('opportunities', snapshotOpportunitySchema)
  const refs = parseAll('referrals', snapshotReferralSchema)
  const cos = parseAll('coSell', snapshotCoSellSchema)
  const pss = parseAll('partnerships', snapshotPartnershipSchema)
  const plans = parseAll('plans', snapshotPlanSchema)
  const cms = parseAll('commitments', snapshotCommitmentSchema)
  const revs = parseAll('reviews', snapshotReviewSchema)

  // Keys: unique within their section. Records that failed to parse still reserve their key,
  // so a reference to them is not reported as unknown on top of their own problem.
  const keysOf = (section: (typeof SECTIONS)[number]) => {
    const seen = new Map<string, number>()
    lists[section].forEach((raw, index) => {
      const k = recordKey(raw, index, section)
      if (k.startsWith('#')) return
      seen.set(k, (seen.get(k) ?? 0) + 1)
    })
    for (const [k, n] of seen) if (n > 1) add(section, k, section === 'coSell' ? 'opportunity/org' : 'key', `is used by ${n} records; keys must be unique`)
    return new Set(seen.keys())
  }
  const orgKeys = keysOf('organizations')
  const oppKeys = keysOf('opportunities')
  keysOf('referrals')
  const psKeys = keysOf('partnerships')
  const planKeys = keysOf('plans')
  keysOf('commitments')
  keysOf('reviews')
  // Co-sell records are identified by (opportunity, org): one participation per org and opportunity.
  const pairs = new Map<string, number>()
  for (const { value: c } of cos) pairs.set(`${c.opportunity}/${c.org}`, (pairs.get(`${c.opportunity}/${c.org}`) ?? 0) + 1)
  for (const [k, n] of pairs) if (n > 1) add('coSell', k, 'opportunity/org', `appears in ${n} records; an organization joins an opportunity once`)

  // Exactly one vendor.
  const rawKinds = lists.organizations.map((raw, i) => ({ key: recordKey(raw, i, 'organizations'), kind: (raw as Record<string, unknown> | null)?.kind }))
  const vendors = rawKinds.filter((o) => o.kind === 'vendor')
  if (vendors.length === 0 && lists.organizations.length > 0) add('document', '', 'organizations', 'must contain exactly one organization of kind "vendor"; found none.')
  if (vendors.length > 1) for (const v of vendors) add('organizations', v.key, 'kind', `only one organization may be the vendor; found ${vendors.length} (${vendors.map((x) => x.key).join(', ')})`)

  const orgRef = (section: SnapshotSection, k: string, field: string, value: string | null) => {
    if (value !== null && !orgKeys.has(value)) add(section, k, field, `refers to unknown organization "${value}"`)
  }
  const oppRef = (section: SnapshotSection, k: string, field: string, value: string | null) => {
    if (value !== null && !oppKeys.has(value)) add(section, k, field, `refers to unknown opportunity "${value}"`)
  }

  // Cross-record checks run on every record, parsed or not, so one pass lists every problem.
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : null)
  const rawOf = (section: (typeof SECTIONS)[number]) =>
    lists[section].map((raw, index) => ({ k: recordKey(raw, index, section), r: (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown> }))
  for (const { k, r } of rawOf('opportunities')) orgRef('opportunities', k, 'sourcedBy', str(r.sourcedBy))
  for (const { key: k, value: o } of opps) {
    if (o.closedAt && o.closedAt < o.createdAt) add('opportunities', k, 'closedAt', 'is before createdAt')
  }
  for (const { k, r } of rawOf('referrals')) {
    const from = str(r.from)
    const to = str(r.to)
    orgRef('referrals', k, 'from', from)
    orgRef('referrals', k, 'to', to)
    if (from !== null && from === to) add('referrals', k, 'to', 'must differ from "from" (an organization cannot refer to itself)')
    oppRef('referrals', k, 'opportunity', str(r.opportunity))
    if (r.status === 'won' && (r.wonAmount === null || r.wonAmount === undefined)) add('referrals', k, 'wonAmount', 'is required when the status is won')
  }
  for (const { key: k, value: r } of refs) {
    if (r.closedAt && r.closedAt < r.createdAt) add('referrals', k, 'closedAt', 'is before createdAt')
  }
  for (const { k, r } of rawOf('coSell')) {
    oppRef('coSell', k, 'opportunity', str(r.opportunity))
    orgRef('coSell', k, 'org', str(r.org))
    if (r.status === 'accepted' && (r.joinedAt === null || r.joinedAt === undefined)) add('coSell', k, 'joinedAt', 'is required when the status is accepted (it is the time of the touch)')
  }

  checkPartnerships({ rawOf, str, add, orgRef, orgKeys, psKeys, planKeys, pss, plans, cms, revs })

  if (problems.length) return { ok: false, problems }
  const snapshot: Snapshot = {
    organizations: orgs.map((o) => o.value),
    opportunities: opps.map((o) => o.value),
    referrals: refs.map((o) => o.value),
    coSell: cos.map((o) => ({ ...o.value, key: `${o.value.opportunity}/${o.value.org}` })),
    partnerships: pss.map((o) => o.value),
    plans: plans.map((o) => o.value),
    commitments: cms.map((o) => o.value),
    reviews: revs.map((o) => o.value),
  }
  const records =
    snapshot.organizations.length +
    snapshot.opportunities.length +
    snapshot.referrals.length +
    snapshot.coSell.length +
    snapshot.partnerships.length +
    snapshot.plans.length +
    snapshot.commitments.length +
    snapshot.reviews.length
  return { ok: true, snapshot, records }
}

type Parsed<T> = { key: string; value: T }[]
type PartnershipChecks = {
  rawOf: (section: 'partnerships' | 'plans' | 'commitments' | 'reviews') => { k: string; r: Record<string, unknown> }[]
  str: (v: unknown) => string | null
  add: (section: SnapshotSection, k: string, field: string, message: string) => void
  orgRef: (section: SnapshotSection, k: string, field: string, value: string | null) => void
  orgKeys: Set<string>
  psKeys: Set<string>
  planKeys: Set<string>
  pss: Parsed<SnapshotPartnership>
  plans: Parsed<SnapshotPlan>
  cms: Parsed<SnapshotCommitment>
  revs: Parsed<SnapshotReview>
}

/**
 * Partnerships, plans, commitments and reviews (docs/import-format.md): references resolve, a
 * commitment's owner and a review's sponsors are sides of the partnership, dates are in order.
 */
function checkPartnerships({ rawOf, str, add, orgRef, orgKeys, psKeys, planKeys, pss, plans, cms, revs }: PartnershipChecks) {
  const psRef = (section: SnapshotSection, k: string, value: string | null) => {
    if (value !== null && !psKeys.has(value)) add(section, k, 'partnership', `refers to unknown partnership "${value}"`)
  }
  for (const { k, r } of rawOf('partnerships')) {
    const a = str(r.a)
    const b = str(r.b)
    orgRef('partnerships', k, 'a', a)
    orgRef('partnerships', k, 'b', b)
    if (a !== null && a === b) add('partnerships', k, 'b', 'must differ from "a" (a partnership joins two organizations)')
  }
  const pairs = new Map<string, string[]>()
  for (const { key: k, value: p } of pss) {
    const pair = [p.a, p.b].sort().join(' & ')
    pairs.set(pair, [...(pairs.get(pair) ?? []), k])
  }
  for (const [pair, ks] of pairs)
    if (ks.length > 1) for (const k of ks) add('partnerships', k, 'a/b', `${pair} appear in ${ks.length} partnerships (${ks.join(', ')}); two organizations have one partnership`)

  const sidesOf = new Map(pss.map(({ key: k, value: p }) => [k, [p.a, p.b]]))
  for (const { k, r } of rawOf('plans')) psRef('plans', k, str(r.partnership))
  const versions = new Map<string, string[]>()
  for (const { key: k, value: p } of plans) {
    const v = `${p.partnership} v${p.version}`
    versions.set(v, [...(versions.get(v) ?? []), k])
    if (p.supersededAt && !p.signedAt) add('plans', k, 'supersededAt', 'needs signedAt: only a signed version can be superseded')
    if (p.supersededAt && p.signedAt && p.supersededAt <= p.signedAt) add('plans', k, 'supersededAt', 'must be after signedAt')
    const quarters = new Map<string, number>()
    for (const t of p.targets) quarters.set(t.quarter, (quarters.get(t.quarter) ?? 0) + 1)
    for (const [q, n] of quarters) if (n > 1) add('plans', k, 'targets', `has ${n} targets for ${q}; one per quarter`)
  }
  for (const [v, ks] of versions) if (ks.length > 1) for (const k of ks) add('plans', k, 'version', `${v} is used by ${ks.length} plans (${ks.join(', ')}); versions must be unique per partnership`)

  const planPartnership = new Map(plans.map(({ key: k, value: p }) => [k, p.partnership]))
  for (const { k, r } of rawOf('commitments')) {
    const plan = str(r.plan)
    const owner = str(r.owner)
    if (plan !== null && !planKeys.has(plan)) add('commitments', k, 'plan', `refers to unknown plan "${plan}"`)
    orgRef('commitments', k, 'owner', owner)
    const sides = plan !== null ? sidesOf.get(planPartnership.get(plan) ?? '') : undefined
    if (owner !== null && orgKeys.has(owner) && sides && !sides.includes(owner))
      add('commitments', k, 'owner', `"${owner}" is not a side of the plan's partnership (${sides.join(', ')}); a commitment is owned by one of its two organizations`)
  }
  for (const { key: k, value: c } of cms) {
    if (c.status === 'met' && !c.metAt) add('commitments', k, 'metAt', 'is required when the status is met')
    if (c.status !== 'met' && c.metAt) add('commitments', k, 'metAt', `must be empty unless the status is met (it is ${c.status})`)
  }

  for (const { k, r } of rawOf('reviews')) {
    const partnership = str(r.partnership)
    psRef('reviews', k, partnership)
    const sides = partnership !== null ? sidesOf.get(partnership) : undefined
    if (Array.isArray(r.sponsorsPresent))
      r.sponsorsPresent.forEach((raw, i) => {
        const org = str(raw)
        if (org === null) return
        if (!orgKeys.has(org)) add('reviews', k, `sponsorsPresent.${i}`, `refers to unknown organization "${org}"`)
        else if (sides && !sides.includes(org)) add('reviews', k, `sponsorsPresent.${i}`, `"${org}" is not a side of the partnership (${sides.join(', ')})`)
      })
  }
  for (const { key: k, value: rv } of revs) {
    if (new Set(rv.sponsorsPresent).size !== rv.sponsorsPresent.length) add('reviews', k, 'sponsorsPresent', 'lists an organization twice')
    if (rv.sponsorsPresent.length && !rv.heldAt) add('reviews', k, 'sponsorsPresent', 'needs heldAt: sponsors are present only at a review that was held')
  }
}

/** Parses the file text as JSON first; a syntax error is one problem naming the position. */
export function validateSnapshotText(textContent: string): SnapshotValidation {
  let doc: unknown
  try {
    doc = JSON.parse(textContent)
  } catch (error) {
    return { ok: false, problems: [{ section: 'document', key: '', field: 'json', message: `The file is not valid JSON: ${(error as Error).message}` }] }
  }
  const nulAt = findNul(doc)
  if (nulAt !== null) return { ok: false, problems: [{ section: 'document', key: '', field: nulAt || 'json', message: nulMessage(nulAt) }] }
  return validateSnapshot(doc)
}
