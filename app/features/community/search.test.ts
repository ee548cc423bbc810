import { describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { createSpace, inviteOrgToSpace, removeOrgFromSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, editTopic, postReply } from '#app/features/community/topics.server.ts'
import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { COMMUNITY_SEARCH_CONSUMER, handleCommunitySearchEvents, searchCommunity } from '#app/features/community/search.server.ts'
import { communityMeiliFilter } from '#search/community-meili.server.ts'
import { communityTsquery } from '#search/community-postgres.server.ts'

const run = Date.now().toString(36)
/** A word only this run's documents contain. */
const word = `zq${run}`

/** Runs the community search consumer until it has nothing left (as the worker does). */
async function sync() {
  for (let i = 0; i < 50; i++) {
    const n = await processBatch(COMMUNITY_SEARCH_CONSUMER, (events, tx) => handleCommunitySearchEvents(events, tx))
    if (!n) return
  }
}

describe('community search', () => {
  it('finds topics and accepted answers through the outbox, with facets, and never shows a private space to an outsider: no hit, no count, no facet value', async () => {
    const vendor = await createVendor()
    const member = await createPartner({ name: `Search member ${run}` })
    const outsider = await createPartner({ name: `Search outsider ${run}` })
    const privateSpace = await createSpace(vendor.admin, { name: `Search private ${run}`, slug: `search-private-${run}`, visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, privateSpace.id, { org: member.org.id })
    const openSpace = await createSpace(vendor.admin, { name: `Search open ${run}`, slug: `search-open-${run}`, visibility: 'partners' })
    const vendorSpace = await createSpace(vendor.admin, { name: `Search vendor ${run}`, slug: `search-vendor-${run}`, visibility: 'vendor' })
    const secret = await createTopic(member.admin, privateSpace.slug, { kind: 'question', title: `Private ${word} pricing`, body: `How do we price ${word}?` })
    const open = await createTopic(member.admin, openSpace.slug, { kind: 'question', title: `Open ${word} onboarding`, body: 'Steps?' })
    await createTopic(vendor.admin, vendorSpace.slug, { kind: 'discussion', title: `Vendor ${word} roadmap`, body: 'Internal' })
    const answer = await postReply(vendor.admin, open.id, { body: `Use the checklist with kumquat${run} steps.` })
    await acceptAnswer(member.admin, open.id, answer.id)
    await postReply(member.admin, secret.id, { body: 'Private reply' })
    await sync()

    // The member sees their private space and the open one; not the vendor's.
    const mine = await searchCommunity(member.member, { q: word })
    expect(mine.hits.map((h) => h.title).sort()).toEqual([`Open ${word} onboarding`, `Open ${word} onboarding`, `Private ${word} pricing`].sort())
    expect(mine.total).toBe(3)
    expect(mine.facets.space).toEqual({ [privateSpace.id]: 1, [openSpace.id]: 2 })
    expect(mine.facets.kind).toEqual({ question: 3 })
    expect(mine.facets.answered).toEqual({ yes: 2, no: 1 })
    expect(mine.spaceNames[privateSpace.id]).toBe(privateSpace.name)

    // The outsider: the open topic and its answer only; nothing of the private space anywhere.
    const theirs = await searchCommunity(outsider.admin, { q: word })
    expect(theirs.total).toBe(2)
    expect(theirs.hits.every((h) => h.spaceId === openSpace.id)).toBe(true)
    expect(JSON.stringify(theirs)).not.toContain(privateSpace.id)
    expect(JSON.stringify(theirs)).not.toContain('Private')
    expect(theirs.facets.answered).toEqual({ yes: 2 })
    // Filtering on the private space's id finds nothing and counts nothing.
    const probing = await searchCommunity(outsider.admin, { q: word, space: privateSpace.id })
    expect(probing).toMatchObject({ total: 0, hits: [], facets: { space: {}, tag: {}, kind: {}, answered: {} }, spaceNames: {} })
    expect((await searchCommunity(outsider.admin, { q: '' })).facets.space[privateSpace.id]).toBeUndefined()

    // The vendor's team sees all three spaces.
    expect((await searchCommunity(vendor.admin, { q: word })).total).toBe(4)

    // The accepted answer is found by its own text, and links to the reply.
    const found = await searchCommunity(outsider.admin, { q: `kumquat${run}` })
    expect(found.hits).toHaveLength(1)
    expect(found.hits[0]).toMatchObject({ docType: 'answer', topicId: open.id, answered: true, url: `/community/${openSpace.slug}/${open.id}?reply=${answer.id}#reply-${answer.id}` })

    // Facet filters: kind and answered.
    expect((await searchCommunity(member.admin, { q: word, answered: 'no' })).hits.map((h) => h.topicId)).toEqual([secret.id])
    expect((await searchCommunity(member.admin, { q: word, kind: 'discussion' })).total).toBe(0)
    // A prefix of the last word matches.
    expect((await searchCommunity(member.admin, { q: word.slice(0, -1) })).total).toBe(3)

    // Taken out of the private space, the member's organization stops finding it as soon as the consumer runs.
    await removeOrgFromSpace(vendor.admin, privateSpace.id, member.org.id)
    await sync()
    const after = await searchCommunity(member.member, { q: word })
    expect(after.total).toBe(2)
    expect(after.facets.space[privateSpace.id]).toBeUndefined()
  })

  it('tags are searched as words and are a facet; a tags-only edit is an event that re-indexes the topic, and an outsider never sees a private tag', async () => {
    const vendor = await createVendor()
    const member = await createPartner({ name: `Tag member ${run}` })
    const outsider = await createPartner({ name: `Tag outsider ${run}` })
    const open = await createSpace(vendor.admin, { name: `Tags open ${run}`, slug: `tags-open-${run}`, visibility: 'partners' })
    const hidden = await createSpace(vendor.admin, { name: `Tags private ${run}`, slug: `tags-private-${run}`, visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, hidden.id, { org: member.org.id })
    const t1 = await createTopic(member.member, open.slug, { kind: 'discussion', title: `Tagged one ${run}`, body: 'Plain text', tags: `webhooks, tg${run}` })
    const t2 = await createTopic(member.member, open.slug, { kind: 'question', title: `Tagged two ${run}`, body: 'Plain text', tags: 'pricing' })
    await createTopic(member.member, hidden.slug, { kind: 'discussion', title: `Tagged secret ${run}`, body: 'Plain text', tags: `secret${run}, tg${run}` })
    await sync()

    // A tag is found as a word (only in the tags here), and counted in the facet.
    const byWord = await searchCommunity(member.member, { q: `tg${run}` })
    expect(byWord.total).toBe(2)
    expect(byWord.facets.tag).toEqual({ [`tg${run}`]: 2, webhooks: 1, [`secret${run}`]: 1 })
    expect(byWord.hits.find((h) => h.topicId === t1.id)?.tags).toEqual([`tg${run}`, 'webhooks'])
    // Filtering on a tag.
    const filtered = await searchCommunity(member.member, { q: '', tag: 'pricing', space: open.id })
    expect(filtered.hits.map((h) => h.topicId)).toEqual([t2.id])
    // The outsider: the open topic only; the private space's tag is no hit, no count, no facet value.
    const theirs = await searchCommunity(outsider.admin, { q: `tg${run}` })
    expect(theirs.hits.map((h) => h.topicId)).toEqual([t1.id])
    expect(theirs.facets.tag).toEqual({ [`tg${run}`]: 1, webhooks: 1 })
    expect((await searchCommunity(outsider.admin, { q: `secret${run}` })).total).toBe(0)
    expect((await searchCommunity(outsider.admin, { q: '', tag: `secret${run}` })).facets.tag).toEqual({})

    // A tags-only edit: no revision, but one typed event, and the index follows it.
    await editTopic(member.member, t2.id, { title: `Tagged two ${run}`, body: 'Plain text', tags: 'pricing, Partner-Tiers' })
    const events = await queryRows<{ type: string; payload: Record<string, unknown> }>(
      db,
      sql`select type, payload from domain_events where subject_id = ${t2.id} and type like 'community.%' order by id`,
    )
    expect(events.map((e) => e.type)).toEqual(['community.topic_created', 'community.topic_tags_changed'])
    expect(events[1]!.payload).toMatchObject({ topicId: t2.id, tags: ['partner-tiers', 'pricing'], added: ['partner-tiers'], removed: [] })
    // Saving the same tags again records nothing.
    await editTopic(member.member, t2.id, { title: `Tagged two ${run}`, body: 'Plain text', tags: 'partner-tiers, pricing' })
    expect((await queryRows(db, sql`select 1 from domain_events where subject_id = ${t2.id} and type = 'community.topic_tags_changed'`)).length).toBe(1)
    await sync()
    const retagged = await searchCommunity(outsider.admin, { q: 'tiers', space: open.id })
    expect(retagged.hits.map((h) => h.topicId)).toEqual([t2.id])
    expect(retagged.hits[0]!.tags).toEqual(['partner-tiers', 'pricing'])
    await editTopic(member.member, t2.id, { title: `Tagged two ${run}`, body: 'Plain text', tags: '' })
    await sync()
    expect((await searchCommunity(outsider.admin, { q: '', tag: 'pricing', space: open.id })).total).toBe(0)
  })

  it('parses the query with clear errors', async () => {
    const p = await createPartner({ name: `Search parse ${run}` })
    await expect(searchCommunity(p.admin, { q: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('200 characters') })
    await expect(searchCommunity(p.admin, { q: 'a', kind: 'poll' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(searchCommunity(p.admin, { q: 'a', page: '0' })).rejects.toMatchObject({ code: 'invalid' })
    expect(communityTsquery("it's <b> & | !")).toBe('it & s & b:*')
    expect(communityTsquery('  ')).toBeNull()
  })

  it('the Meilisearch adapter filters on the audience first, always, with the values quoted', () => {
    expect(communityMeiliFilter({ audience: ['partners', 'org:o1'], filters: { space: ['s"1'], answered: ['yes'] } })).toEqual([
      'audience IN ["partners", "org:o1"]',
      'spaceId IN ["s\\"1"]',
      'answered = true',
    ])
    expect(() => communityMeiliFilter({ audience: [], filters: {} })).toThrow(/audience/)
  })
})
