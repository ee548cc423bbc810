import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { webhookDeliveries, webhookEndpoints } from '#db/schema/index.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { moderatePost } from '#app/features/community/moderation.server.ts'
import { createSpace, inviteOrgToSpace, removeOrgFromSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, postReply } from '#app/features/community/topics.server.ts'
import { webhookMessageSchema, type WebhookEventType } from '#app/features/webhooks/catalog.ts'
import { createEndpoint, redeliver } from '#app/features/webhooks/endpoints.server.ts'
import { flushWebhooks, queuePendingWebhooks, startReceiver, type Receiver } from '#app/features/webhooks/testing.server.ts'

/**
 * Community events as webhooks: an endpoint is told of a topic, reply or accepted answer only when
 * its organization sees the space when the message is sent (the pages' and the API's rule), never
 * of a held or hidden post, with the topic and reply as the API gives them to that organization,
 * signed as every other message.
 */

const COMMUNITY: WebhookEventType[] = ['community.topic_created', 'community.reply_posted', 'community.answer_accepted']
type P = Awaited<ReturnType<typeof createPartner>>
let vendor: Awaited<ReturnType<typeof createVendor>>
let invited: P
let outsider: P
let receiver: Receiver
const run = Date.now().toString(36)

async function endpointFor(actor: Actor, path: string) {
  const { endpoint, secret } = await createEndpoint(actor, { url: receiver.url(path), description: path, eventTypes: COMMUNITY })
  receiver.expect(path, secret)
  return endpoint
}

beforeAll(async () => {
  vendor = await createVendor()
  invited = await createPartner({ name: `Hook Invited ${run}` })
  outsider = await createPartner({ name: `Hook Outsider ${run}` })
  // Past the "new member" window, so the posting limits hold none of these posts.
  await db
    .update(users)
    .set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
    .where(inArray(users.id, [invited.admin.userId, invited.member.userId, outsider.admin.userId, outsider.member.userId]))
  receiver = await startReceiver()
  await db.delete(webhookEndpoints)
  await queuePendingWebhooks()
})

afterAll(async () => {
  await receiver.close()
})

describe('community webhooks', () => {
  it('an endpoint of an organization outside a private space receives nothing of it; an invited one receives its topic, reply and accepted answer, signed, as the API shows them; a hidden reply reaches no one', async () => {
    await endpointFor(invited.admin, '/invited')
    const outsiderEndpoint = await endpointFor(outsider.admin, '/outsider')
    await endpointFor(vendor.admin, '/vendor')
    const priv = await createSpace(vendor.admin, { name: `Co-sell club ${run}`, slug: `club-${run}`, visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, priv.id, { org: invited.org.id })
    const open = await createSpace(vendor.admin, { name: `Open ${run}`, slug: `open-${run}`, visibility: 'partners' })

    const question = await createTopic(invited.member, priv.slug, { kind: 'question', title: `Who has done a CPQ migration? ${run}`, body: 'For a **customer** in DACH.', tags: 'cpq' })
    const answer = await postReply(vendor.member, question.id, { body: 'Northwind has; ask them.' })
    await acceptAnswer(invited.member, question.id, answer.id)
    const openTopic = await createTopic(outsider.member, open.slug, { kind: 'discussion', title: `Hello from the outsider ${run}`, body: 'Hi all.' })
    const spam = await postReply(invited.member, openTopic.id, { body: 'Buy our thing.' })
    // Hidden by the moderators after it was posted, before any message went out: never delivered.
    await moderatePost(vendor.admin, { postId: spam.id, decision: 'hide', reason: 'Advertising' })

    await flushWebhooks()
    expect(receiver.rejected).toEqual([])
    const typesAt = (path: string) => receiver.at(path).map((m) => `${m.type} ${(m.body.data as { id: string }).id}`)
    expect(typesAt('/invited')).toEqual([
      `community.topic_created ${question.id}`,
      `community.reply_posted ${answer.id}`,
      `community.answer_accepted ${question.id}`,
      `community.topic_created ${openTopic.id}`,
    ])
    expect(typesAt('/vendor')).toEqual(typesAt('/invited'))
    expect(typesAt('/outsider')).toEqual([`community.topic_created ${openTopic.id}`])
    // Its delivery log holds nothing of the private space either.
    const outsiderLog = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, outsiderEndpoint.id))
    expect(JSON.stringify(outsiderLog)).not.toContain(question.id)

    // The documented schema, with the API's fields as the invited organization sees them; signed per Standard Webhooks.
    for (const m of receiver.received) {
      const parsed = webhookMessageSchema(m.type as WebhookEventType).safeParse(m.body)
      expect(parsed.success, `${m.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
      expect(m.signatures).toBeGreaterThanOrEqual(1)
      expect(m.id).toMatch(/^msg_\d+_/)
    }
    const [created, replied, accepted] = receiver.at('/invited').map((m) => m.body.data as Record<string, any>)
    expect(created).toMatchObject({
      id: question.id,
      object: 'community_topic',
      space: { id: priv.id, slug: priv.slug },
      kind: 'question',
      body: 'For a **customer** in DACH.',
      tags: ['cpq'],
      state: 'published',
      author: { orgId: invited.org.id, orgName: invited.org.name },
    })
    expect(created).not.toHaveProperty('replies')
    expect(replied).toMatchObject({ id: answer.id, object: 'community_reply', topicId: question.id, body: 'Northwind has; ask them.', topic: { id: question.id } })
    expect(accepted).toMatchObject({ id: question.id, answered: true, acceptedReplyId: answer.id, acceptedReply: { id: answer.id } })
    // A manual redelivery sends the message again, built for the organization now, with the same webhook-id.
    const first = receiver.at('/invited')[0]!
    const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, first.id))
    expect((await redeliver(invited.admin, delivery!.endpointId, { deliveryId: delivery!.id })).ok).toBe(true)
    expect(receiver.at('/invited').at(-1)).toMatchObject({ id: first.id, type: 'community.topic_created', body: { data: { id: question.id, title: created.title } } })
  })

  it('visibility is checked when the message is sent: an organization taken out of the space before then is not told', async () => {
    await db.delete(webhookEndpoints)
    await endpointFor(invited.admin, '/later')
    const priv = await createSpace(vendor.admin, { name: `Later club ${run}`, slug: `later-${run}`, visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, priv.id, { org: invited.org.id })
    const topic = await createTopic(vendor.member, priv.slug, { kind: 'discussion', title: `For the invited ${run}`, body: 'Welcome.' })
    // Queued while the organization still sees the space …
    await queuePendingWebhooks()
    const [queued] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, 'community.topic_created'))
    expect(queued).toBeDefined()
    // … and taken out of it before the sender runs.
    await removeOrgFromSpace(vendor.admin, priv.id, invited.org.id)
    const sent = await flushWebhooks()
    expect(sent).toMatchObject({ delivered: 0, failed: 1, disabled: 0 })
    expect(receiver.at('/later')).toEqual([])
    const [given] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, queued!.id))
    expect(given).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/does not see this post/) })
    expect(JSON.stringify(given!.payload)).not.toContain('Welcome.')
    // Nor by a manual redelivery.
    await expect(redeliver(invited.admin, given!.endpointId, { deliveryId: given!.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/does not see this community post/) })
    expect(receiver.at('/later')).toEqual([])
    // The endpoint stays enabled for what it may see.
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, given!.endpointId))
    expect(endpoint!.disabledAt).toBeNull()
    expect(topic.id).toBe((queued!.payload as { data: { id: string } }).data.id)
  })
})
