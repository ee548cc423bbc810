import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { communityRequestConversions, communityTopics } from '#db/schema/community.ts'
import { setSearchEngine } from '#search/engine.server.ts'
import { CONTRACT_DOCUMENTS } from '#search/fixtures.ts'
import { PostgresSearchEngine } from '#search/postgres.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { createSpace } from '#app/features/community/spaces.server.ts'
import { recordRequestConversion } from '#app/features/community/requests.server.ts'
import { createTopic, getTopic, postReply } from '#app/features/community/topics.server.ts'
import { moderatePost } from '#app/features/community/moderation.server.ts'
import { createId } from '#app/utils/id.ts'
import { prefillFrom, ReferralPrefillSchema, CosellPrefillSchema } from '#app/utils/start-links.ts'

beforeAll(async () => {
  const engine = new PostgresSearchEngine()
  setSearchEngine(engine)
  await engine.upsert(CONTRACT_DOCUMENTS)
})

const request = {
  kind: 'request' as const,
  title: 'Need a healthcare integrator in EMEA',
  body: 'A hospital group wants its scheduling connected.',
  need: 'helthcare',
  region: 'EMEA',
  industry: '',
  skills: 'HL7, FHIR , HL7',
  deadline: '2031-03-31',
}

describe('partner requests', () => {
  it('a request keeps its details and shows the matching partners with their reasons', async () => {
    const vendor = await createVendor()
    const asker = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Requests', slug: `requests-${createId(6).toLowerCase()}`, visibility: 'partners' })
    const topic = await createTopic(asker.member, space.slug, request)
    expect(topic.request).toEqual({ need: 'helthcare', region: 'EMEA', industry: null, skills: ['HL7', 'FHIR'], deadline: '2031-03-31' })
    const page = await getTopic(asker.member, space.slug, topic.id)
    expect(page.matches.map((m) => m.name)).toEqual(['Bluepeak Cloud', 'Northwind Systems'])
    expect(page.matches[0]!.reasons.map((r) => r.text)).toContain('Works in Europe, Middle East and Africa')
    // Other kinds have no details and no matches.
    const question = await createTopic(asker.member, space.slug, { kind: 'question', title: 'A plain question', body: 'Hello', need: 'ignored' })
    expect(question.request).toBeNull()
    expect((await getTopic(asker.member, space.slug, question.id)).matches).toEqual([])
  })

  it('bad request details are refused with clear messages, nothing written', async () => {
    const vendor = await createVendor()
    const asker = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Requests', slug: `requests-${createId(6).toLowerCase()}`, visibility: 'partners' })
    const bad = { ...request, region: 'MARS', skills: Array.from({ length: 11 }, (_, i) => `skill${i}`).join(','), deadline: '31/03/2031' }
    await expect(createTopic(asker.member, space.slug, bad)).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: {
        region: ['Choose a region (NA, LATAM, EMEA, APAC) or leave it empty.'],
        skills: ['List at most 10 skills.'],
        deadline: ['Enter the deadline as a date (YYYY-MM-DD).'],
      },
    })
    await expect(createTopic(asker.member, space.slug, { ...request, need: ' ' })).rejects.toMatchObject({ fieldErrors: { need: ['Say what you need in at least 3 characters.'] } })
    await expect(createTopic(asker.member, space.slug, { ...request, kind: 'poll' })).rejects.toMatchObject({ fieldErrors: { kind: ['Choose a discussion, a question or a partner request.'] } })
    expect(await db.select().from(communityTopics).where(eq(communityTopics.spaceId, space.id))).toEqual([])
  })

  it("the asker turns another partner's reply into a referral or co-sell: prefilled links, and the conversion is recorded once", async () => {
    const vendor = await createVendor()
    const asker = await createPartner()
    const helper = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Requests', slug: `requests-${createId(6).toLowerCase()}`, visibility: 'partners' })
    const topic = await createTopic(asker.member, space.slug, request)
    const fromHelper = await postReply(helper.admin, topic.id, { body: 'We did **three** of these last year.' })
    const fromVendor = await postReply(vendor.member, topic.id, { body: 'Try Bluepeak.' })
    const fromColleague = await postReply(asker.admin, topic.id, { body: 'I can join the call.' })

    const page = await getTopic(asker.member, space.slug, topic.id)
    const links = (id: string) => page.replies.find((r) => r.id === id)!.convert
    expect(links(fromVendor.id)).toBeNull()
    expect(links(fromColleague.id)).toBeNull()
    const { referral, cosell } = links(fromHelper.id)!
    const refer = prefillFrom(ReferralPrefillSchema, `http://x${referral}`)
    expect(refer).toMatchObject({ to: helper.org.slug, fromTopic: topic.id, fromReply: fromHelper.id })
    expect(refer.need).toBe(
      'From the community request “Need a healthcare integrator in EMEA”: helthcare. Region: Europe, Middle East and Africa. Skills: HL7, FHIR. Needed by 2031-03-31. Their reply: “We did **three** of these last year.”',
    )
    expect(prefillFrom(CosellPrefillSchema, `http://x${cosell}`)).toMatchObject({ invite: helper.org.slug, fromTopic: topic.id, fromReply: fromHelper.id })
    // Only the asker is offered the links.
    expect((await getTopic(helper.admin, space.slug, topic.id)).replies.every((r) => r.convert === null)).toBe(true)

    const referralId = createId()
    // Someone else's link, a reply from the asker's own org, or a topic that is not a request: nothing recorded.
    expect(await recordRequestConversion(helper.admin, { fromTopic: topic.id, fromReply: fromHelper.id }, 'referral', createId())).toBeNull()
    expect(await recordRequestConversion(asker.member, { fromTopic: topic.id, fromReply: fromColleague.id }, 'referral', createId())).toBeNull()
    expect(await recordRequestConversion(asker.member, { fromTopic: 'nope', fromReply: fromHelper.id }, 'referral', createId())).toBeNull()
    const row = await recordRequestConversion(asker.member, { fromTopic: topic.id, fromReply: fromHelper.id }, 'referral', referralId)
    expect(row).toMatchObject({ topicId: topic.id, replyId: fromHelper.id, kind: 'referral', targetId: referralId })
    expect(await recordRequestConversion(asker.member, { fromTopic: topic.id, fromReply: fromHelper.id }, 'referral', referralId)).toBeNull()
    expect(await db.select().from(communityRequestConversions).where(eq(communityRequestConversions.topicId, topic.id))).toHaveLength(1)
    const after = await getTopic(asker.member, space.slug, topic.id)
    expect(after.conversionCount).toBe(1)
    expect(after.replies.find((r) => r.id === fromHelper.id)!.converted).toEqual(['referral'])
  })

  it('a reply the moderators hid offers no referral or co-sell: its link would carry the hidden text', async () => {
    const vendor = await createVendor()
    const asker = await createPartner()
    const spammer = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Requests', slug: `requests-${createId(6).toLowerCase()}`, visibility: 'partners' })
    const topic = await createTopic(asker.member, space.slug, request)
    const spam = await postReply(spammer.admin, topic.id, { body: 'Cheap integrations, write to us.' })
    await moderatePost(vendor.admin, { postId: spam.id, decision: 'hide', reason: 'Spam offering cheap work' })
    const page = await getTopic(asker.member, space.slug, topic.id)
    const shown = page.replies.find((r) => r.id === spam.id)!
    expect(shown.state).toBe('hidden')
    expect(shown.body).toBe('')
    expect(shown.convert).toBeNull()
    expect(JSON.stringify(page)).not.toContain('Cheap integrations')
  })
})
