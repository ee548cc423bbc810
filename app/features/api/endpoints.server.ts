import type { z } from 'zod'
import { getSummary } from '#app/features/analytics/metrics.server.ts'
import { filtersOf, paramErrors, periodQuerySchema, searchParamsObject } from '#app/features/analytics/period.ts'
import { invalid } from '#app/utils/errors.ts'
import type { ApiEndpoint } from '#app/features/api/http.server.ts'
import { REPLIES_PER_PAGE } from '#app/features/community/schemas.ts'
import { changeApiCosellStage, createApiCosell, getApiCosell, inviteApiCosell, listApiCosell, respondApiCosell } from '#app/features/api/cosell.server.ts'
import { getApiOpportunity, upsertApiOpportunity } from '#app/features/api/opportunities.server.ts'
import { BULK_MEDIA_TYPES, bulkAccounts } from '#app/features/api/accounts.server.ts'
import { acceptApiAnswer, createApiTopic, getApiTopic, listApiSpaces, listApiTopics, postApiReply, setApiFollow, setApiReaction } from '#app/features/api/community.server.ts'
import { listApiListings } from '#app/features/api/listings.server.ts'
import { getApiPartner, listApiPartners } from '#app/features/api/partners.server.ts'
import { changeApiReferralStatus, createApiReferral, getApiReferral, listApiReferralMessages, listApiReferrals, postApiReferralMessage } from '#app/features/api/referrals.server.ts'
import {
  AcceptCommunityAnswerSchema,
  AccountBulkBodyDoc,
  AccountBulkQuerySchema,
  AccountBulkResultSchema,
  AnalyticsSummaryQueryDoc,
  AnalyticsSummarySchema,
  CommunityFollowSchema,
  CommunityReactionBodySchema,
  CommunityReactionParamsSchema,
  CommunityReactionsSchema,
  CommunityReplyIdParamsSchema,
  CommunityReplySchema,
  CommunitySpaceParamsSchema,
  CommunitySpaceListQuerySchema,
  CommunitySpaceListSchema,
  CommunityTopicDetailSchema,
  CommunityTopicIdParamsSchema,
  CommunityTopicListQuerySchema,
  CommunityTopicListSchema,
  CommunityTopicQuerySchema,
  CreateCommunityReplySchema,
  CreateCommunityTopicSchema,
  CosellIdParamsSchema,
  CosellListQuerySchema,
  CosellListSchema,
  CosellParticipationSchema,
  CosellResponseSchema,
  CosellSchema,
  CosellStageChangeSchema,
  CreateCosellSchema,
  CreateReferralSchema,
  ExternalIdParamsSchema,
  InviteCosellSchema,
  ListingListQuerySchema,
  MessageListQuerySchema,
  MessageListSchema,
  MessageSchema,
  PostMessageSchema,
  ReferralStatusChangeSchema,
  UpsertOpportunitySchema,
  VendorOpportunitySchema,
  ListingListSchema,
  PartnerIdParamsSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  ReferralIdParamsSchema,
  ReferralListQuerySchema,
  ReferralListSchema,
  ReferralSchema,
} from '#app/features/api/schemas.ts'
import type { ApiScope } from '#app/features/api/scopes.ts'

/** One documented endpoint: what the OpenAPI document says of it, and what serves it. */
export type DocumentedEndpoint = ApiEndpoint & {
  method: 'get' | 'post' | 'delete'
  /** OpenAPI path, with `{param}` placeholders. */
  path: string
  summary: string
  description?: string
  query?: z.AnyZodObject
  params?: z.AnyZodObject
  body?: z.ZodTypeAny
  /** The documented body of a streamed endpoint, per media type. */
  streamBody?: z.ZodTypeAny
  response: z.ZodTypeAny
  status: 200 | 201
  /** An upsert answers 201 when it created the resource and `status` (200) when it updated it. */
  createdStatus?: 201
  /** Error statuses it answers beyond the ones its shape implies (e.g. 404 for a filter or body field naming something not visible). */
  errors?: number[]
}

const queryOf = (url: URL) => Object.fromEntries(url.searchParams)

/** Every /api/v1 endpoint served with an API key. Routes under app/routes/api.v1.* serve these; the OpenAPI document lists them. */
export const API_ENDPOINTS = {
  listListings: {
    method: 'get',
    path: '/api/v1/listings',
    scope: 'listings:read',
    summary: 'List listings',
    description: "Every published listing of an active partner, and all of your organization's own listings (drafts included), oldest change first.",
    query: ListingListQuerySchema,
    response: ListingListSchema,
    status: 200,
    handle: async ({ actor, url }) => ({ body: await listApiListings(actor, queryOf(url)) }),
  },
  listReferrals: {
    method: 'get',
    path: '/api/v1/referrals',
    scope: 'referrals:read',
    summary: 'List referrals',
    description: 'The referrals your organization sent or received (the vendor: all of them), oldest change first. Use updated_since and cursors to sync.',
    query: ReferralListQuerySchema,
    response: ReferralListSchema,
    status: 200,
    handle: async ({ actor, url }) => ({ body: await listApiReferrals(actor, queryOf(url)) }),
  },
  createReferral: {
    method: 'post',
    path: '/api/v1/referrals',
    scope: 'referrals:write',
    summary: 'Refer a customer to a partner',
    description: 'The same submission as the "Refer a customer" form: the same checks, conflict rules and fee terms. Send an Idempotency-Key to retry safely.',
    body: CreateReferralSchema,
    response: ReferralSchema,
    status: 201,
    handle: async ({ actor, body }) => ({ status: 201, body: await createApiReferral(actor, body) }),
  },
  getReferral: {
    method: 'get',
    path: '/api/v1/referrals/{id}',
    scope: 'referrals:read',
    summary: 'Retrieve a referral',
    description: 'A referral your organization is a party to; any other answers 404.',
    params: ReferralIdParamsSchema,
    response: ReferralSchema,
    status: 200,
    etag: true,
    handle: async ({ actor, params }) => ({ body: await getApiReferral(actor, params.id ?? '') }),
  },
  changeReferralStatus: {
    method: 'post',
    path: '/api/v1/referrals/{id}/status',
    scope: 'referrals:write',
    summary: 'Accept, decline, start, win or lose a referral',
    description:
      'The receiving partner answers and works the referral, with the same rules as its page. Send the ETag of your last read in If-Match to be sure nobody changed it since (412 if they did).',
    params: ReferralIdParamsSchema,
    body: ReferralStatusChangeSchema,
    response: ReferralSchema,
    status: 200,
    current: ({ actor, params }) => getApiReferral(actor, params.id ?? ''),
    handle: async ({ actor, params, body, ifMatch }) => ({ body: await changeApiReferralStatus(actor, params.id ?? '', body, ifMatch) }),
  },
  listReferralMessages: {
    method: 'get',
    path: '/api/v1/referrals/{id}/messages',
    scope: 'referrals:read',
    summary: "List a referral's messages",
    description: 'The conversation between the two partners (and the vendor when invited), oldest first.',
    params: ReferralIdParamsSchema,
    query: MessageListQuerySchema,
    response: MessageListSchema,
    status: 200,
    handle: async ({ actor, params, url }) => ({ body: await listApiReferralMessages(actor, params.id ?? '', queryOf(url)) }),
  },
  postReferralMessage: {
    method: 'post',
    path: '/api/v1/referrals/{id}/messages',
    scope: 'referrals:write',
    summary: 'Post a message on a referral',
    description: 'Everyone in the conversation sees it live and is notified as for a message posted on the page.',
    params: ReferralIdParamsSchema,
    body: PostMessageSchema,
    response: MessageSchema,
    status: 201,
    handle: async ({ actor, params, body }) => ({ status: 201, body: await postApiReferralMessage(actor, params.id ?? '', body) }),
  },
  listCosell: {
    method: 'get',
    path: '/api/v1/cosell',
    scope: 'cosell:read',
    summary: 'List co-sell opportunities',
    description: "The co-sells your organization opened, is invited to or works on (the vendor's team: all of them), oldest change first.",
    query: CosellListQuerySchema,
    response: CosellListSchema,
    status: 200,
    handle: async ({ actor, url }) => ({ body: await listApiCosell(actor, queryOf(url)) }),
  },
  createCosell: {
    method: 'post',
    path: '/api/v1/cosell',
    scope: 'cosell:write',
    summary: 'Open a co-sell opportunity',
    description: 'The same as "Open a co-sell" in the app, optionally inviting up to 10 partners at once.',
    body: CreateCosellSchema,
    response: CosellSchema,
    status: 201,
    handle: async ({ actor, body }) => ({ status: 201, body: await createApiCosell(actor, body) }),
  },
  getCosell: {
    method: 'get',
    path: '/api/v1/cosell/{id}',
    scope: 'cosell:read',
    summary: 'Retrieve a co-sell opportunity',
    description: 'For its owner, its invited and working partners and the vendor; anyone else gets 404.',
    params: CosellIdParamsSchema,
    response: CosellSchema,
    status: 200,
    etag: true,
    handle: async ({ actor, params }) => ({ body: await getApiCosell(actor, params.id ?? '') }),
  },
  inviteToCosell: {
    method: 'post',
    path: '/api/v1/cosell/{id}/invitations',
    scope: 'cosell:write',
    summary: 'Invite a partner to a co-sell',
    description: 'Only the organization that opened it, while it is open.',
    params: CosellIdParamsSchema,
    body: InviteCosellSchema,
    response: CosellSchema,
    status: 200,
    current: ({ actor, params }) => getApiCosell(actor, params.id ?? ''),
    handle: async ({ actor, params, body, ifMatch }) => ({ body: await inviteApiCosell(actor, params.id ?? '', body, ifMatch) }),
  },
  changeCosellStage: {
    method: 'post',
    path: '/api/v1/cosell/{id}/stage',
    scope: 'cosell:write',
    summary: "Change a co-sell's stage",
    description: 'The owner and the partners working it. Send If-Match with the ETag of your last read to avoid overwriting a newer stage.',
    params: CosellIdParamsSchema,
    body: CosellStageChangeSchema,
    response: CosellSchema,
    status: 200,
    current: ({ actor, params }) => getApiCosell(actor, params.id ?? ''),
    handle: async ({ actor, params, body, ifMatch }) => ({ body: await changeApiCosellStage(actor, params.id ?? '', body, ifMatch) }),
  },
  respondToCosell: {
    method: 'post',
    path: '/api/v1/cosell/{id}/response',
    scope: 'cosell:write',
    summary: 'Accept or decline a co-sell invitation',
    description: 'Only an invited partner, once.',
    params: CosellIdParamsSchema,
    body: CosellResponseSchema,
    response: CosellParticipationSchema,
    status: 200,
    handle: async ({ actor, params, body }) => ({ body: await respondApiCosell(actor, params.id ?? '', body) }),
  },
  upsertOpportunity: {
    method: 'post',
    path: '/api/v1/opportunities/{externalId}',
    scope: 'opportunities:write',
    summary: "Create or update a vendor opportunity by its CRM id (the vendor's keys)",
    description:
      "Keeps the vendor's pipeline current from its CRM: stage, amount, close date and the partners that touched the deal. Answers 201 when it created the opportunity, 200 when it updated it. See /docs/crm-sync for the Salesforce and HubSpot field mapping.",
    params: ExternalIdParamsSchema,
    body: UpsertOpportunitySchema,
    response: VendorOpportunitySchema,
    status: 200,
    createdStatus: 201,
    current: ({ actor, params }) => getApiOpportunity(actor, params),
    handle: async ({ actor, params, body, ifMatch }) => {
      const { created, opportunity } = await upsertApiOpportunity(actor, params, body, ifMatch)
      return { status: created ? 201 : 200, body: opportunity }
    },
  },
  getOpportunity: {
    method: 'get',
    path: '/api/v1/opportunities/{externalId}',
    scope: 'opportunities:read',
    summary: "Retrieve a vendor opportunity by its CRM id (the vendor's keys)",
    params: ExternalIdParamsSchema,
    response: VendorOpportunitySchema,
    status: 200,
    etag: true,
    handle: async ({ actor, params }) => ({ body: await getApiOpportunity(actor, params) }),
  },
  bulkAccounts: {
    method: 'post',
    path: '/api/v1/accounts/bulk',
    scope: 'accounts:write',
    summary: 'Upsert or delete accounts in bulk (CSV or JSON lines, streamed)',
    description:
      "Your organization's account list, keyed by web domain: the same import as the Accounts page. action=upsert (default) or delete; mode=strict (default: any bad row refuses everything, 422 with rowErrors) or skip (bad rows reported in errors, the rest written).",
    query: AccountBulkQuerySchema,
    stream: BULK_MEDIA_TYPES,
    streamBody: AccountBulkBodyDoc,
    response: AccountBulkResultSchema,
    status: 200,
    handle: async ({ actor, request, url }) => ({ body: await bulkAccounts(actor, request, queryOf(url)) }),
  },
  listPartners: {
    method: 'get',
    path: '/api/v1/partners',
    scope: 'partners:read',
    summary: 'List the partner directory',
    description:
      "Every active partner with its public profile fields (as /partners shows them), oldest change first; use updated_since and cursors to sync. Applicants, rejected and suspended partners are never listed, and nothing private is. The program standing (track, approved and qualified tier, pending proposal, grace period, every requirement's measured value and gap) is included only where the key may see it: the vendor's keys for every partner, a partner's key for its own organization only; on the other items `standing` is absent.",
    query: PartnerListQuerySchema,
    response: PartnerListSchema,
    status: 200,
    handle: async ({ actor, url }) => ({ body: await listApiPartners(actor, queryOf(url)) }),
  },
  getPartner: {
    method: 'get',
    path: '/api/v1/partners/{id}',
    scope: 'partners:read',
    summary: 'Retrieve a partner from the directory',
    description:
      "One active partner with its public profile fields, and its program standing where the key may see it (the vendor's keys: any partner; a partner's key: its own organization only; otherwise `standing` is absent). An id that is not an active partner (applicant, rejected, suspended, the vendor, unknown) answers 404.",
    params: PartnerIdParamsSchema,
    response: PartnerSchema,
    status: 200,
    etag: true,
    handle: async ({ actor, params }) => ({ body: await getApiPartner(actor, params.id ?? '') }),
  },
  listCommunitySpaces: {
    method: 'get',
    path: '/api/v1/community/spaces',
    scope: 'community:read',
    summary: 'List community spaces',
    description:
      "Every space of the partner community your organization sees, as /community lists them: spaces open to all partners, private spaces it is invited to, segment spaces whose partner types, tiers and regions match it (the vendor's team: all, vendor-only ones included). One page.",
    query: CommunitySpaceListQuerySchema,
    response: CommunitySpaceListSchema,
    status: 200,
    handle: async ({ actor, url }) => ({ body: await listApiSpaces(actor, queryOf(url)) }),
  },
  listCommunityTopics: {
    method: 'get',
    path: '/api/v1/community/topics',
    scope: 'community:read',
    summary: 'List community topics',
    description:
      "The topics of every space your organization sees, oldest change first; use updated_since and cursors to sync. As in the spaces' lists: published topics, and the held ones of the key's creator (the vendor's team: all). A topic hidden by the moderators leaves the list; retrieving it answers it with state hidden and an empty body.",
    query: CommunityTopicListQuerySchema,
    response: CommunityTopicListSchema,
    status: 200,
    errors: [404],
    handle: async ({ actor, url }) => ({ body: await listApiTopics(actor, queryOf(url)) }),
  },
  createCommunityTopic: {
    method: 'post',
    path: '/api/v1/community/topics',
    scope: 'community:write',
    summary: 'Start a community topic',
    description:
      "The same write as the site's New topic form, with its rules: the space must be one your organization sees (else 404), suspended partners and people suspended from the space cannot post (403), at most 10 mentions, and a post over the posting rate or with a spam signal is held for the moderators (answered 201 with state held). It is posted as the key's creator, for your organization. Send an Idempotency-Key to retry safely.",
    body: CreateCommunityTopicSchema,
    response: CommunityTopicDetailSchema,
    status: 201,
    errors: [404],
    handle: async ({ actor, body }) => ({ status: 201, body: await createApiTopic(actor, body) }),
  },
  getCommunityTopic: {
    method: 'get',
    path: '/api/v1/community/topics/{id}',
    scope: 'community:read',
    summary: 'Retrieve a community topic with its replies',
    description: `A topic in a space your organization sees, as its page shows it, with one page of replies (${REPLIES_PER_PAGE}, oldest first; replies.nextCursor for the next). Anything else, including a topic held for review that is not the key creator’s, answers 404.`,
    params: CommunityTopicIdParamsSchema,
    query: CommunityTopicQuerySchema,
    response: CommunityTopicDetailSchema,
    status: 200,
    etag: true,
    handle: async ({ actor, params, url }) => ({ body: await getApiTopic(actor, params.id ?? '', queryOf(url)) }),
  },
  postCommunityReply: {
    method: 'post',
    path: '/api/v1/community/topics/{id}/replies',
    scope: 'community:write',
    summary: 'Reply to a community topic',
    description:
      "The same write as the topic page's reply box, with its rules (locked topic: 409; suspended: 403; mentions, posting rate and spam hold as on the site). Posted as the key's creator, for your organization. Send an Idempotency-Key to retry safely.",
    params: CommunityTopicIdParamsSchema,
    body: CreateCommunityReplySchema,
    response: CommunityReplySchema,
    status: 201,
    handle: async ({ actor, params, body }) => ({ status: 201, body: await postApiReply(actor, params.id ?? '', body) }),
  },
  reactToCommunityReply: {
    method: 'post',
    path: '/api/v1/community/replies/{id}/reactions',
    scope: 'community:write',
    summary: 'React to a community reply',
    description:
      "The reaction bar's own write, as the key's creator: gives the reaction (a repeat changes nothing). The reply must be published in a topic your organization sees (else 404); reacting to your own reply is 409; a suspended partner gets 403. Answers the reply's reaction counts. Send an Idempotency-Key to retry safely.",
    params: CommunityReplyIdParamsSchema,
    body: CommunityReactionBodySchema,
    response: CommunityReactionsSchema,
    status: 200,
    handle: async ({ actor, params, body }) => ({ body: await setApiReaction(actor, params.id ?? '', body, true) }),
  },
  removeCommunityReaction: {
    method: 'delete',
    path: '/api/v1/community/replies/{id}/reactions/{reaction}',
    scope: 'community:write',
    summary: 'Take back a reaction to a community reply',
    description: "Removes the key creator's reaction of that kind (nothing changes when there is none), with the same rules as giving it. Answers the reply's reaction counts.",
    errors: [409],
    params: CommunityReactionParamsSchema,
    response: CommunityReactionsSchema,
    status: 200,
    handle: async ({ actor, params }) => ({ body: await setApiReaction(actor, params.id ?? '', { reaction: params.reaction }, false) }),
  },
  followCommunitySpace: {
    method: 'post',
    path: '/api/v1/community/spaces/{space}/follow',
    scope: 'community:write',
    summary: 'Follow a community space',
    description:
      "The space page's Follow button, as the key's creator: they are notified of its new topics as the site does (a repeat changes nothing). A space your organization does not see answers 404. Send an Idempotency-Key to retry safely.",
    bodyless: true,
    params: CommunitySpaceParamsSchema,
    response: CommunityFollowSchema,
    status: 200,
    handle: async ({ actor, params }) => ({ body: await setApiFollow(actor, { space: params.space ?? '' }, true) }),
  },
  unfollowCommunitySpace: {
    method: 'delete',
    path: '/api/v1/community/spaces/{space}/follow',
    scope: 'community:write',
    summary: 'Stop following a community space',
    params: CommunitySpaceParamsSchema,
    response: CommunityFollowSchema,
    status: 200,
    handle: async ({ actor, params }) => ({ body: await setApiFollow(actor, { space: params.space ?? '' }, false) }),
  },
  followCommunityTopic: {
    method: 'post',
    path: '/api/v1/community/topics/{id}/follow',
    scope: 'community:write',
    summary: 'Follow a community topic',
    description:
      "The topic page's Follow button, as the key's creator: they are notified of its replies as the site does (a repeat changes nothing). A topic your organization does not see answers 404. Send an Idempotency-Key to retry safely.",
    bodyless: true,
    params: CommunityTopicIdParamsSchema,
    response: CommunityFollowSchema,
    status: 200,
    handle: async ({ actor, params }) => ({ body: await setApiFollow(actor, { topicId: params.id ?? '' }, true) }),
  },
  unfollowCommunityTopic: {
    method: 'delete',
    path: '/api/v1/community/topics/{id}/follow',
    scope: 'community:write',
    summary: 'Stop following a community topic',
    params: CommunityTopicIdParamsSchema,
    response: CommunityFollowSchema,
    status: 200,
    handle: async ({ actor, params }) => ({ body: await setApiFollow(actor, { topicId: params.id ?? '' }, false) }),
  },
  acceptCommunityAnswer: {
    method: 'post',
    path: '/api/v1/community/topics/{id}/accepted-answer',
    scope: 'community:write',
    summary: "Accept a reply as a question's answer",
    description:
      "The topic page's Accept answer button: only the question's asker (the key's creator) or the vendor's team may accept (else 403); choosing another reply replaces the accepted one; a discussion, or the reply already accepted, is 409; a reply that is not a published reply of this topic is 400 naming replyId. Answers the topic. Send an Idempotency-Key to retry safely.",
    params: CommunityTopicIdParamsSchema,
    body: AcceptCommunityAnswerSchema,
    response: CommunityTopicDetailSchema,
    status: 200,
    handle: async ({ actor, params, body }) => ({ body: await acceptApiAnswer(actor, params.id ?? '', body) }),
  },
  analyticsSummary: {
    method: 'get',
    path: '/api/v1/analytics/summary',
    scope: 'analytics:read',
    summary: 'Ecosystem analytics summary (the vendor)',
    description: "The summary document of /docs/metrics for the vendor's team; partners' keys get 403. Also answers a signed-in session.",
    query: AnalyticsSummaryQueryDoc,
    response: AnalyticsSummarySchema,
    status: 200,
    handle: async ({ actor, url }) => {
      const parsed = periodQuerySchema.safeParse(searchParamsObject(url.searchParams))
      if (!parsed.success) {
        const fieldErrors = paramErrors(parsed.error)
        throw invalid(`Bad query parameters: ${Object.keys(fieldErrors).join(', ')}.`, fieldErrors)
      }
      return { body: await getSummary(actor, { from: parsed.data.from, to: parsed.data.to }, filtersOf(parsed.data)) }
    },
  },
} satisfies Record<string, DocumentedEndpoint>

export type EndpointName = keyof typeof API_ENDPOINTS
export const endpointScopes = Object.fromEntries(Object.entries(API_ENDPOINTS).map(([name, e]) => [name, e.scope])) as Record<EndpointName, ApiScope>
