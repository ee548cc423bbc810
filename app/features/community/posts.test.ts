import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createPartner, createUserIn, createVendor } from '#tests/factories/index.ts'
import { communityTitlesFor, createOpenSpace, RUN as run, uniqueSlug } from '#tests/factories/community.ts'
import { rowCounts } from '#tests/support/row-counts.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { createSpace, inviteOrgToSpace } from '#app/features/community/spaces.server.ts'
import { createTopic, editReply, editTopic, getTopic, listTopics, postReply } from '#app/features/community/topics.server.ts'
import {
  draftOf,
  listFollowing,
  mentionCandidates,
  postHistory,
  quoteOf,
  reactionsOf,
  saveDraft,
  saveTopicDraft,
  setFollow,
  spaceTags,
  tagsOf,
  toggleReaction,
  topicDraftOf,
  topicExtras,
} from '#app/features/community/posts.server.ts'
import { escapeMarkdown, handleOf, mentionedHandles, MENTIONS_MAX, quoteMarkdown, TagsSchema } from '#app/features/community/post-schemas.ts'

const slug = uniqueSlug
const titlesFor = communityTitlesFor

const counts = () =>
  rowCounts({
    topics: 'community_topics',
    replies: 'community_replies',
    reactions: 'community_reactions',
    revisions: 'community_revisions',
    follows: 'community_follows',
    tags: 'community_topic_tags',
    drafts: 'community_drafts',
    topicDrafts: 'community_topic_drafts',
    events: 'domain_events',
  })

/** People with names whose handles are unique to this run. */
/** The community notifications of a person about a mention. */
const mentionTitles = async (userId: string) => (await titlesFor(userId)).filter((t) => t.includes(' mentioned '))

async function person(orgId: string, role: 'partner_admin' | 'partner_member' | 'vendor_member', first: string) {
  return createUserIn(orgId, role, { name: `${first} ${run}` })
}

describe('tags', () => {
  it('normalizes, deduplicates and limits tags with clear messages', () => {
    expect(TagsSchema.parse(' Deal Registration, #API, api,  ')).toEqual(['deal-registration', 'api'])
    expect(TagsSchema.parse(['a', 'b'])).toEqual(['a', 'b'])
    expect(TagsSchema.parse(TagsSchema.parse('x, y'))).toEqual(['x', 'y'])
    expect(TagsSchema.safeParse('a,b,c,d,e,f').error?.issues[0]?.message).toBe('Add at most 5 tags (you listed 6).')
    expect(TagsSchema.safeParse('<script>').error?.issues[0]?.message).toMatch(/letters, digits and single hyphens/)
    expect(TagsSchema.safeParse('x'.repeat(31)).success).toBe(false)
  })

  it('a topic keeps its tags, edits replace them, and a space filters by tag', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Tags')
    const a = await createTopic(partner.member, space.slug, { kind: 'discussion', title: 'About the API', body: 'Hi', tags: 'API, Webhooks' })
    const b = await createTopic(partner.member, space.slug, { kind: 'question', title: 'About pricing', body: 'Hi', tags: 'pricing' })
    expect(await tagsOf([a.id, b.id])).toEqual({ [a.id]: ['api', 'webhooks'], [b.id]: ['pricing'] })
    expect((await listTopics(partner.admin, space.slug, { tag: 'API' })).topics.map((t) => t.id)).toEqual([a.id])
    expect((await listTopics(partner.admin, space.slug, { tag: 'API' })).tag).toBe('api')
    // A tag that is not one is ignored, not an error.
    expect((await listTopics(partner.admin, space.slug, { tag: '<b>' })).topics).toHaveLength(2)
    await editTopic(partner.member, a.id, { title: 'About the API', body: 'Hi', tags: 'pricing' })
    expect((await listTopics(partner.admin, space.slug, { tag: 'pricing' })).topics).toHaveLength(2)
    expect(await spaceTags(partner.admin, space.slug)).toEqual([{ tag: 'pricing', topics: 2 }])
    const before = await counts()
    await expect(createTopic(partner.member, space.slug, { kind: 'discussion', title: 'Too many tags', body: 'Hi', tags: 'a,b,c,d,e,f' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { tags: ['Add at most 5 tags (you listed 6).'] },
    })
    expect(await counts()).toEqual(before)
  })
})

describe('edit history', () => {
  it('an edit keeps what it replaced; anyone who sees the post reads the history', async () => {
    const vendor = await createVendor()
    const author = await createPartner()
    const reader = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'History')
    const topic = await createTopic(author.member, space.slug, { kind: 'discussion', title: 'First title', body: 'First text' })
    const reply = await postReply(reader.member, topic.id, { body: 'A reply' })
    await editTopic(author.member, topic.id, { title: 'Second title', body: 'Second text' })
    await editTopic(author.member, topic.id, { title: 'Second title', body: 'Third text' })
    // Saving without a change keeps no revision.
    await editTopic(author.member, topic.id, { title: 'Second title', body: 'Third text' })
    await editReply(reader.member, reply.id, { body: 'A better reply <img src=x onerror=alert(1)>' })

    const history = await postHistory(author.admin, space.slug, topic.id, topic.id)
    expect(history.post).toMatchObject({ isTopic: true, title: 'Second title' })
    expect(history.revisions.map((r) => [r.title, r.bodyHtml.trim()])).toEqual([
      ['Second title', '<p>Second text</p>'],
      ['First title', '<p>First text</p>'],
    ])
    expect(history.revisions[0]!.editedByName).toBe(author.member.name)
    const replyHistory = await postHistory(author.admin, space.slug, topic.id, reply.id)
    expect(replyHistory.post.bodyHtml).not.toMatch(/onerror|<img/)
    expect(replyHistory.revisions.map((r) => r.bodyHtml.trim())).toEqual(['<p>A reply</p>'])

    const extras = await topicExtras(reader.admin, (await getTopic(reader.admin, space.slug, topic.id)).topic, space, [reply.id])
    expect(extras.revisions).toEqual({ [topic.id]: 2, [reply.id]: 1 })
    const types = await queryRows<{ type: string }>(db, sql`select type from domain_events where subject_id = ${topic.id} and type = 'community.post_edited'`)
    expect(types).toHaveLength(3)
    // A post of another topic is not found through this one.
    const other = await createTopic(author.member, space.slug, { kind: 'discussion', title: 'Other topic', body: 'x' })
    await expect(postHistory(author.admin, space.slug, other.id, reply.id)).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('reactions', () => {
  it('toggle on and off, counted per post, mine marked; not on my own post; bad input writes nothing', async () => {
    const vendor = await createVendor()
    const a = await createPartner()
    const b = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Reactions')
    const topic = await createTopic(a.member, space.slug, { kind: 'discussion', title: 'React to me', body: 'Hi' })
    const reply = await postReply(b.member, topic.id, { body: 'A reply' })
    expect(await toggleReaction(b.member, topic.id, { postId: topic.id, reaction: 'heart' })).toMatchObject({ on: true })
    await toggleReaction(b.admin, topic.id, { postId: topic.id, reaction: 'heart' })
    await toggleReaction(a.member, topic.id, { postId: reply.id, reaction: 'tada' })
    await toggleReaction(b.admin, topic.id, { postId: topic.id, reaction: 'thumbs_up' })
    expect(await toggleReaction(b.admin, topic.id, { postId: topic.id, reaction: 'thumbs_up' })).toMatchObject({ on: false })
    const summary = await reactionsOf(b.member, topic.id, [topic.id, reply.id])
    expect(summary[topic.id]).toMatchObject({ heart: { count: 2, mine: true }, thumbs_up: { count: 0, mine: false } })
    expect(summary[reply.id]).toMatchObject({ tada: { count: 1, mine: false } })

    const before = await counts()
    await expect(toggleReaction(a.member, topic.id, { postId: topic.id, reaction: 'heart' })).rejects.toMatchObject({ code: 'conflict', message: 'You cannot react to your own post.' })
    await expect(toggleReaction(b.member, topic.id, { postId: topic.id, reaction: 'poop' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { reaction: [expect.stringContaining('Choose a reaction')] },
    })
    await expect(toggleReaction(b.member, topic.id, { reaction: 'heart' })).rejects.toMatchObject({ code: 'invalid' })
    const other = await createTopic(a.member, space.slug, { kind: 'discussion', title: 'Another topic', body: 'Hi' })
    const after = await counts()
    // A post of another topic is not found through this one.
    await expect(toggleReaction(b.member, topic.id, { postId: other.id, reaction: 'heart' })).rejects.toMatchObject({ code: 'not_found' })
    expect({ ...(await counts()) }).toEqual(after)
    expect(after.reactions).toBe(before.reactions)
  })
})

describe('quote-reply', () => {
  it('quotes a post with its author, escaped; an unknown post quotes nothing', async () => {
    expect(quoteMarkdown('Jane *Doe*', 'Acme [Inc](javascript:alert(1))', 'Line one\n\nLine <b>two</b>')).toBe(
      '> **Jane \\*Doe\\* (Acme \\[Inc\\]\\(javascript:alert\\(1\\)\\))** wrote:\n>\n> Line one\n>\n> Line <b>two</b>\n\n',
    )
    // Rendered, the attribution is text: no link, no markup from the name.
    const html = renderMarkdown(quoteMarkdown('Jane *Doe*', 'Acme [Inc](javascript:alert(1))', 'Line <b>two</b> <script>x</script>'))
    expect(html).toContain('<strong>Jane *Doe* (Acme [Inc](javascript:alert(1)))</strong> wrote:')
    expect(html).not.toMatch(/<a |<script|<b>/)
    expect(escapeMarkdown('a\nb')).toBe('a b')
    const vendor = await createVendor()
    const a = await createPartner({ name: `Quoted Co ${run}` })
    const space = await createOpenSpace(vendor.admin, 'Quotes')
    const topic = await createTopic(a.member, space.slug, { kind: 'discussion', title: 'Quote me', body: 'Wise words' })
    const quote = await quoteOf(vendor.member, topic, topic.id)
    expect(quote).toContain('Wise words')
    expect(quote).toContain(escapeMarkdown(a.member.name))
    expect(await quoteOf(vendor.member, topic, 'nope')).toBeNull()
    expect(await quoteOf(vendor.member, topic, ['x'])).toBeNull()
    const extras = await topicExtras(vendor.member, topic, space, [], { quote: topic.id })
    expect(extras.replyStart).toBe(quote)
  })
})

describe('follows', () => {
  it('followers of a space hear of new topics, followers of a topic of new replies, once each; unfollow stops it', async () => {
    const vendor = await createVendor()
    const author = await createPartner()
    const fan = await createPartner()
    const space = await createSpace(vendor.admin, { name: `Followed ${run}`, slug: slug('followed'), visibility: 'partners' })
    await setFollow(fan.member, space.slug, null, { follow: 'space' })
    await setFollow(fan.member, space.slug, null, { follow: 'space' })
    const topic = await createTopic(author.member, space.slug, { kind: 'discussion', title: `Followed topic ${run}`, body: 'Hi' })
    await setFollow(fan.member, space.slug, topic.id, { follow: 'topic' })
    // The topic's author follows too, but hears of replies once (as the author).
    await setFollow(author.member, space.slug, topic.id, { follow: 'topic' })
    await postReply(vendor.member, topic.id, { body: 'Welcome' })
    await deliverPendingNotifications()
    const fanTitles = await titlesFor(fan.member.userId)
    expect(fanTitles).toContain(`New topic in a space you follow: “Followed topic ${run}” by ${author.member.name} (${author.org.name})`)
    expect(fanTitles).toContain(`${vendor.member.name} (Vendor Co) replied to “Followed topic ${run}”, which you follow`)
    expect((await titlesFor(author.member.userId)).filter((t) => t.includes(`Followed topic ${run}`))).toHaveLength(1)

    const following = await listFollowing(fan.member)
    expect(following.items.map((i) => [i.kind, i.space.slug, i.topic?.id ?? null])).toEqual([
      ['topic', space.slug, topic.id],
      ['space', space.slug, null],
    ])
    expect(await topicExtras(fan.member, topic, space, [])).toMatchObject({ follows: { space: true, topic: true } })
    await setFollow(fan.member, space.slug, topic.id, { follow: 'topic', on: 'off' })
    await postReply(vendor.member, topic.id, { body: 'Again' })
    await deliverPendingNotifications()
    expect((await titlesFor(fan.member.userId)).filter((t) => t.includes('which you follow'))).toHaveLength(1)
    expect((await listFollowing(fan.member)).total).toBe(1)
    await expect(setFollow(fan.member, space.slug, null, { follow: 'everything' })).rejects.toMatchObject({ code: 'invalid' })
  })

  it('a follower whose organization can no longer see the space is not told, and the follow is not listed', async () => {
    const vendor = await createVendor()
    const member = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Club', slug: slug('club'), visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, space.id, { org: member.org.id })
    await setFollow(member.member, space.slug, null, { follow: 'space' })
    const { removeOrgFromSpace } = await import('#app/features/community/spaces.server.ts')
    await removeOrgFromSpace(vendor.admin, space.id, member.org.id)
    await createTopic(vendor.member, space.slug, { kind: 'discussion', title: `Secret plans ${run}`, body: 'x' })
    await deliverPendingNotifications()
    expect((await titlesFor(member.member.userId)).some((t) => t.includes('Secret plans'))).toBe(false)
    expect((await listFollowing(member.member)).total).toBe(0)
  })
})

describe('mentions', () => {
  it('finds handles outside code, quotes and e-mail addresses', () => {
    expect(handleOf("Zoë O'Neill")).toBe('zoeoneill')
    expect(mentionedHandles('Hi @Jane and @bob, mail x@y.com; `@code`\n```\n@block\n```\n> @quoted\n@jane again')).toEqual(['jane', 'bob'])
  })

  it('notifies the people mentioned who see the space, never the others, and suggests only them', async () => {
    const vendor = await createVendor()
    const member = await createPartner()
    const outsider = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Private mentions', slug: slug('mentions'), visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, space.id, { org: member.org.id })
    const insider = await person(member.org.id, 'partner_member', 'Insider')
    const stranger = await person(outsider.org.id, 'partner_member', 'Stranger')
    const teammate = await person(vendor.org.id, 'vendor_member', 'Teammate')
    const hi = (p: Actor) => `@${handleOf(p.name)}`

    const topic = await createTopic(member.admin, space.slug, { kind: 'question', title: `Who knows ${run}?`, body: `Asking ${hi(insider)} and ${hi(stranger)}` })
    const reply = await postReply(member.admin, topic.id, { body: `Also ${hi(teammate)} and ${hi(stranger)} and @nobody${run}` })
    await deliverPendingNotifications()
    expect(await titlesFor(insider.userId)).toContain(`${member.admin.name} (${member.org.name}) mentioned you in “Who knows ${run}?”`)
    expect(await titlesFor(teammate.userId)).toContain(`${member.admin.name} (${member.org.name}) mentioned you in “Who knows ${run}?”`)
    // The stranger cannot see the space: nobody is told, and nothing names them anywhere.
    expect(await titlesFor(stranger.userId)).toEqual([])
    const leaked = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from domain_events where payload::text like ${'%' + stranger.userId + '%'}`)
    expect(leaked[0]!.n).toBe(0)
    // The rendered post is the same whoever exists.
    const view = await getTopic(member.member, space.slug, topic.id)
    expect(view.topic.bodyHtml).toContain(hi(stranger))
    expect(view.replies.find((r) => r.id === reply.id)!.bodyHtml).toContain(`@nobody${run}`)

    // An edit notifies the newly mentioned only.
    await editReply(member.admin, reply.id, { body: `Also ${hi(teammate)} and ${hi(insider)}` })
    await deliverPendingNotifications()
    expect((await titlesFor(insider.userId)).filter((t) => t.includes('mentioned you'))).toHaveLength(2)
    expect((await titlesFor(teammate.userId)).filter((t) => t.includes('mentioned you'))).toHaveLength(1)

    // The autocomplete suggests people who see the space only.
    expect(
      (await mentionCandidates(member.member, space.slug, { q: run }))
        .filter((c) => c.kind === 'person')
        .map((c) => c.name)
        .sort(),
    ).toEqual([insider.name, teammate.name].sort())
    expect((await mentionCandidates(member.member, space.slug, { q: `Stranger ${run}` })).length).toBe(0)
    expect((await mentionCandidates(member.member, space.slug, { q: 'Insider' })).find((c) => c.id === insider.userId)?.handle).toBe(handleOf(insider.name))
    await expect(mentionCandidates(member.member, space.slug, { q: '' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(mentionCandidates(member.member, space.slug, { q: '%' })).resolves.toEqual(expect.any(Array))
  })

  it('an @organization mention notifies its people once (preferences honoured); an organization that cannot see the space is never suggested, told or named', async () => {
    const vendor = await createVendor()
    const author = await createPartner({ name: `Org author ${run}` })
    const invited = await createPartner({ name: `Org invited ${run}` })
    const outside = await createPartner({ name: `Org outside ${run}` })
    const space = await createSpace(vendor.admin, { name: 'Org mentions', slug: slug('org-mentions'), visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, space.id, { org: author.org.id })
    await inviteOrgToSpace(vendor.admin, space.id, { org: invited.org.id })
    const quiet = await person(invited.org.id, 'partner_member', 'Quiet')
    await db.execute(sql`insert into notification_preferences (user_id, kind, in_app, email) values (${quiet.userId}, 'community', 0, 'off')`)
    expect(mentionedHandles(`Hi @${invited.org.slug}, and @${outside.org.slug}- too; not @trailing- or @a`)).toEqual([invited.org.slug, outside.org.slug, 'trailing'])

    const title = `Who co-sells ${run}?`
    // The invited org's admin is mentioned in person as well: told once, as a person.
    const topic = await createTopic(author.member, space.slug, { kind: 'question', title, body: `Asking @${invited.org.slug} (@${handleOf(invited.admin.name)}) and @${outside.org.slug}` })
    await deliverPendingNotifications()
    const orgLine = `${author.member.name} (${author.org.name}) mentioned ${invited.org.name} in “${title}”`
    expect(await mentionTitles(invited.member.userId)).toEqual([orgLine])
    expect(await mentionTitles(invited.admin.userId)).toEqual([`${author.member.name} (${author.org.name}) mentioned you in “${title}”`])
    // Preferences: in-app off and no e-mail keeps nothing.
    expect(await mentionTitles(quiet.userId)).toEqual([])
    // The author's own organization mentioning itself does not tell the author.
    expect(await mentionTitles(author.member.userId)).toEqual([])
    // The organization outside: nobody told, and no event names it.
    for (const u of [outside.admin, outside.member]) expect(await mentionTitles(u.userId)).toEqual([])
    const leaked = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from domain_events where payload::text like ${'%' + outside.org.id + '%'} or payload::text like ${'%' + outside.org.name + '%'}`,
    )
    expect(leaked[0]!.n).toBe(0)
    const orgEvents = await queryRows<{ payload: { orgIds: string[]; userIds: string[] }; audience: { users: string[] } }>(
      db,
      sql`select payload, audience from domain_events where type = 'community.org_mentioned' and subject_id = ${topic.id}`,
    )
    expect(orgEvents).toHaveLength(1)
    expect(orgEvents[0]!.payload.orgIds).toEqual([invited.org.id])
    expect(orgEvents[0]!.payload.userIds.sort()).toEqual([invited.member.userId, quiet.userId].sort())
    expect(orgEvents[0]!.audience.users.sort()).toEqual([invited.member.userId, quiet.userId].sort())

    // A reply mentioning the organization again tells it again (a new post); an edit only when newly mentioned.
    const reply = await postReply(author.admin, topic.id, { body: 'No mention yet' })
    await editReply(author.admin, reply.id, { body: `Now @${invited.org.slug}` })
    await editReply(author.admin, reply.id, { body: `Now @${invited.org.slug}, edited` })
    await deliverPendingNotifications()
    expect((await mentionTitles(invited.member.userId)).filter((t) => t.includes(`mentioned ${invited.org.name}`))).toHaveLength(2)

    // The autocomplete: people and organizations who see the space; never the one outside.
    const found = await mentionCandidates(author.member, space.slug, { q: `Org invited ${run}` })
    expect(found).toEqual([{ kind: 'organization', id: invited.org.id, handle: invited.org.slug, name: invited.org.name, orgName: invited.org.name }])
    expect((await mentionCandidates(author.member, space.slug, { q: invited.org.slug })).map((c) => c.id)).toContain(invited.org.id)
    expect(await mentionCandidates(author.member, space.slug, { q: `Org outside ${run}` })).toEqual([])
    expect(await mentionCandidates(author.member, space.slug, { q: outside.org.slug })).toEqual([])
    // The outsider cannot even ask.
    await expect(mentionCandidates(outside.admin, space.slug, { q: invited.org.slug })).rejects.toMatchObject({ code: 'not_found' })
  })

  it(`refuses more than ${MENTIONS_MAX} mentions in a post with a clear message, writing nothing`, async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Busy')
    const topic = await createTopic(partner.member, space.slug, { kind: 'discussion', title: 'Busy topic', body: 'Hi' })
    const many = Array.from({ length: MENTIONS_MAX + 1 }, (_, i) => `@person${i}`).join(' ')
    const before = await counts()
    const message = `Mention at most ${MENTIONS_MAX} people in one post (this one mentions ${MENTIONS_MAX + 1}).`
    await expect(postReply(partner.admin, topic.id, { body: many })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { body: [message] } })
    await expect(createTopic(partner.admin, space.slug, { kind: 'discussion', title: 'Shouting', body: many })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { body: [message] } })
    await expect(editTopic(partner.member, topic.id, { title: 'Busy topic', body: many })).rejects.toMatchObject({ code: 'invalid' })
    expect(await counts()).toEqual(before)
  })
})

describe('drafts', () => {
  it('a draft survives (the reply box starts with it), an empty one is removed, and posting the reply clears it', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Drafts')
    const topic = await createTopic(vendor.member, space.slug, { kind: 'discussion', title: 'Draft here', body: 'Hi' })
    await saveDraft(partner.member, topic.id, { body: 'Half a thought' })
    await saveDraft(partner.member, topic.id, { body: 'A whole thought' })
    expect((await draftOf(partner.member, topic.id))?.body).toBe('A whole thought')
    expect(await draftOf(partner.admin, topic.id)).toBeNull()
    const extras = await topicExtras(partner.member, topic, space, [], { quote: topic.id })
    expect(extras.replyStart).toMatch(/^A whole thought\n\n> \*\*/)
    await expect(saveDraft(partner.member, topic.id, { body: 'x'.repeat(20_001) })).rejects.toMatchObject({ code: 'invalid' })
    expect((await draftOf(partner.member, topic.id))?.body).toBe('A whole thought')
    await postReply(partner.member, topic.id, { body: 'A whole thought' })
    expect(await draftOf(partner.member, topic.id)).toBeNull()
    await saveDraft(partner.member, topic.id, { body: 'Again' })
    await saveDraft(partner.member, topic.id, { body: '   ' })
    expect(await draftOf(partner.member, topic.id)).toBeNull()
  })
})

describe('new-topic drafts', () => {
  it("a new topic's draft is kept per person and space, bounded, removed when emptied, and posting a topic in the space clears it", async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Topic drafts', slug: slug('topic-drafts'), visibility: 'partners' })
    const other = await createSpace(vendor.admin, { name: 'Other drafts', slug: slug('other-drafts'), visibility: 'partners' })
    await saveTopicDraft(partner.member, space.slug, { kind: 'request', title: 'Half a ti', body: 'Need help with', tags: 'crm', need: 'CRM migration', skills: 'salesforce', unknown: 'dropped' })
    await saveTopicDraft(partner.member, other.slug, { kind: 'discussion', title: 'Elsewhere' })
    const saved = await topicDraftOf(partner.member, space.id)
    expect(saved?.fields).toEqual({ kind: 'request', title: 'Half a ti', body: 'Need help with', tags: 'crm', need: 'CRM migration', skills: 'salesforce' })
    // Another person of the same organization has none; the other space keeps its own.
    expect(await topicDraftOf(partner.admin, space.id)).toBeNull()
    expect((await topicDraftOf(partner.member, other.id))?.fields).toEqual({ kind: 'discussion', title: 'Elsewhere' })
    // Saving again replaces it; an unfinished value is fine, an oversized one is refused with nothing written.
    await saveTopicDraft(partner.member, space.slug, { kind: 'question', title: 'Hi', body: 'Need help with pricing' })
    expect((await topicDraftOf(partner.member, space.id))?.fields).toEqual({ kind: 'question', title: 'Hi', body: 'Need help with pricing' })
    await expect(saveTopicDraft(partner.member, space.slug, { title: 'x', body: 'x'.repeat(20_001) })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { body: [expect.stringContaining('20,000')] },
    })
    expect((await topicDraftOf(partner.member, space.id))?.fields.body).toBe('Need help with pricing')
    // Posting a topic in the space removes the draft there, not elsewhere.
    await createTopic(partner.member, space.slug, { kind: 'question', title: 'Pricing help', body: 'Need help with pricing' })
    expect(await topicDraftOf(partner.member, space.id)).toBeNull()
    expect(await topicDraftOf(partner.member, other.id)).not.toBeNull()
    // Only a kind (a radio always has one) or blank fields is no draft: it is removed.
    await saveTopicDraft(partner.member, other.slug, { kind: 'question', title: '  ', body: '' })
    expect(await topicDraftOf(partner.member, other.id)).toBeNull()
    // A person of an organization that may not post cannot keep one.
    await expect(saveTopicDraft({ ...partner.member, orgStatus: 'suspended' } as Actor, space.slug, { title: 'x' })).rejects.toMatchObject({ code: 'forbidden' })
  })
})

describe('permissions of the posting experience', () => {
  it('an organization outside a private space gets "not found" for every new read and write of it, and nothing is written', async () => {
    const vendor = await createVendor()
    const member = await createPartner()
    const outsider = await createPartner()
    const space = await createSpace(vendor.admin, { name: 'Secret', slug: slug('secret'), visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, space.id, { org: member.org.id })
    const topic = await createTopic(member.member, space.slug, { kind: 'discussion', title: 'Secret topic', body: 'Hush', tags: 'secret' })
    const reply = await postReply(member.admin, topic.id, { body: 'Hush too' })
    await editReply(member.admin, reply.id, { body: 'Hush, edited' })
    const vendorOnly = await createSpace(vendor.admin, { name: 'Team', slug: slug('team'), visibility: 'vendor' })
    const teamTopic = await createTopic(vendor.member, vendorOnly.slug, { kind: 'discussion', title: 'Team only', body: 'x' })

    const before = await counts()
    for (const actor of [outsider.admin, outsider.member]) {
      const calls: Record<string, () => Promise<unknown>> = {
        history: () => postHistory(actor, space.slug, topic.id, reply.id),
        topicHistory: () => postHistory(actor, space.slug, topic.id, topic.id),
        react: () => toggleReaction(actor, topic.id, { postId: reply.id, reaction: 'heart' }),
        reactBadInput: () => toggleReaction(actor, topic.id, { reaction: 'nope' }),
        followSpace: () => setFollow(actor, space.slug, null, { follow: 'space' }),
        followTopic: () => setFollow(actor, space.slug, topic.id, { follow: 'topic' }),
        followTopicOtherSlug: () => setFollow(actor, 'general', topic.id, { follow: 'topic' }),
        mentions: () => mentionCandidates(actor, space.slug, { q: 'a' }),
        mentionsBadInput: () => mentionCandidates(actor, space.slug, {}),
        tags: () => spaceTags(actor, space.slug),
        tagFilter: () => listTopics(actor, space.slug, { tag: 'secret' }),
        draft: () => saveDraft(actor, topic.id, { body: 'sneaky' }),
        topicDraft: () => saveTopicDraft(actor, space.slug, { title: 'sneaky', body: 'sneaky' }),
        topicDraftBadInput: () => saveTopicDraft(actor, space.slug, { body: 'x'.repeat(30_000) }),
        teamHistory: () => postHistory(actor, vendorOnly.slug, teamTopic.id, teamTopic.id),
        teamReact: () => toggleReaction(actor, teamTopic.id, { postId: teamTopic.id, reaction: 'heart' }),
      }
      for (const [name, call] of Object.entries(calls)) await expect(call(), name).rejects.toMatchObject({ code: 'not_found' })
      // Nothing of the space in their following list, and quoting through it gives nothing.
      expect((await listFollowing(actor)).items.some((i) => i.space.slug === space.slug)).toBe(false)
    }
    expect(await counts()).toEqual(before)
    // The member sees it all.
    await expect(postHistory(member.member, space.slug, topic.id, reply.id)).resolves.toMatchObject({ total: 1 })
    await expect(toggleReaction(member.member, topic.id, { postId: reply.id, reaction: 'heart' })).resolves.toMatchObject({ on: true })
  })
})
