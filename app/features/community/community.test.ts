import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db, queryRows } from '#db/client.server.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { communityTitlesFor, createOpenSpace, uniqueSlug } from '#tests/factories/community.ts'
import { checkModules, MODULES } from '#app/modules.server.ts'
import { EVENTS } from '#app/features/events/catalog.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { createSpace, inviteOrgToSpace, listSpaces, removeOrgFromSpace, updateSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, editReply, editTopic, getTopic, listTopics, postReply, setPinned } from '#app/features/community/topics.server.ts'
import { REPLIES_PER_PAGE, replyHref } from '#app/features/community/schemas.ts'

const slug = uniqueSlug
const titlesFor = communityTitlesFor

async function events(subjectId: string) {
  return queryRows<{ type: string; audience: { orgs?: string[]; vendor?: boolean } }>(db, sql`select type, audience from domain_events where subject_id = ${subjectId} order by id`)
}

describe('community spaces', () => {
  it("the vendor's team creates and edits spaces; input is checked with clear messages; addresses are unique", async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const s = slug('general')
    const space = await createSpace(vendor.admin, { name: 'General', slug: s.toUpperCase(), description: 'Anything', colour: '#AA3300', visibility: 'partners' })
    expect(space).toMatchObject({ slug: s, colour: '#aa3300', visibility: 'partners' })
    await expect(createSpace(vendor.member, { name: 'Again', slug: s, visibility: 'partners' })).rejects.toMatchObject({ code: 'conflict', fieldErrors: { slug: ['Choose another address.'] } })
    await expect(createSpace(vendor.admin, { name: 'x', slug: 'Not a slug!', visibility: 'everyone' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: {
        name: ['A name must be at least 2 characters.'],
        slug: ['Use lower-case letters, digits and single hyphens (e.g. "co-sell-emea").'],
        visibility: ['Choose who can see the space.'],
      },
    })
    await expect(createSpace(partner.admin, { name: 'Mine', slug: slug('mine'), visibility: 'partners' })).rejects.toMatchObject({ code: 'forbidden' })
    const renamed = await updateSpace(vendor.member, space.id, { name: 'General chat', description: 'Say hello' })
    expect(renamed).toMatchObject({ name: 'General chat', slug: s, description: 'Say hello' })
    expect((await events(space.id)).map((e) => e.type)).toEqual(['community.space_created', 'community.space_updated'])
  })

  it('lists the spaces each organization may see, with topic and unanswered counts', async () => {
    const vendor = await createVendor()
    const invited = await createPartner()
    const outsider = await createPartner()
    const open = await createOpenSpace(vendor.admin, 'Open')
    const team = await createSpace(vendor.admin, { name: 'Team', slug: slug('team'), visibility: 'vendor' })
    const club = await createSpace(vendor.admin, { name: 'Club', slug: slug('club'), visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, club.id, { org: invited.org.slug })
    await createTopic(invited.member, club.slug, { kind: 'question', title: 'How do we register a deal?', body: 'Asking for a friend.' })
    await createTopic(invited.member, club.slug, { kind: 'discussion', title: 'Welcome, everyone', body: 'Hello!' })

    const slugsFor = async (actor: Parameters<typeof listSpaces>[0]) => (await listSpaces(actor)).map((s) => s.slug).filter((x) => [open.slug, team.slug, club.slug].includes(x))
    expect((await slugsFor(vendor.member)).sort()).toEqual([open.slug, team.slug, club.slug].sort())
    expect((await slugsFor(invited.member)).sort()).toEqual([open.slug, club.slug].sort())
    expect(await slugsFor(outsider.member)).toEqual([open.slug])
    const clubRow = (await listSpaces(invited.member)).find((s) => s.slug === club.slug)
    expect(clubRow).toMatchObject({ topicCount: 2, unansweredCount: 1 })

    // Taken out of the space, the organization no longer sees it.
    await removeOrgFromSpace(vendor.admin, club.id, invited.org.id)
    expect(await slugsFor(invited.member)).toEqual([open.slug])
    await expect(listTopics(invited.member, club.slug)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('inviting is for private spaces and approved partners; the invited organization is told', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const applicant = await createPartner({ status: 'applicant' })
    const open = await createOpenSpace(vendor.admin, 'Open')
    const club = await createSpace(vendor.admin, { name: 'EMEA co-sell group', slug: slug('club'), visibility: 'orgs' })
    await expect(inviteOrgToSpace(vendor.admin, open.id, { org: partner.org.id })).rejects.toMatchObject({ code: 'conflict' })
    await expect(inviteOrgToSpace(vendor.admin, club.id, { org: applicant.org.id })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { org: ['Choose an approved partner organization.'] } })
    await expect(inviteOrgToSpace(partner.admin, club.id, { org: partner.org.id })).rejects.toMatchObject({ code: 'forbidden' })
    await inviteOrgToSpace(vendor.admin, club.id, { org: partner.org.id })
    await expect(inviteOrgToSpace(vendor.admin, club.id, { org: partner.org.slug })).rejects.toMatchObject({ code: 'conflict' })
    await deliverPendingNotifications()
    expect(await titlesFor(partner.member.userId)).toContain('Your organization was invited to the community space “EMEA co-sell group”')
  })
})

describe('community topics', () => {
  it('members ask, reply and the asker accepts an answer; authors are notified; events reach the right audience', async () => {
    const vendor = await createVendor()
    const asker = await createPartner({ name: 'Asker Co' })
    const helper = await createPartner({ name: 'Helper Co' })
    const space = await createOpenSpace(vendor.admin, 'Q&A')

    const question = await createTopic(asker.member, space.slug, { kind: 'question', title: 'How do we price a migration?', body: 'We use **time and materials**. <script>alert(1)</script>' })
    const reply = await postReply(helper.admin, question.id, { body: 'Fixed price per workload works for us.' })
    const vendorReply = await postReply(vendor.member, question.id, { body: 'See the pricing guide.' })

    const view = await getTopic(asker.member, space.slug, question.id)
    expect(view.topic.bodyHtml).toContain('<strong>time and materials</strong>')
    expect(view.topic.bodyHtml).not.toContain('script')
    expect(view.topic.replyCount).toBe(2)
    expect(view.replies.map((r) => [r.authorOrgName, r.authorIsVendor])).toEqual([
      ['Helper Co', false],
      ['Vendor Co', true],
    ])
    expect(view.can).toMatchObject({ reply: true, accept: true, edit: true, pin: false })
    expect((await getTopic(helper.member, space.slug, question.id)).can.accept).toBe(false)

    // Only the asker (or the vendor's team) accepts; the reply must belong to the topic.
    await expect(acceptAnswer(helper.admin, question.id, reply.id)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(acceptAnswer(asker.admin, question.id, reply.id)).rejects.toMatchObject({ code: 'forbidden' })
    const other = await createTopic(helper.member, space.slug, { kind: 'discussion', title: 'Another topic here', body: 'Hi' })
    const otherReply = await postReply(asker.member, other.id, { body: 'Hello' })
    await expect(acceptAnswer(asker.member, question.id, otherReply.id)).rejects.toMatchObject({ code: 'invalid' })
    await expect(acceptAnswer(helper.member, other.id, otherReply.id)).rejects.toMatchObject({ code: 'conflict' })

    await acceptAnswer(asker.member, question.id, reply.id)
    await expect(acceptAnswer(asker.member, question.id, reply.id)).rejects.toMatchObject({ code: 'conflict' })
    const answered = await getTopic(helper.member, space.slug, question.id)
    expect(answered.accepted).toMatchObject({ id: reply.id, authorOrgName: 'Helper Co' })
    // The moment of acceptance is kept: the community KPIs (answer rate, partner answer share) read it.
    expect(answered.topic.acceptedAt).toBeInstanceOf(Date)
    // The vendor's team may choose another answer.
    await acceptAnswer(vendor.admin, question.id, vendorReply.id)
    expect((await getTopic(asker.member, space.slug, question.id)).accepted?.id).toBe(vendorReply.id)

    await deliverPendingNotifications()
    expect(await titlesFor(asker.member.userId)).toEqual(
      expect.arrayContaining([`${helper.admin.name} (Helper Co) replied to “How do we price a migration?”`, `${vendor.member.name} (Vendor Co) replied to “How do we price a migration?”`]),
    )
    expect(await titlesFor(helper.admin.userId)).toContain(`Your answer to “How do we price a migration?” was accepted by ${asker.member.name}`)
    // Nobody is told of what they did: the asker replying on another's topic notifies that topic's author only.
    expect((await titlesFor(asker.member.userId)).some((t) => t.includes('Another topic'))).toBe(false)
    expect(await titlesFor(helper.member.userId)).toContain(`${asker.member.name} (Asker Co) replied to “Another topic here”`)

    const types = (await events(question.id)).map((e) => e.type)
    expect(types).toEqual(['community.topic_created', 'community.reply_posted', 'community.reply_posted', 'community.answer_accepted', 'community.answer_accepted'])
    const last = (await events(question.id)).at(-1)!
    expect(last.audience.vendor).toBe(true)
    expect([...(last.audience.orgs ?? [])].sort()).toEqual([asker.org.id, helper.org.id, vendor.org.id].sort())
  })

  it(`shows replies ${REPLIES_PER_PAGE} a page; "last" opens the newest; a reply's permalink (?reply=, as notifications link it) opens the page that holds it`, async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Paged replies')
    const topic = await createTopic(partner.member, space.slug, { kind: 'discussion', title: 'A long thread', body: 'Many replies.' })
    // The vendor's team is never held for its posting rate.
    const replies = []
    for (let i = 1; i <= 2 * REPLIES_PER_PAGE + 5; i++) replies.push(await postReply(vendor.member, topic.id, { body: `Reply ${i}` }))
    const first = await getTopic(partner.member, space.slug, topic.id)
    expect(first).toMatchObject({ page: 1, pageCount: 3 })
    expect(first.replies.map((r) => r.id)).toEqual(replies.slice(0, REPLIES_PER_PAGE).map((r) => r.id))
    const last = await getTopic(partner.member, space.slug, topic.id, { page: 'last' })
    expect(last.page).toBe(3)
    expect(last.replies.map((r) => r.id)).toEqual(replies.slice(2 * REPLIES_PER_PAGE).map((r) => r.id))
    const openedAt = async (query: Record<string, string>) => (await getTopic(partner.member, space.slug, topic.id, query)).page
    for (const [index, page] of [
      [0, 1],
      [REPLIES_PER_PAGE - 1, 1],
      [REPLIES_PER_PAGE, 2],
      [2 * REPLIES_PER_PAGE - 1, 2],
      [2 * REPLIES_PER_PAGE + 4, 3],
    ] as const) {
      expect(await openedAt({ reply: replies[index]!.id }), `reply ${index + 1}`).toBe(page)
    }
    // An explicit page wins; a reply that is not this topic's opens the first page.
    expect(await openedAt({ page: '2', reply: replies[0]!.id })).toBe(2)
    expect(await openedAt({ reply: 'not-a-reply' })).toBe(1)

    // The topic's author is told of each reply with its permalink; following it lands on the page that shows the reply.
    await deliverPendingNotifications()
    const links = await queryRows<{ link: string }>(db, sql`select link from notifications where user_id = ${partner.member.userId} and link like ${`%reply=${replies[REPLIES_PER_PAGE + 3]!.id}%`}`)
    expect(links.map((l) => l.link)).toEqual([replyHref(space.slug, topic.id, replies[REPLIES_PER_PAGE + 3]!.id)])
    const url = new URL(links[0]!.link, 'http://localhost')
    expect(url.hash).toBe(`#reply-${replies[REPLIES_PER_PAGE + 3]!.id}`)
    const landed = await getTopic(partner.member, space.slug, topic.id, Object.fromEntries(url.searchParams))
    expect(landed.page).toBe(2)
    expect(landed.replies.map((r) => r.id)).toContain(replies[REPLIES_PER_PAGE + 3]!.id)
  }, 60_000)

  it('lists topics pinned first, then by latest activity; "unanswered" keeps questions without an accepted answer; pages', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Busy')
    const created = []
    for (let i = 0; i < 23; i++) {
      created.push(await createTopic(partner.member, space.slug, { kind: i % 2 ? 'question' : 'discussion', title: `Topic number ${i}`, body: `Body ${i}` }))
    }
    const first = created[0]!
    await setPinned(vendor.member, first.id, { pinned: 'on' })
    await expect(setPinned(partner.admin, first.id, { pinned: 'on' })).rejects.toMatchObject({ code: 'forbidden' })
    const q = created[1]!
    const answer = await postReply(partner.admin, q.id, { body: 'Answer' })
    await acceptAnswer(partner.member, q.id, answer.id)

    const page1 = await listTopics(partner.member, space.slug)
    expect(page1).toMatchObject({ total: 23, newer: null, isFirst: true })
    expect(page1.topics).toHaveLength(20)
    expect(page1.topics[0]!.id).toBe(first.id)
    expect(page1.topics[1]!.id).toBe(q.id) // the latest activity
    // Keyset pages: "older" after the last topic, then "newer" back to the same first page.
    const page2 = await listTopics(partner.member, space.slug, { after: page1.older })
    expect(page2.topics).toHaveLength(3)
    expect(page2.older).toBeNull()
    expect(new Set([...page1.topics, ...page2.topics].map((t) => t.id)).size).toBe(23)
    const back = await listTopics(partner.member, space.slug, { before: page2.newer })
    expect(back.topics.map((t) => t.id)).toEqual(page1.topics.map((t) => t.id))
    expect(back.newer).toBeNull()
    // A cursor that is not one is the first page; an old `?page=` link too.
    expect((await listTopics(partner.member, space.slug, { after: "n.1.x' or 1=1", filter: '<x>' })).topics.map((t) => t.id)).toEqual(page1.topics.map((t) => t.id))
    expect((await listTopics(partner.member, space.slug, { page: '2' })).isFirst).toBe(true)

    const unanswered = await listTopics(partner.member, space.slug, { filter: 'unanswered' })
    expect(unanswered.total).toBe(10) // 11 questions, one answered
    expect(unanswered.topics.every((t) => t.kind === 'question' && !t.answered)).toBe(true)
    expect((await listTopics(partner.member, space.slug, { filter: 'questions' })).total).toBe(11)
  })

  it('refuses bad input with clear messages and writes nothing', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Checks')
    await expect(createTopic(partner.member, space.slug, { kind: 'poll', title: 'Hey', body: '' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { kind: ['Choose a discussion, a question or a partner request.'], title: ['A title must be at least 5 characters.'], body: ['Enter the text.'] },
    })
    await expect(createTopic(partner.member, space.slug, { kind: 'discussion', title: 'Long body', body: 'x'.repeat(20_001) })).rejects.toMatchObject({
      fieldErrors: { body: ['The text must be at most 20,000 characters.'] },
    })
    const topic = await createTopic(partner.member, space.slug, { kind: 'discussion', title: 'A fine title', body: 'Fine' })
    await expect(postReply(partner.admin, topic.id, { body: '   ' })).rejects.toMatchObject({ code: 'invalid', fieldErrors: { body: ['Enter a reply.'] } })
    expect((await listTopics(partner.member, space.slug)).total).toBe(1)
    expect((await getTopic(partner.member, space.slug, topic.id)).topic.replyCount).toBe(0)
    // A topic addressed under another space's slug is not found.
    const other = await createOpenSpace(vendor.admin, 'Other')
    await expect(getTopic(partner.member, other.slug, topic.id)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('authors edit their own posts only', async () => {
    const vendor = await createVendor()
    const a = await createPartner()
    const b = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'Edits')
    const topic = await createTopic(a.member, space.slug, { kind: 'discussion', title: 'First title', body: 'First' })
    const reply = await postReply(b.member, topic.id, { body: 'Typo' })
    await expect(editTopic(b.member, topic.id, { title: 'Hijacked title', body: 'x' })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(editReply(a.member, reply.id, { body: 'Not mine' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await editTopic(a.member, topic.id, { title: 'Better title', body: 'Second' })).toMatchObject({ title: 'Better title', editedAt: expect.any(Date) })
    expect(await editReply(b.member, reply.id, { body: 'Fixed' })).toMatchObject({ body: 'Fixed', editedAt: expect.any(Date) })
  })
})

describe('community rendering and wiring', () => {
  const XSS_VECTORS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.test"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<details open ontoggle=alert(1)>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '"><script>alert(1)</script>',
    '![x](x" onerror="alert(1))',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<object data="javascript:alert(1)"></object>',
  ]

  it('renders topic and reply bodies without scripts, event handlers or dangerous links', async () => {
    const vendor = await createVendor()
    const partner = await createPartner()
    const space = await createOpenSpace(vendor.admin, 'XSS')
    const topic = await createTopic(partner.member, space.slug, { kind: 'question', title: 'Every vector at once', body: XSS_VECTORS.join('\n\n') })
    for (const vector of XSS_VECTORS) await postReply(partner.admin, topic.id, { body: vector })
    // Read as their author: fifteen replies in a row trip the posting rate limit, and a held reply is shown to its author (rendered alike).
    const view = await getTopic(partner.admin, space.slug, topic.id)
    for (const html of [view.topic.bodyHtml, ...view.replies.map((r) => r.bodyHtml)]) {
      // What a vector leaves behind may be shown as text (escaped); inside tags nothing of it may remain.
      const tags = html.match(/<[a-z][^>]*>/gi) ?? []
      for (const tag of tags) {
        expect(tag).toMatch(/^<(h[2-6]|p|br|hr|blockquote|pre|code|em|strong|del|s|ul|ol|li|a|table|thead|tbody|tr|th|td|sup|sub|kbd)[\s>]/i)
        expect(tag).not.toMatch(/\s(on\w+|style|src)\s*=/i)
        expect(tag).not.toMatch(/(javascript|data):/i)
      }
      expect(html).not.toMatch(/<script/i)
    }
    expect(view.replies).toHaveLength(XSS_VECTORS.length)
  })

  it('is declared once in the module list, with its events in the catalog', () => {
    expect(() => checkModules(MODULES)).not.toThrow()
    expect(MODULES.filter((m) => m.name === 'community')).toHaveLength(1)
    // Every community event of the catalog is the module's (the count grows with the capability).
    const community = MODULES.find((m) => m.name === 'community')!
    expect(
      Object.keys(EVENTS)
        .filter((t) => t.startsWith('community.'))
        .sort(),
    ).toEqual(Object.keys(community.events ?? {}).sort())
  })
})
