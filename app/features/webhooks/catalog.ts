import { z } from 'zod'
import { EVENTS, type DomainEvent, type EventType } from '#app/features/events/catalog.ts'
import { CommunityReplySchema, CommunityTopicSchema } from '#app/features/api/schemas.ts'

/**
 * The domain events an organization can subscribe a webhook endpoint to, each with what it means.
 * The payload a receiver gets is the event's own zod schema (the one `recordEvent` validates)
 * under `data`, with the id and kind of the object it is about; `omit` names fields a type leaves
 * out. Who receives an event is decided in `audience.server.ts`.
 */
type WebhookType = {
  group: string
  description: string
  omit?: readonly string[]
  /**
   * The message's `data` is not the event's payload but this object, built for each receiving
   * organization at delivery time by the capability that owns it, as its API returns it to that
   * organization (`data` in `webhookRecipients`); nothing is sent to an organization that does not
   * see it then.
   */
  perOrg?: z.AnyZodObject
}

// The API's own fields, as a message's own object (not a reference to the API's component, so the message documents every field).
const communityTopic = z.object(CommunityTopicSchema.shape).strict().describe('The topic as GET /api/v1/community/topics/{id} gives it to your organization (without its replies).')
const communityReply = z.object(CommunityReplySchema.shape).strict().describe('The reply as the API gives it to your organization.')
const COMMUNITY_RULE =
  'Sent to an endpoint only when its organization sees the space when the message is sent (the rule of the pages and the API: a private space, its invited organizations; a vendor-only space, the vendor; a segment space, the partners it matches), and never for a post held for review or hidden by the moderators.'

export const WEBHOOK_EVENT_TYPES = {
  'referral.submitted': { group: 'Referrals', description: 'A partner sent a referral (to the receiving partner, the sender and the vendor).' },
  'referral.accepted': { group: 'Referrals', description: 'The receiving partner accepted a referral.' },
  'referral.declined': { group: 'Referrals', description: 'The receiving partner declined a referral, or it expired unanswered (`expired: true`).' },
  'referral.in_progress': { group: 'Referrals', description: 'A referral is being worked.' },
  'referral.won': { group: 'Referrals', description: 'A referral was won, with the won amount and the fee due.' },
  'referral.lost': { group: 'Referrals', description: 'A referral was lost.' },
  'fee.paid': { group: 'Fees', description: 'The payer marked a referral fee paid (to the payer and the payee).' },
  'fee.confirmed': { group: 'Fees', description: 'The payee confirmed it received a referral fee.' },
  'cosell.invited': { group: 'Co-sell', description: 'A partner was invited to co-sell an opportunity.' },
  'cosell.accepted': { group: 'Co-sell', description: 'An invited partner joined a co-sell opportunity.' },
  'cosell.declined': { group: 'Co-sell', description: 'An invited partner declined a co-sell opportunity.' },
  'cosell.stage_changed': { group: 'Co-sell', description: 'A co-sell opportunity moved to another stage.' },
  'listing.published': { group: 'Listings', description: "The vendor approved a listing (to the listing's owner and the vendor)." },
  'listing.rejected': { group: 'Listings', description: 'The vendor sent a listing back, with the reason.' },
  'endorsement.created': { group: 'Endorsements', description: 'A partner endorsed another after working a referral together.' },
  'registration.approved': { group: 'Deal registrations', description: "The vendor approved a partner's deal registration, with the date its protection ends (to that partner)." },
  'registration.rejected': { group: 'Deal registrations', description: "The vendor rejected a partner's deal registration, with the reason (to that partner)." },
  'registration.revoked': {
    group: 'Deal registrations',
    description: "The vendor revoked its approval of a partner's deal registration, with the reason; its opportunity no longer counts as sourced by the partner (to that partner).",
  },
  'program.tier_changed': { group: 'Programs', description: "The vendor's team changed a partner's tier, approving the evaluation's proposal or overriding it with a reason (to that partner)." },
  'community.topic_created': {
    group: 'Community',
    description: `A topic was published in a community space. ${COMMUNITY_RULE}`,
    perOrg: z.object(CommunityTopicSchema.shape).strict(),
  },
  'community.reply_posted': {
    group: 'Community',
    description: `A reply was published in a community topic; \`data\` is the reply with its \`topic\`. ${COMMUNITY_RULE}`,
    perOrg: z.object({ ...CommunityReplySchema.shape, topic: communityTopic }).strict(),
  },
  'community.answer_accepted': {
    group: 'Community',
    description: `A question's asker or the vendor's team accepted a reply as its answer; \`data\` is the question with its \`acceptedReply\`. ${COMMUNITY_RULE}`,
    perOrg: z.object({ ...CommunityTopicSchema.shape, acceptedReply: communityReply }).strict(),
  },
  'partnership.commitment.overdue': { group: 'Partnerships', description: 'A commitment of an agreed joint business plan passed its due date unmet (to both sides of the partnership).' },
} as const satisfies { [K in EventType]?: WebhookType }

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES
export const WEBHOOK_EVENT_TYPE_LIST = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[]

export function isWebhookEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_TYPES, type)
}

/** The `data` of a webhook message of this type: the object it is about, then the event's declared fields. */
export function webhookDataSchema(type: WebhookEventType) {
  return (dataSchemas[type] ??= buildDataSchema(type))
}
const dataSchemas: Partial<Record<WebhookEventType, z.AnyZodObject>> = {}
const stripSchemas: Partial<Record<WebhookEventType, z.AnyZodObject>> = {}

function buildDataSchema(type: WebhookEventType) {
  const spec: WebhookType = WEBHOOK_EVENT_TYPES[type]
  if (spec.perOrg) return spec.perOrg
  const shape = { ...EVENTS[type].payload.shape } as Record<string, z.ZodTypeAny>
  for (const field of spec.omit ?? []) delete shape[field]
  return z
    .object({ id: z.string().describe('The id of the object the event is about.'), object: z.string().describe('What kind of object it is (referral, fee, opportunity, listing, …).'), ...shape })
    .strict()
}

/** The whole message body: Standard Webhooks' recommended envelope. */
export function webhookMessageSchema(type: WebhookEventType) {
  return z.object({ type: z.literal(type), timestamp: z.string().datetime().describe('When the event happened (ISO 8601).'), data: webhookDataSchema(type) })
}

export type WebhookMessage = { type: WebhookEventType; timestamp: string; data: Record<string, unknown> }

/** Is this type's message built per receiving organization at delivery time (see `WebhookType.perOrg`)? */
export function isPerOrgWebhookType(type: string): boolean {
  return isWebhookEventType(type) && 'perOrg' in WEBHOOK_EVENT_TYPES[type]
}

/** The message for one event, built from its payload through the documented schema (so nothing undeclared leaks). */
export function webhookMessage(event: DomainEvent): WebhookMessage | null {
  if (!isWebhookEventType(event.type)) return null
  // Built per organization when sent (`messageForOrg`); until then the delivery holds the event's own payload.
  if (isPerOrgWebhookType(event.type)) {
    const { spaceId, topicId, replyId } = event.payload as Record<string, unknown>
    return { type: event.type, timestamp: new Date(event.createdAt).toISOString(), data: { id: event.subjectId, object: event.subjectType, spaceId, topicId, replyId } }
  }
  const data = (stripSchemas[event.type] ??= webhookDataSchema(event.type).strip()).parse({ ...(event.payload as Record<string, unknown>), id: event.subjectId, object: event.subjectType })
  return { type: event.type, timestamp: new Date(event.createdAt).toISOString(), data }
}
