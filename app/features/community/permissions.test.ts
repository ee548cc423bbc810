import { describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { rowCounts } from '#tests/support/row-counts.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createSpace, inviteOrgToSpace, listSpaces, listSpacesForAdmin, removeOrgFromSpace, updateSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, editReply, editTopic, getTopic, listTopics, postReply, setPinned } from '#app/features/community/topics.server.ts'

const run = Date.now().toString(36)

const counts = () =>
  rowCounts({
    topics: 'community_topics',
    replies: 'community_replies',
    accepted: ['community_topics', 'accepted_reply_id is not null'],
    pinned: ['community_topics', 'pinned'],
  })

/** A private space with a question and a reply in it, and the organizations around it. */
async function privateSpace(name: string) {
  const vendor = await createVendor()
  const member = await createPartner({ name: `Member ${name}` })
  const outsider = await createPartner({ name: `Outsider ${name}` })
  const space = await createSpace(vendor.admin, { name: `Private ${name}`, slug: `private-${name}-${run}`, visibility: 'orgs' })
  await inviteOrgToSpace(vendor.admin, space.id, { org: member.org.id })
  const topic = await createTopic(member.member, space.slug, { kind: 'question', title: 'Private question', body: 'Only for us' })
  const reply = await postReply(member.admin, topic.id, { body: 'Private answer' })
  return { vendor, member, outsider, space, topic, reply }
}

/** Every read and write of one space's content, as one actor. */
function everything(actor: Actor, p: Awaited<ReturnType<typeof privateSpace>>) {
  return {
    listTopics: () => listTopics(actor, p.space.slug),
    getTopic: () => getTopic(actor, p.space.slug, p.topic.id),
    createTopic: () => createTopic(actor, p.space.slug, { kind: 'discussion', title: 'Sneaking in', body: 'Hello' }),
    postReply: () => postReply(actor, p.topic.id, { body: 'Sneaking in' }),
    acceptAnswer: () => acceptAnswer(actor, p.topic.id, p.reply.id),
    editTopic: () => editTopic(actor, p.topic.id, { title: 'Sneaking in', body: 'x' }),
    editReply: () => editReply(actor, p.reply.id, { body: 'Sneaking in' }),
    setPinned: () => setPinned(actor, p.topic.id, { pinned: 'on' }),
  }
}

describe('community permissions', () => {
  it('an organization not invited to a private space gets "not found" for every read and write of it, and nothing is written', async () => {
    const p = await privateSpace('a')
    const before = await counts()
    for (const actor of [p.outsider.admin, p.outsider.member]) {
      expect((await listSpaces(actor)).some((s) => s.id === p.space.id)).toBe(false)
      for (const [name, call] of Object.entries(everything(actor, p))) {
        await expect(call(), name).rejects.toMatchObject({ code: 'not_found' })
      }
      // Even with input that is wrong as well: visibility is checked first, so nothing leaks through a validation message.
      await expect(createTopic(actor, p.space.slug, { kind: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
      await expect(postReply(actor, p.topic.id, {})).rejects.toMatchObject({ code: 'not_found' })
    }
    expect(await counts()).toEqual(before)
    // The invited organization and the vendor's team see it.
    expect((await listTopics(p.member.member, p.space.slug)).total).toBe(1)
    expect((await getTopic(p.vendor.member, p.space.slug, p.topic.id)).replies).toHaveLength(1)
  })

  it("the space management calls are the vendor team's: partners are forbidden, even invited ones", async () => {
    const p = await privateSpace('b')
    for (const actor of [p.member.admin, p.outsider.admin]) {
      await expect(updateSpace(actor, p.space.id, { name: 'Taken over' })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(inviteOrgToSpace(actor, p.space.id, { org: p.outsider.org.id })).rejects.toMatchObject({ code: 'forbidden' })
      await expect(removeOrgFromSpace(actor, p.space.id, p.member.org.id)).rejects.toMatchObject({ code: 'forbidden' })
      await expect(listSpacesForAdmin(actor)).rejects.toMatchObject({ code: 'forbidden' })
    }
  })

  it('a vendor-only space is not found for every partner', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Team room', slug: `team-${run}`, visibility: 'vendor' })
    const topic = await createTopic(vendor.member, space.slug, { kind: 'question', title: 'Internal question', body: 'Team only' })
    const reply = await postReply(vendor.admin, topic.id, { body: 'Internal answer' })
    for (const [name, call] of Object.entries(everything(partner.admin, { space, topic, reply } as never))) {
      await expect(call(), name).rejects.toMatchObject({ code: 'not_found' })
    }
  })

  it('a suspended partner reads what it may see but cannot write; an applicant sees nothing', async () => {
    const vendor = await createVendor()
    const suspended = await createPartner({ status: 'suspended' })
    const applicant = await createPartner({ status: 'applicant' })
    const space = await createSpace(vendor.admin, { name: 'Open', slug: `open-${run}`, visibility: 'partners' })
    const topic = await createTopic(vendor.member, space.slug, { kind: 'question', title: 'Anyone there?', body: 'Hello' })
    const reply = await postReply(vendor.admin, topic.id, { body: 'Yes' })

    expect((await listTopics(suspended.member, space.slug)).canPost).toBe(false)
    expect((await getTopic(suspended.member, space.slug, topic.id)).can).toMatchObject({ reply: false, accept: false })
    const before = await counts()
    await expect(createTopic(suspended.member, space.slug, { kind: 'discussion', title: 'Still here', body: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('is suspended'),
    })
    await expect(postReply(suspended.admin, topic.id, { body: 'x' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await counts()).toEqual(before)

    await expect(listSpaces(applicant.admin)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(getTopic(applicant.admin, space.slug, topic.id)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(acceptAnswer(applicant.admin, topic.id, reply.id)).rejects.toMatchObject({ code: 'forbidden' })
  })
})
