import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { communityReplies, communityRequestConversions, type PartnerRequestDetails } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { findPartners, type PartnerMatch } from '#app/features/search/find-partner.server.ts'
import { visibleTopic, type Topic } from '#app/features/community/access.server.ts'
import { cosellHref, referHref } from '#app/utils/start-links.ts'
import { REGION_LABELS, INDUSTRY_LABELS } from '#search/labels.ts'

/**
 * Partner requests: a topic asking the ecosystem for help with a deal. The page shows the partners
 * the find-a-partner matcher suggests for it (with its reasons), and lets the asker turn a
 * partner's reply into a referral or a co-sell request, the context carried over in the form's
 * link; the referral or co-sell records which request (and reply) it came from.
 */

export const MATCHES_SHOWN = 5

/** The partners that match the request, best first, without the asker's own organization. */
export async function requestMatches(topic: Pick<Topic, 'authorOrgId' | 'request'>): Promise<PartnerMatch[]> {
  const request = topic.request
  if (!request) return []
  const matches = await findPartners({ need: request.need, region: request.region ?? undefined, industry: request.industry ?? undefined }, { limit: MATCHES_SHOWN + 1 })
  return matches.filter((m) => m.orgId !== topic.authorOrgId).slice(0, MATCHES_SHOWN)
}

/** The request as one paragraph, for the referral's "need" or the co-sell invitation. */
export function describeRequest(title: string, request: PartnerRequestDetails, replyExcerpt?: string) {
  const parts = [`From the community request “${title}”: ${request.need}.`]
  if (request.region) parts.push(`Region: ${REGION_LABELS[request.region] ?? request.region}.`)
  if (request.industry) parts.push(`Industry: ${INDUSTRY_LABELS[request.industry] ?? request.industry}.`)
  if (request.skills.length) parts.push(`Skills: ${request.skills.join(', ')}.`)
  if (request.deadline) parts.push(`Needed by ${request.deadline}.`)
  if (replyExcerpt) parts.push(`Their reply: “${replyExcerpt}”`)
  return parts.join(' ')
}

const excerpt = (body: string, max = 300) => {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The one-click links for a reply from another partner: a referral to its organization, or a co-sell inviting it. */
export function conversionLinks(topic: Pick<Topic, 'id' | 'title' | 'request'>, reply: { id: string; body: string; authorOrgSlug: string }) {
  const need = describeRequest(topic.title, topic.request!, excerpt(reply.body))
  const from = { fromTopic: topic.id, fromReply: reply.id }
  return {
    referral: referHref({ to: reply.authorOrgSlug, need, ...from }),
    cosell: cosellHref({ invite: reply.authorOrgSlug, message: need.slice(0, 2000), ...from }),
  }
}

/**
 * Records that a referral or co-sell was started from a partner request. Only the request's asker
 * converts it, from a reply in it by another organization; anything else (a forged or stale
 * link) records nothing and returns null: the referral or co-sell itself stands.
 */
export async function recordRequestConversion(actor: Actor, from: { fromTopic?: string; fromReply?: string }, kind: 'referral' | 'cosell', targetId: string) {
  if (!from.fromTopic) return null
  return db.transaction(async (tx) => {
    const found = await visibleTopic(tx, actor, from.fromTopic!).catch(() => null)
    if (!found || found.topic.kind !== 'request' || found.topic.authorUserId !== actor.userId) return null
    let replyId: string | null = null
    if (from.fromReply) {
      const [reply] = await tx
        .select({ id: communityReplies.id, orgKind: organizations.kind, orgId: communityReplies.authorOrgId })
        .from(communityReplies)
        .innerJoin(organizations, eq(organizations.id, communityReplies.authorOrgId))
        .where(and(eq(communityReplies.id, from.fromReply), eq(communityReplies.topicId, found.topic.id)))
      if (!reply || reply.orgId === actor.orgId) return null
      replyId = reply.id
    }
    const [row] = await tx.insert(communityRequestConversions).values({ topicId: found.topic.id, replyId, kind, targetId, createdBy: actor.userId }).onConflictDoNothing().returning()
    if (!row) return null
    await recordEvent(tx, {
      type: 'community.request_converted',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'community_topic',
      subjectId: found.topic.id,
      payload: { spaceId: found.space.id, spaceSlug: found.space.slug, topicId: found.topic.id, replyId, kind, targetId },
      audience: { orgs: [actor.orgId], vendor: true },
    })
    return row
  })
}

/** The referrals and co-sells started from a request, for its page. */
export async function conversionsOf(topicId: string) {
  return db.select().from(communityRequestConversions).where(eq(communityRequestConversions.topicId, topicId))
}
