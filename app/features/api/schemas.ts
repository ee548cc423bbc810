import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import { POST_STATES, REACTIONS, SPACE_VISIBILITIES, TOPIC_KINDS } from '#db/schema/community.ts'
import { INDUSTRIES, LISTING_KINDS, REGIONS } from '#db/vocab.ts'
import { REFERRAL_STATUSES } from '#app/features/referrals/schemas.ts'
import { REPLIES_PER_PAGE } from '#app/features/community/schemas.ts'

// `.openapi()` on zod schemas: the routes validate with these and the document is generated from them.
extendZodWithOpenApi(z)

/** The schemas of /api/v1: what routes parse and answer, and what docs/openapi describe. */

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 25

const minor = (what: string) =>
  z
    .number()
    .int()
    .min(0)
    .openapi({ description: `${what}, in minor units (cents).`, example: 1250000 })
const timestamp = z.string().openapi({ format: 'date-time', example: '2026-06-01T12:00:00.000Z' })

export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({
        example: 'invalid_request',
        description:
          'Stable, machine-readable: unauthenticated, missing_scope, forbidden, not_found, invalid_request, invalid_json, invalid_cursor, conflict, precondition_failed, unsupported_media_type, rows_invalid, idempotency_mismatch, idempotency_in_progress, too_large, rate_limited, internal_error.',
      }),
      message: z.string().openapi({ example: 'Check the referral: Enter the customer\u2019s company name.', description: 'What went wrong and what to do, for a person.' }),
      fieldErrors: z
        .record(z.array(z.string()))
        .optional()
        .openapi({ description: 'Per field (body field or query parameter), what is wrong with it.', example: { accountName: ["Enter the customer's company name."] } }),
      missingScope: z.string().optional().openapi({ description: 'On missing_scope: the scope the request needs.', example: 'referrals:write' }),
      retryAfterSeconds: z.number().int().optional().openapi({ description: 'On rate_limited: seconds until the window resets.' }),
      retryAt: z.string().optional().openapi({ description: 'On rate_limited: when to retry.', format: 'date-time' }),
      limit: z.enum(['key', 'organization']).optional().openapi({ description: 'On rate_limited: which limit was exceeded.' }),
      currentEtag: z.string().optional().openapi({ description: 'On precondition_failed: the ETag the resource has now.' }),
      rowErrors: z
        .array(z.object({ row: z.number().int(), reasons: z.array(z.string()) }))
        .optional()
        .openapi({ description: 'On rows_invalid: the first 100 refused rows, with why.' }),
      errorRows: z.number().int().optional().openapi({ description: 'On rows_invalid: how many rows were refused.' }),
      conflicts: z
        .array(z.object({ kind: z.string(), explanation: z.string() }))
        .optional()
        .openapi({ description: 'On a referral conflict: what to review; send the kinds back in acknowledgedConflicts to send it anyway.' }),
    }),
  })
  .openapi('Error')

const listQuery = {
  cursor: z.string().max(200).optional().openapi({ description: 'The nextCursor of the previous page.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `Items per page, 1 to ${MAX_PAGE_SIZE}.`, example: 25 }),
  updated_since: z
    .string()
    .datetime({ offset: true, message: 'Use an ISO 8601 date-time, like 2026-06-01T00:00:00Z.' })
    .optional()
    .openapi({ description: 'Only items changed at or after this time (ISO 8601).', example: '2026-06-01T00:00:00Z' }),
}

export const ReferralListQuerySchema = z.object({ ...listQuery, status: z.enum(REFERRAL_STATUSES).optional().openapi({ description: 'Only referrals in this status.' }) }).strict()
export const ListingListQuerySchema = z.object(listQuery).strict()

const orgRef = z.object({ id: z.string(), name: z.string() })

export const ReferralSchema = z
  .object({
    id: z.string().openapi({ example: 'k3v9q2m8x1p4s7t0' }),
    object: z.literal('referral'),
    status: z.enum(REFERRAL_STATUSES),
    from: orgRef.openapi({ description: 'The partner (or the vendor) who sent it.' }),
    to: orgRef.openapi({ description: 'The partner it was sent to.' }),
    accountName: z.string(),
    accountDomain: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    need: z.string().nullable(),
    estimatedValue: minor('The estimated deal value'),
    wonAmount: minor('The won amount').nullable(),
    fee: z.object({
      type: z.enum(['none', 'percent', 'fixed']),
      percentBps: z.number().int().nullable().openapi({ description: 'For percent: basis points of the won amount (1000 = 10%).' }),
      fixedAmount: minor('For fixed: the fee').nullable(),
      capAmount: minor('An optional cap').nullable(),
      description: z.string().openapi({ example: '10% of the won amount' }),
      acceptedAt: timestamp.nullable(),
    }),
    conflictStatus: z.enum(['none', 'flagged', 'resolved']).openapi({ description: 'As your organization may see it (a sender is told only conflicts it may know of).' }),
    conflicts: z.array(z.object({ kind: z.string(), explanation: z.string() })),
    declineReason: z.string().nullable(),
    lostReason: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    respondedAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
  })
  .openapi('Referral')
export type ApiReferral = z.infer<typeof ReferralSchema>

const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    object: z.literal('list'),
    data: z.array(item),
    hasMore: z.boolean(),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor for the next page; null on the last page.' }),
  })

export const ReferralListSchema = page(ReferralSchema).openapi('ReferralList')

const optionalMinor = (what: string) => minor(what).optional()

export const CreateReferralSchema = z
  .object({
    toOrg: z.string().min(1).max(200).openapi({ description: 'The partner to refer the customer to: its id or its marketplace slug.', example: 'northwind-consulting' }),
    accountName: z.string().max(200).openapi({ example: 'Acme Corp' }),
    accountDomain: z.string().max(300).openapi({ example: 'acme.com' }),
    contactName: z.string().max(200).optional(),
    contactEmail: z.string().max(254).optional().openapi({ format: 'email' }),
    need: z.string().max(4000).openapi({ description: 'What the customer needs, at least 10 characters.', example: 'Needs a Salesforce to HubSpot migration before Q3.' }),
    estimatedValue: optionalMinor('The estimated deal value'),
    opportunityId: z.string().max(64).optional().openapi({ description: 'One of your own opportunities to link.' }),
    feeType: z.enum(['none', 'percent', 'fixed']).optional().openapi({ description: "The proposed fee; omit all fee fields to propose the program's default terms." }),
    feePercent: z.number().optional().openapi({ description: 'For percent: the percentage of the won amount (e.g. 10 for 10%).', example: 10 }),
    feeFixedAmount: optionalMinor('For fixed: the fee'),
    feeCapAmount: optionalMinor('An optional cap on the fee'),
    acknowledgedConflicts: z.array(z.string().max(64)).max(10).optional().openapi({ description: 'Conflict kinds from a previous 409 that you have reviewed; the referral is then sent anyway.' }),
  })
  .strict()
  .openapi('CreateReferral')
export type CreateReferralBody = z.infer<typeof CreateReferralSchema>

export const ListingSchema = z
  .object({
    id: z.string(),
    object: z.literal('listing'),
    slug: z.string(),
    kind: z.enum(LISTING_KINDS),
    status: z.string().openapi({ description: 'draft, in_review, published, rejected or archived; other organizations only ever see published listings.' }),
    title: z.string().nullable().openapi({ description: 'The published title, or for your own unpublished listing its draft title.' }),
    summary: z.string().nullable(),
    org: orgRef,
    own: z.boolean().openapi({ description: "True for your organization's listings." }),
    publishedAt: timestamp.nullable(),
    updatedAt: timestamp,
  })
  .openapi('Listing')
export type ApiListing = z.infer<typeof ListingSchema>
export const ListingListSchema = page(ListingSchema).openapi('ListingList')

export const ReferralIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k3v9q2m8x1p4s7t0' }),
})

/** The analytics summary's query, for the document (the route parses with analytics/period.ts's schema). */
export const AnalyticsSummaryQueryDoc = z.object({
  from: z.string().openapi({ description: 'Start of the period (ISO date or date-time, inclusive).', example: '2026-01-01' }),
  to: z.string().openapi({ description: 'End of the period (exclusive).', example: '2026-07-01' }),
  type: z.string().optional().openapi({ description: 'Partner types, comma-separated or repeated.' }),
  tier: z.string().optional().openapi({ description: 'Tiers, comma-separated or repeated.' }),
  region: z.string().optional().openapi({ description: 'Regions, comma-separated or repeated.' }),
})
export const AnalyticsSummarySchema = z.object({}).passthrough().openapi('AnalyticsSummary', { description: 'The summary document described at /docs/metrics.' })

const reason = (what: string) => z.string().min(3).max(1000).openapi({ description: what, example: 'The customer chose to build it in-house.' })

/** The status change of a referral: the same transitions and rules as the buttons on its page. */
export const ReferralStatusChangeSchema = z
  .discriminatedUnion('status', [
    z
      .object({
        status: z.literal('accepted'),
        acceptTerms: z.boolean().optional().openapi({ description: 'Must be true when the referral carries a fee: accepting it accepts its fee terms.' }),
      })
      .strict(),
    z.object({ status: z.literal('declined'), reason: reason('Why you decline it (shown to the sender).') }).strict(),
    z.object({ status: z.literal('in_progress') }).strict(),
    z.object({ status: z.literal('won'), wonAmount: minor('The won amount').openapi({ example: 3000000 }) }).strict(),
    z.object({ status: z.literal('lost'), reason: reason('Why it was lost.') }).strict(),
  ])
  .openapi('ReferralStatusChange', {
    description: 'Only the receiving partner moves a referral: submitted → accepted or declined; accepted → in_progress; in_progress → won or lost. Won computes the fee under the accepted terms.',
    example: { status: 'accepted', acceptTerms: true },
  })
export type ReferralStatusChange = z.infer<typeof ReferralStatusChangeSchema>

export const MessageSchema = z
  .object({
    id: z.string(),
    object: z.literal('message'),
    seq: z.number().int().openapi({ description: 'Position in the conversation, from 1.' }),
    body: z.string(),
    author: z.object({ name: z.string().nullable(), orgId: z.string().nullable(), orgName: z.string().nullable() }),
    createdAt: timestamp,
  })
  .openapi('Message')
export type ApiMessage = z.infer<typeof MessageSchema>
export const MessageListSchema = page(MessageSchema).openapi('MessageList')
export const MessageListQuerySchema = z
  .object({
    cursor: listQuery.cursor,
    limit: listQuery.limit,
  })
  .strict()
export const PostMessageSchema = z
  .object({ body: z.string().min(1).max(5000).openapi({ description: 'The message, plain text (links are linked).', example: 'Intro call booked for Tuesday.' }) })
  .strict()
  .openapi('PostMessage')

const cosellStages = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed', 'won', 'lost'] as const
const participantRoles = ['implementation', 'technology', 'reseller', 'referral'] as const
const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-31.')
  .openapi({ format: 'date', example: '2026-12-31' })

export const CosellSchema = z
  .object({
    id: z.string(),
    object: z.literal('cosell'),
    title: z.string().nullable(),
    accountName: z.string(),
    accountDomain: z.string().nullable(),
    amount: minor('The deal amount'),
    stage: z.enum(cosellStages),
    expectedCloseAt: dateOnly.nullable(),
    nextSteps: z.string().nullable(),
    notes: z.string().nullable(),
    owner: orgRef.openapi({ description: 'The organization that opened it.' }),
    participants: z.array(
      z.object({
        org: orgRef,
        role: z.enum(participantRoles),
        status: z.enum(['invited', 'accepted', 'declined']),
        invitedAt: timestamp,
        joinedAt: timestamp.nullable(),
        respondedAt: timestamp.nullable(),
      }),
    ),
    createdAt: timestamp,
    updatedAt: timestamp.openapi({ description: 'The last change of the record, its stage or its participants.' }),
    closedAt: timestamp.nullable(),
  })
  .openapi('Cosell')
export type ApiCosell = z.infer<typeof CosellSchema>
export const CosellListSchema = page(CosellSchema).openapi('CosellList')
export const CosellListQuerySchema = z.object({ ...listQuery, stage: z.enum(cosellStages).optional().openapi({ description: 'Only opportunities in this stage.' }) }).strict()
export const CosellIdParamsSchema = ReferralIdParamsSchema

const CosellInviteSchema = z
  .object({
    partner: z.string().min(1).max(200).openapi({ description: "The partner's id or marketplace slug.", example: 'northwind-consulting' }),
    role: z.enum(participantRoles),
    message: z.string().max(2000).optional(),
  })
  .strict()

export const InviteCosellSchema = CosellInviteSchema.openapi('InviteToCosell')

export const CreateCosellSchema = z
  .object({
    accountName: z.string().min(1).max(200).openapi({ example: 'Acme Corp' }),
    accountDomain: z.string().max(300).optional().openapi({ example: 'acme.com' }),
    title: z.string().max(200).optional(),
    amount: minor('The deal amount').optional(),
    stage: z.enum(['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed']).optional().openapi({ description: 'An open stage; prospect when left out.' }),
    expectedCloseAt: dateOnly.optional(),
    nextSteps: z.string().max(5000).optional(),
    invites: z.array(CosellInviteSchema).max(10).optional(),
  })
  .strict()
  .openapi('CreateCosell')

export const CosellStageChangeSchema = z
  .object({ stage: z.enum(cosellStages) })
  .strict()
  .openapi('CosellStageChange', { example: { stage: 'technical_validation' } })
export const CosellResponseSchema = z
  .object({ decision: z.enum(['accept', 'decline']) })
  .strict()
  .openapi('CosellResponse', { description: 'An invited partner joins (a touch in the vendor’s metrics) or declines.' })
export const CosellParticipationSchema = z
  .object({ object: z.literal('cosell_participation'), opportunityId: z.string(), org: orgRef, status: z.enum(['accepted', 'declined']) })
  .openapi('CosellParticipation')

export const ExternalIdParamsSchema = z.object({
  externalId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'externalId', in: 'path' }, description: "The opportunity's id in your CRM.", example: '0065g00000XyZ12AAB' }),
})

const touchingPartner = z
  .object({
    partner: z.string().min(1).max(200).openapi({ description: "The partner's id or marketplace slug.", example: 'northwind-consulting' }),
    role: z.enum(participantRoles).optional().openapi({ description: 'How it touched the deal; referral when left out.' }),
  })
  .strict()

export const UpsertOpportunitySchema = z
  .object({
    title: z.string().max(200).optional().openapi({ example: 'Acme — platform expansion' }),
    accountName: z.string().min(1).max(200).openapi({ example: 'Acme Corp' }),
    accountDomain: z.string().max(300).optional().openapi({ example: 'acme.com' }),
    stage: z.enum(cosellStages),
    amount: minor('The deal amount'),
    closeDate: dateOnly.optional().openapi({ description: 'Expected close date; for won and lost, the date it closed.' }),
    createdAt: z
      .string()
      .datetime({ offset: true, message: 'Use an ISO 8601 date-time, like 2026-06-01T00:00:00Z.' })
      .optional()
      .openapi({ description: "When it was created in your CRM (kept from the first upsert on); now when left out. Dates the analytics' periods." }),
    touchingPartners: z
      .array(touchingPartner)
      .max(50)
      .optional()
      .openapi({ description: 'Partners that touched the deal: each becomes a working participant (a touch in the analytics). Partners are added, never removed.' }),
  })
  .strict()
  .openapi('UpsertOpportunity', {
    example: { accountName: 'Acme Corp', accountDomain: 'acme.com', stage: 'qualified', amount: 4500000, closeDate: '2026-09-30', touchingPartners: [{ partner: 'northwind-consulting' }] },
  })
export type UpsertOpportunityBody = z.infer<typeof UpsertOpportunitySchema>

export const VendorOpportunitySchema = z
  .object({
    id: z.string(),
    object: z.literal('opportunity'),
    externalId: z.string(),
    title: z.string().nullable(),
    accountName: z.string(),
    accountDomain: z.string().nullable(),
    stage: z.enum(cosellStages),
    amount: minor('The deal amount'),
    closeDate: dateOnly.nullable(),
    touchingPartners: z.array(z.object({ org: orgRef, role: z.enum(participantRoles), status: z.enum(['invited', 'accepted', 'declined']), joinedAt: timestamp.nullable() })),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.nullable(),
  })
  .openapi('VendorOpportunity')
export type ApiVendorOpportunity = z.infer<typeof VendorOpportunitySchema>

const populations = ['customer', 'opportunity', 'prospect'] as const

/** One JSON line of a bulk account upsert (the CSV takes the same columns). */
export const AccountLineSchema = z
  .object({
    name: z.string().max(200).openapi({ example: 'Globex' }),
    domain: z.string().max(300).openapi({ description: "The account's key: its web domain, normalized (www., scheme and path dropped).", example: 'globex.com' }),
    population: z.enum(populations),
    ownerEmail: z.string().max(254).optional(),
    dealSize: minor('The deal size').optional(),
  })
  .strict()
  .openapi('AccountLine')
export const AccountDeleteLineSchema = z
  .object({ domain: z.string().max(300) })
  .strict()
  .openapi('AccountDeleteLine')

export const AccountBulkQuerySchema = z
  .object({
    action: z.enum(['upsert', 'delete']).default('upsert').openapi({ description: 'Upsert the accounts by domain, or delete the listed domains.' }),
    mode: z
      .enum(['strict', 'skip'])
      .default('strict')
      .openapi({ description: 'strict: any bad row refuses the whole request (422, nothing written); skip: bad rows are reported and the rest is written.' }),
  })
  .strict()

const rowError = z.object({ row: z.number().int().openapi({ description: 'The data row (CSV, after the header) or the line (JSON lines), from 1.' }), reasons: z.array(z.string()) })

export const AccountBulkResultSchema = z
  .object({
    object: z.literal('account_bulk_result'),
    action: z.enum(['upsert', 'delete']),
    mode: z.enum(['strict', 'skip']),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    deleted: z.number().int(),
    notFound: z.number().int().openapi({ description: 'On delete: listed domains that were not in your list.' }),
    errorRows: z.number().int(),
    errors: z.array(rowError).openapi({ description: 'The first 100 refused rows, with why.' }),
  })
  .openapi('AccountBulkResult')
export type AccountBulkResult = z.infer<typeof AccountBulkResultSchema>
export const AccountBulkBodyDoc = z.string().openapi({
  description:
    'CSV with a header row (name, domain, population, ownerEmail, dealSize; for delete: domain) or JSON lines (one AccountLine, or for delete an AccountDeleteLine, per line). Streams up to 100 MB.',
  example: 'name,domain,population\nGlobex,globex.com,customer\n',
})

// ---- partners and their program standings ------------------------------------------------------

export const PartnerListQuerySchema = z.object(listQuery).strict()

export const PartnerIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'k3v9q2m8x1p4s7t0' }),
})

const tierRef = z.object({ id: z.string(), name: z.string() })

export const PartnerStandingSchema = z
  .object({
    track: tierRef.openapi({ description: 'The program track the partner is evaluated in.' }),
    currentTier: tierRef.nullable().openapi({ description: "The tier the vendor's team approved; null: none yet." }),
    qualifiedTier: tierRef.nullable().openapi({ description: 'The highest tier whose requirements were all met at the last evaluation.' }),
    proposal: z
      .object({ tier: tierRef.nullable().openapi({ description: 'The proposed tier; null: leave the track’s tiers.' }), proposedAt: timestamp })
      .nullable()
      .openapi({ description: "A tier change waiting for the vendor's decision; null when none is pending." }),
    graceUntil: timestamp.nullable().openapi({ description: 'Below its tier: when the downgrade grace period ends.' }),
    evaluatedAt: timestamp.nullable(),
    requirements: z
      .array(
        z.object({
          requirementId: z.string(),
          tierId: z.string(),
          metric: z.string().openapi({ example: 'sourced_pipeline', description: 'See /docs/metrics, "Program requirements".' }),
          threshold: z.number(),
          windowDays: z.number().int().nullable().openapi({ description: 'The trailing window; null for the state metrics (counted as they are now).' }),
          value: z.number().openapi({ description: 'Measured at the last evaluation (money in minor units).' }),
          met: z.boolean(),
          gap: z.number().openapi({ description: 'How much is missing to meet it (0 when met).' }),
        }),
      )
      .openapi({ description: 'Every requirement of every tier of the track, as the last evaluation measured it.' }),
  })
  .openapi('PartnerStanding')

/**
 * A partner in the directory: the fields its public profile shows (/partners/<slug>), nothing
 * private; plus its program standing where the key may see it.
 */
export const PartnerSchema = z
  .object({
    id: z.string(),
    object: z.literal('partner'),
    slug: z.string(),
    name: z.string(),
    partnerType: z.string().nullable().openapi({ description: 'reseller, technology, systems integrator, MSP, referral, …' }),
    tier: z.string().nullable().openapi({ description: 'Its tier in the vendor’s program, as its profile shows it.' }),
    tagline: z.string().nullable(),
    description: z.string().nullable(),
    website: z.string().nullable(),
    logoUrl: z.string().nullable(),
    regions: z.array(z.string()),
    industries: z.array(z.string()),
    skills: z.array(z.string()),
    approvedAt: timestamp.nullable(),
    standing: PartnerStandingSchema.nullable().optional().openapi({
      description:
        "Its program standing, only where the key may see it: the vendor's keys for every partner, a partner's key for its own organization. Absent: not yours to see; null: not evaluated yet.",
    }),
    updatedAt: timestamp.openapi({ description: 'The later of the partner’s last change and, where the key sees it, its standing’s.' }),
  })
  .strict()
  .openapi('Partner')
export type ApiPartner = z.infer<typeof PartnerSchema>
export const PartnerListSchema = page(PartnerSchema).openapi('PartnerList')

// ---- the community: spaces, topics, replies ----------------------------------------------------

export const CommunitySpaceListQuerySchema = z.object({}).strict()

export const CommunitySpaceSchema = z
  .object({
    id: z.string(),
    object: z.literal('community_space'),
    slug: z.string().openapi({ description: 'Its address (/community/<slug>); the `space` of a topic list or a new topic.', example: 'co-sell-emea' }),
    name: z.string(),
    description: z.string(),
    visibility: z.enum(SPACE_VISIBILITIES).openapi({
      description:
        "Who sees it: partners (every partner), vendor (the vendor's team only), orgs (invited organizations), segment (partners of chosen types, tiers or regions). The vendor's team sees them all.",
    }),
    topicCount: z.number().int().openapi({ description: 'Topics your organization sees in it.' }),
    unansweredCount: z.number().int().openapi({ description: 'Questions without an accepted answer among them.' }),
    lastActivityAt: timestamp.nullable(),
    canPost: z.boolean().openapi({
      description: "Your organization may post in it (false for a suspended partner). A person suspended from the space by the moderators still gets 403 when the key's creator is that person.",
    }),
  })
  .strict()
  .openapi('CommunitySpace')
export type ApiCommunitySpace = z.infer<typeof CommunitySpaceSchema>
export const CommunitySpaceListSchema = page(CommunitySpaceSchema).openapi('CommunitySpaceList')

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const CommunityTopicListQuerySchema = z
  .object({
    ...listQuery,
    space: z.string().min(1).max(60).optional().openapi({ description: "Only this space's topics (its slug). A space your organization does not see answers 404.", example: 'co-sell-emea' }),
    tag: z.string().max(30).regex(TAG, 'Use a tag as topics carry it: lower-case letters, digits and single hyphens, like "deal-registration".').optional().openapi({ example: 'deal-registration' }),
    kind: z.enum(TOPIC_KINDS).optional().openapi({ description: 'Only discussions, questions or partner requests.' }),
    answered: z
      .enum(['true', 'false'], { errorMap: () => ({ message: 'Use true or false.' }) })
      .optional()
      .openapi({ description: 'true: questions with an accepted answer; false: questions still without one (the site\'s "Unanswered"). Implies kind=question.' }),
  })
  .strict()

const postAuthor = z
  .object({
    name: z.string().openapi({ description: "The person's name ('A former member' once they left)." }),
    orgId: z.string(),
    orgName: z.string(),
  })
  .openapi({ description: "Who posted it. A post made with an API key is the key creator's, for your organization." })

const postState = z.enum(POST_STATES).openapi({
  description:
    "published; held: waiting for a moderator (spam signal or posting rate), seen only by its author and the vendor's team; hidden by a moderator: its body is empty except for the vendor's team.",
})

const topicShape = {
  id: z.string().openapi({ example: 'k3v9q2m8x1p4s7t0' }),
  object: z.literal('community_topic'),
  space: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  kind: z.enum(TOPIC_KINDS),
  title: z.string(),
  body: z.string().openapi({ description: 'Markdown, as written.' }),
  tags: z.array(z.string()),
  state: postState,
  pinned: z.boolean(),
  locked: z.boolean().openapi({ description: 'Locked by the moderators: it takes no more replies.' }),
  answered: z.boolean().openapi({ description: 'A question with an accepted answer.' }),
  acceptedReplyId: z.string().nullable(),
  replyCount: z.number().int().openapi({ description: 'Published replies.' }),
  request: z
    .object({ need: z.string(), region: z.string().nullable(), industry: z.string().nullable(), skills: z.array(z.string()), deadline: z.string().nullable() })
    .nullable()
    .openapi({ description: 'A partner request (kind request): what it asks for; null for other kinds.' }),
  author: postAuthor,
  createdAt: timestamp,
  editedAt: timestamp.nullable(),
  lastActivityAt: timestamp,
  updatedAt: timestamp.openapi({ description: 'The last change a reader sees: text, tags, state, pin, lock, space, accepted answer, or a reply published, edited, hidden or restored.' }),
}

export const CommunityTopicSchema = z.object(topicShape).strict().openapi('CommunityTopic')
export type ApiCommunityTopic = z.infer<typeof CommunityTopicSchema>
export const CommunityTopicListSchema = page(CommunityTopicSchema).openapi('CommunityTopicList')

export const CommunityReplySchema = z
  .object({
    id: z.string(),
    object: z.literal('community_reply'),
    topicId: z.string(),
    body: z.string().openapi({ description: "Markdown, as written (empty when hidden, except for the vendor's team)." }),
    bodyHtml: z.string().openapi({ description: 'The body rendered and sanitized exactly as the site shows it.' }),
    state: postState,
    author: postAuthor,
    createdAt: timestamp,
    editedAt: timestamp.nullable(),
  })
  .strict()
  .openapi('CommunityReply')
export type ApiCommunityReply = z.infer<typeof CommunityReplySchema>

export const CommunityTopicDetailSchema = z
  .object({
    ...topicShape,
    bodyHtml: z.string().openapi({ description: 'The body rendered and sanitized exactly as the site shows it.' }),
    canReply: z.boolean().openapi({ description: 'Your organization may reply (not locked, not a suspended partner).' }),
    replies: page(CommunityReplySchema).openapi({ description: `One page of replies, oldest first (${REPLIES_PER_PAGE} a page); pass replies.nextCursor as cursor for the next.` }),
  })
  .strict()
  .openapi('CommunityTopicDetail')
export type ApiCommunityTopicDetail = z.infer<typeof CommunityTopicDetailSchema>

export const CommunityTopicIdParamsSchema = ReferralIdParamsSchema
export const CommunityTopicQuerySchema = z.object({ cursor: listQuery.cursor.openapi({ description: "The previous page's replies.nextCursor." }) }).strict()

export const CreateCommunityTopicSchema = z
  .object({
    space: z.string().min(1).max(60).openapi({ description: 'The slug of a space your organization sees (GET /api/v1/community/spaces).', example: 'co-sell-emea' }),
    kind: z.enum(TOPIC_KINDS).openapi({ description: 'A discussion, a question, or a partner request (which also takes need, region, industry, skills, deadline).' }),
    title: z.string().max(160).openapi({ description: '5 to 160 characters.', example: 'Who has run a Salesforce CPQ migration in DACH?' }),
    body: z.string().max(20_000).openapi({ description: 'Markdown, up to 20,000 characters; rendered and sanitized as on the site. @Handles of people who see the space mention them (at most 10).' }),
    tags: z
      .array(z.string().max(30))
      .max(5)
      .optional()
      .openapi({ description: 'Up to 5 tags (letters, digits, hyphens).', example: ['cpq', 'migration'] }),
    need: z.string().max(200).optional().openapi({ description: 'A partner request: what you need (at least 3 characters).' }),
    region: z.enum(REGIONS).optional(),
    industry: z.enum(INDUSTRIES).optional(),
    skills: z.array(z.string().max(40)).max(10).optional(),
    deadline: dateOnly.optional(),
  })
  .strict()
  .openapi('CreateCommunityTopic', {
    example: {
      space: 'co-sell-emea',
      kind: 'question',
      title: 'Who has run a Salesforce CPQ migration in DACH?',
      body: 'We have a customer asking for a CPQ migration by Q3. Anyone done one?',
      tags: ['cpq'],
    },
  })
export type CreateCommunityTopicBody = z.infer<typeof CreateCommunityTopicSchema>

export const CreateCommunityReplySchema = z
  .object({ body: z.string().max(20_000).openapi({ description: 'Markdown, 1 to 20,000 characters; @handles mention people who see the space.', example: 'We did one last quarter; happy to talk.' }) })
  .strict()
  .openapi('CreateCommunityReply')

// ---- the community: reactions, follows, accepted answers ----------------------------------------

const reactionKind = z.enum(REACTIONS, { errorMap: () => ({ message: `Choose a reaction (${REACTIONS.join(', ')}).` }) }).openapi({
  description: "One of the site's reactions: thumbs_up (👍), heart (❤️), tada (🎉 Celebrate), bulb (💡 Insightful).",
  example: 'thumbs_up',
})

export const CommunityReplyIdParamsSchema = ReferralIdParamsSchema
export const CommunityReactionParamsSchema = z.object({
  ...ReferralIdParamsSchema.shape,
  reaction: reactionKind.openapi({ param: { name: 'reaction', in: 'path' } }),
})

export const CommunityReactionBodySchema = z
  .object({ reaction: reactionKind })
  .strict()
  .openapi('CommunityReactionBody', { example: { reaction: 'thumbs_up' } })

const reactionCount = z.object({ count: z.number().int(), mine: z.boolean().openapi({ description: "The key creator's own reaction." }) })

export const CommunityReactionsSchema = z
  .object({
    object: z.literal('community_reactions'),
    postId: z.string().openapi({ description: 'The reply reacted to.' }),
    topicId: z.string(),
    reactions: z.object(Object.fromEntries(REACTIONS.map((r) => [r, reactionCount])) as Record<(typeof REACTIONS)[number], typeof reactionCount>),
  })
  .strict()
  .openapi('CommunityReactions', {
    example: {
      object: 'community_reactions',
      postId: 'r8m2k4q9x1p4s7t0',
      topicId: 'k3v9q2m8x1p4s7t0',
      reactions: { thumbs_up: { count: 3, mine: true }, heart: { count: 0, mine: false }, tada: { count: 1, mine: false }, bulb: { count: 0, mine: false } },
    },
  })
export type ApiCommunityReactions = z.infer<typeof CommunityReactionsSchema>

export const CommunitySpaceParamsSchema = z.object({
  space: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'space', in: 'path' }, description: 'The slug of a space your organization sees (GET /api/v1/community/spaces).', example: 'co-sell-emea' }),
})

export const CommunityFollowSchema = z
  .object({
    object: z.literal('community_follow'),
    space: z.string().nullable().openapi({ description: 'The followed space (its slug); null for a topic.' }),
    topicId: z.string().nullable().openapi({ description: 'The followed topic; null for a space.' }),
    following: z.boolean().openapi({ description: 'Whether the key creator follows it now: new topics (a space) or replies (a topic) notify them as the site does.' }),
  })
  .strict()
  .openapi('CommunityFollow', { example: { object: 'community_follow', space: 'co-sell-emea', topicId: null, following: true } })
export type ApiCommunityFollow = z.infer<typeof CommunityFollowSchema>

export const AcceptCommunityAnswerSchema = z
  .object({ replyId: z.string().min(1).max(64).openapi({ description: 'A published reply of this topic.', example: 'r8m2k4q9x1p4s7t0' }) })
  .strict()
  .openapi('AcceptCommunityAnswer', { example: { replyId: 'r8m2k4q9x1p4s7t0' } })
