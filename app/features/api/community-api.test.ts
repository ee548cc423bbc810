import { and, count, eq, inArray, sql } from 'drizzle-orm'
import createClient from 'openapi-fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { apiIdempotency } from '#db/schema/api.ts'
import { communityFollows } from '#db/schema/community-posts.ts'
import { communityReactions, communityReplies, communityTopics } from '#db/schema/community.ts'
import { organizations } from '#db/schema/orgs.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { moderatePost, suspendFromSpace } from '#app/features/community/moderation.server.ts'
import { REPLIES_PER_PAGE } from '#app/features/community/schemas.ts'
import { createSpace, inviteOrgToSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, postReply } from '#app/features/community/topics.server.ts'
import type { paths } from '#app/features/api/client/schema.d.ts'
import { CommunityFollowSchema, CommunityReactionsSchema, CommunityReplySchema, CommunitySpaceSchema, CommunityTopicDetailSchema, CommunityTopicSchema } from '#app/features/api/schemas.ts'
import { apiCaller, apiKeyFor, startApiServer } from '#app/features/api/testing.server.ts'

/**
 * /api/v1/community over real HTTP on a real database: spaces, topics (change-ordered cursor pages,
 * updated_since, filters), a topic with paged replies, posting topics and replies with
 * Idempotency-Key, and the community's own rules: segment, private and vendor-only spaces, held
 * and hidden posts, suspended people and organizations, mentions, scopes.
 */

type P = Awaited<ReturnType<typeof createPartner>>
let server: Awaited<ReturnType<typeof startApiServer>>['server']
let base: string
const call = apiCaller(() => base)
const run = Date.now().toString(36)
const slug = (s: string) => `${s}-${run}`

let vendor: Awaited<ReturnType<typeof createVendor>>
let alpha: P // a gold systems integrator in EMEA: invited to the private space, in the EMEA segment
let beta: P // a silver reseller in North America: neither
let spaces: Record<'open' | 'private' | 'segment' | 'team', { id: string; slug: string }>
let keys: { alphaRead: string; alphaWrite: string; betaWrite: string; betaReferrals: string; vendor: string }

/** People older than the "new member" window, so the posting limits of new members do not hold their posts. */
async function settle(...userIds: string[]) {
  await db
    .update(users)
    .set({ createdAt: sql`now() - interval '30 days'` })
    .where(inArray(users.id, userIds))
}

beforeAll(async () => {
  vendor = await createVendor()
  alpha = await createPartner({ name: `API Alpha ${run}`, partnerType: 'systems_integrator', tier: 'gold', regions: ['EMEA'] })
  beta = await createPartner({ name: `API Beta ${run}`, partnerType: 'reseller', tier: 'silver', regions: ['NA'] })
  await settle(alpha.admin.userId, alpha.member.userId, beta.admin.userId, beta.member.userId)
  const open = await createSpace(vendor.admin, { name: `Open ${run}`, slug: slug('open'), visibility: 'partners' })
  const priv = await createSpace(vendor.admin, { name: `Private ${run}`, slug: slug('private'), visibility: 'orgs' })
  await inviteOrgToSpace(vendor.admin, priv.id, { org: alpha.org.id })
  const segment = await createSpace(vendor.admin, { name: `EMEA ${run}`, slug: slug('emea'), visibility: 'segment', regions: ['EMEA'] })
  const team = await createSpace(vendor.admin, { name: `Team ${run}`, slug: slug('team'), visibility: 'vendor' })
  spaces = { open, private: priv, segment, team }
  keys = {
    alphaRead: await apiKeyFor(alpha.admin, ['community:read']),
    alphaWrite: await apiKeyFor(alpha.admin, ['community:write'], 'Community bot'),
    betaWrite: await apiKeyFor(beta.admin, ['community:write']),
    betaReferrals: await apiKeyFor(beta.admin, ['referrals:read']),
    vendor: await apiKeyFor(vendor.admin, ['community:write']),
  }
  ;({ server, base } = await startApiServer())
}, 120_000)

afterAll(async () => {
  await server?.close()
})

const topicCount = async (title: string) => (await db.select({ n: count() }).from(communityTopics).where(eq(communityTopics.title, title)))[0]!.n

describe('GET /api/v1/community/spaces', () => {
  it("lists the spaces the key's organization sees: open, invited and matching segment spaces; vendor-only ones for the vendor's keys only", async () => {
    const slugsOf = async (key: string) => {
      const reply = await call('GET', '/api/v1/community/spaces', { key })
      expect(reply.status).toBe(200)
      for (const s of reply.body.data) expect(CommunitySpaceSchema.safeParse(s).success, JSON.stringify(s)).toBe(true)
      return (reply.body.data as { slug: string }[]).map((s) => s.slug).filter((s) => s.endsWith(run))
    }
    expect((await slugsOf(keys.alphaRead)).sort()).toEqual([spaces.open.slug, spaces.private.slug, spaces.segment.slug].sort())
    expect(await slugsOf(keys.betaWrite)).toEqual([spaces.open.slug])
    expect((await slugsOf(keys.vendor)).sort()).toEqual(
      Object.values(spaces)
        .map((s) => s.slug)
        .sort(),
    )
  })
})

describe('POST /api/v1/community/topics and replies', () => {
  it("starts a topic through the form's own write: posted as the key's creator for the organization, sanitized, readable by id with an ETag", async () => {
    const title = `Who has done a CPQ migration? ${run}`
    const created = await call('POST', '/api/v1/community/topics', {
      key: keys.alphaWrite,
      body: { space: spaces.private.slug, kind: 'question', title, body: 'Asking for a customer. <script>alert(1)</script> **Thanks**', tags: ['CPQ', 'migration'] },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(CommunityTopicDetailSchema.safeParse(created.body).success, JSON.stringify(CommunityTopicDetailSchema.safeParse(created.body).error?.issues)).toBe(true)
    const [creator] = await db.select({ name: users.name }).from(users).where(eq(users.id, alpha.admin.userId))
    expect(created.body).toMatchObject({
      object: 'community_topic',
      kind: 'question',
      state: 'published',
      tags: ['cpq', 'migration'],
      space: { slug: spaces.private.slug },
      author: { name: creator!.name, orgId: alpha.org.id, orgName: alpha.org.name },
      replies: { object: 'list', data: [], hasMore: false, nextCursor: null },
      canReply: true,
    })
    expect(created.body.bodyHtml).toContain('<strong>Thanks</strong>')
    expect(created.body.bodyHtml).not.toMatch(/<script/i)
    const [row] = await db.select().from(communityTopics).where(eq(communityTopics.id, created.body.id))
    expect(row).toMatchObject({ authorUserId: alpha.admin.userId, authorOrgId: alpha.org.id })

    const read = await call('GET', `/api/v1/community/topics/${created.body.id}`, { key: keys.alphaRead })
    expect(read.status).toBe(200)
    expect(read.body.title).toBe(title)
    const etag = read.headers.get('etag')!
    expect(etag).toMatch(/^"/)
    const again = await call('GET', `/api/v1/community/topics/${created.body.id}`, { key: keys.alphaRead, headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })

  it('a repeat with the same Idempotency-Key returns the first answer and writes nothing, for topics and replies', async () => {
    const title = `Idempotent topic ${run}`
    const body = { space: spaces.open.slug, kind: 'discussion', title, body: 'Once only.' }
    const headers = { 'Idempotency-Key': `topic-${run}` }
    const first = await call('POST', '/api/v1/community/topics', { key: keys.alphaWrite, body, headers })
    const second = await call('POST', '/api/v1/community/topics', { key: keys.alphaWrite, body, headers })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(second.body).toEqual(first.body)
    expect(await topicCount(title)).toBe(1)
    const changed = await call('POST', '/api/v1/community/topics', { key: keys.alphaWrite, body: { ...body, body: 'Another text' }, headers })
    expect(changed.status).toBe(422)
    expect(changed.body.error.code).toBe('idempotency_mismatch')

    const replyHeaders = { 'Idempotency-Key': `reply-${run}` }
    const path = `/api/v1/community/topics/${first.body.id}/replies`
    const r1 = await call('POST', path, { key: keys.betaWrite, body: { body: 'Count me in.' }, headers: replyHeaders })
    const r2 = await call('POST', path, { key: keys.betaWrite, body: { body: 'Count me in.' }, headers: replyHeaders })
    expect(r1.status, JSON.stringify(r1.body)).toBe(201)
    expect(CommunityReplySchema.safeParse(r1.body).success).toBe(true)
    expect(r1.body).toMatchObject({ object: 'community_reply', topicId: first.body.id, state: 'published', author: { orgId: beta.org.id } })
    expect(r2.body).toEqual(r1.body)
    expect(r2.headers.get('idempotent-replayed')).toBe('true')
    const replies = await db.select({ n: count() }).from(communityReplies).where(eq(communityReplies.topicId, first.body.id))
    expect(replies[0]!.n).toBe(1)
    const [topic] = await db.select({ replyCount: communityTopics.replyCount }).from(communityTopics).where(eq(communityTopics.id, first.body.id))
    expect(topic!.replyCount).toBe(1)
  })

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const post = (body: unknown) => call('POST', '/api/v1/community/topics', { key: keys.alphaWrite, body })
    const ok = { space: spaces.open.slug, kind: 'discussion', title: `Bad input ${run}`, body: 'Text' }
    const unknown = await post({ ...ok, colour: 'red' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.fieldErrors).toHaveProperty('colour')
    const noKind = await post({ ...ok, kind: undefined })
    expect(noKind.status).toBe(400)
    expect(noKind.body.error.fieldErrors).toHaveProperty('kind')
    // The form's own rules and messages, from the community's schema.
    const short = await post({ ...ok, title: 'Hey' })
    expect(short.status).toBe(400)
    expect(short.body.error).toMatchObject({ code: 'invalid_request', fieldErrors: { title: ['A title must be at least 5 characters.'] } })
    const request = await post({ ...ok, kind: 'request' })
    expect(request.status).toBe(400)
    expect(request.body.error.fieldErrors).toHaveProperty('need')
    const badTag = await post({ ...ok, tags: ['not a tag!'] })
    expect(badTag.status).toBe(400)
    expect(badTag.body.error.fieldErrors).toHaveProperty('tags')
    // The mention rule of the site: at most 10 people in one post.
    const mentions = Array.from({ length: 11 }, (_, i) => `@person${i}`).join(' ')
    const tooMany = await post({ ...ok, body: `Hello ${mentions}` })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.fieldErrors).toHaveProperty('body')
    const malformed = await call('POST', '/api/v1/community/topics', { key: keys.alphaWrite, body: '{"space":' })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('invalid_json')
    // PostgreSQL cannot store U+0000: refused at the edge with the field named, not a 500 at the insert.
    for (const [body, field] of [
      [{ ...ok, space: `${ok.space}\u0000` }, 'space'],
      [{ ...ok, title: 'Who has \u0000 done this?' }, 'title'],
      [{ ...ok, tags: ['fine', 'bad\u0000'] }, 'tags.1'],
    ] as const) {
      const nul = await post(body)
      expect(nul.status, field).toBe(400)
      expect(nul.body.error.message).toMatch(/NUL character/)
      expect(Object.keys(nul.body.error.fieldErrors)).toEqual([field])
    }
    const emptyReply = await call('POST', `/api/v1/community/topics/no-such-topic/replies`, { key: keys.alphaWrite, body: { text: 'x' } })
    expect(emptyReply.status).toBe(400)
    expect(emptyReply.body.error.fieldErrors).toHaveProperty('text')
    expect(await topicCount(ok.title)).toBe(0)

    for (const query of ['answered=maybe', 'kind=poll', 'tag=Not%20A%20Tag', 'limit=0', 'updated_since=yesterday', 'colour=red']) {
      const list = await call('GET', `/api/v1/community/topics?${query}`, { key: keys.alphaRead })
      expect(list.status, query).toBe(400)
      expect(Object.keys(list.body.error.fieldErrors), query).toEqual([query.split('=')[0]])
    }
    const cursor = await call('GET', '/api/v1/community/topics?cursor=bm9wZQ', { key: keys.alphaRead })
    expect(cursor.body.error.code).toBe('invalid_cursor')
    const replyCursor = await call('GET', `/api/v1/community/topics/x?cursor=bm9wZQ`, { key: keys.alphaRead })
    expect(replyCursor.body.error.code).toBe('invalid_cursor')
  })
})

describe('tenancy and permissions', () => {
  it("another organization's key gets 404 for a private or segment space's topics, by list filter, by id, and when posting; 403 without the scope", async () => {
    const privateTopic = await createTopic(alpha.member, spaces.private.slug, { kind: 'discussion', title: `Invited only ${run}`, body: 'For the invited.' })
    const segmentTopic = await createTopic(alpha.member, spaces.segment.slug, { kind: 'discussion', title: `EMEA only ${run}`, body: 'For EMEA partners.' })
    const teamTopic = await createTopic(vendor.member, spaces.team.slug, { kind: 'discussion', title: `Team only ${run}`, body: 'For the team.' })
    for (const space of [spaces.private, spaces.segment, spaces.team]) {
      const list = await call('GET', `/api/v1/community/topics?space=${space.slug}`, { key: keys.betaWrite })
      expect(list.status, space.slug).toBe(404)
      expect(list.body.error.code).toBe('not_found')
      const post = await call('POST', '/api/v1/community/topics', { key: keys.betaWrite, body: { space: space.slug, kind: 'discussion', title: 'Let me in please', body: 'Hi' } })
      expect(post.status, space.slug).toBe(404)
      expect(post.body.error.fieldErrors).toHaveProperty('space')
    }
    for (const topic of [privateTopic, segmentTopic, teamTopic]) {
      expect((await call('GET', `/api/v1/community/topics/${topic.id}`, { key: keys.betaWrite })).status).toBe(404)
      const reply = await call('POST', `/api/v1/community/topics/${topic.id}/replies`, { key: keys.betaWrite, body: { body: 'Sneaking in' } })
      expect(reply.status).toBe(404)
    }
    // Alpha sees its two; the vendor-only one is the vendor's team's alone.
    expect((await call('GET', `/api/v1/community/topics/${privateTopic.id}`, { key: keys.alphaRead })).status).toBe(200)
    expect((await call('GET', `/api/v1/community/topics/${segmentTopic.id}`, { key: keys.alphaRead })).status).toBe(200)
    expect((await call('GET', `/api/v1/community/topics/${teamTopic.id}`, { key: keys.alphaRead })).status).toBe(404)
    expect((await call('GET', `/api/v1/community/topics/${teamTopic.id}`, { key: keys.vendor })).status).toBe(200)
    // Not listed either: a walk over everything beta sees never meets them.
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof call>> = await call('GET', `/api/v1/community/topics?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { key: keys.betaWrite })
      expect(page.status).toBe(200)
      for (const t of page.body.data) seen.add(t.id)
      cursor = page.body.nextCursor
    } while (cursor)
    for (const hidden of [privateTopic.id, segmentTopic.id, teamTopic.id]) expect(seen.has(hidden)).toBe(false)

    // Scopes: no community scope → 403 naming community:read; a read key cannot post.
    const noScope = await call('GET', `/api/v1/community/topics`, { key: keys.betaReferrals })
    expect(noScope.status).toBe(403)
    expect(noScope.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'community:read' })
    expect((await call('GET', `/api/v1/community/spaces`, { key: keys.betaReferrals })).status).toBe(403)
    const readOnly = await call('POST', `/api/v1/community/topics/${privateTopic.id}/replies`, { key: keys.alphaRead, body: { body: 'Read only key' } })
    expect(readOnly.status).toBe(403)
    expect(readOnly.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'community:write' })
  })

  it("a person suspended from a space cannot post there with their key (403); a suspended partner's key reads but cannot post", async () => {
    const gamma = await createPartner({ name: `API Gamma ${run}` })
    await settle(gamma.admin.userId)
    const key = await apiKeyFor(gamma.admin, ['community:write'])
    const topic = await createTopic(vendor.member, spaces.open.slug, { kind: 'discussion', title: `Suspension test ${run}`, body: 'Go ahead.' })
    await suspendFromSpace(vendor.admin, spaces.open.id, { userId: gamma.admin.userId, days: 3, reason: 'Advertising' })
    const suspended = await call('POST', `/api/v1/community/topics/${topic.id}/replies`, { key, body: { body: 'Buy now' } })
    expect(suspended.status).toBe(403)
    expect(suspended.body.error.message).toMatch(/suspended from posting/)

    const delta = await createPartner({ name: `API Delta ${run}` })
    const deltaKey = await apiKeyFor(delta.admin, ['community:write'])
    await db.update(organizations).set({ status: 'suspended' }).where(eq(organizations.id, delta.org.id))
    expect((await call('GET', `/api/v1/community/topics/${topic.id}`, { key: deltaKey })).status).toBe(200)
    const refused = await call('POST', `/api/v1/community/topics/${topic.id}/replies`, { key: deltaKey, body: { body: 'Hello' } })
    expect(refused.status).toBe(403)
    expect(await db.select().from(communityReplies).where(eq(communityReplies.topicId, topic.id))).toHaveLength(0)
  })
})

describe('moderation as on the pages: held and hidden posts', () => {
  it("a new member's posts past the daily allowance are held: answered 201 with state held, listed for the author only", async () => {
    const fresh = await createPartner({ name: `API Fresh ${run}` })
    const key = await apiKeyFor(fresh.admin, ['community:write'])
    const states: string[] = []
    for (let i = 1; i <= 4; i++) {
      const reply = await call('POST', '/api/v1/community/topics', { key, body: { space: spaces.open.slug, kind: 'discussion', title: `Fresh topic ${i} ${run}`, body: `Number ${i}` } })
      expect(reply.status).toBe(201)
      states.push(reply.body.state)
    }
    expect(states).toEqual(['published', 'published', 'published', 'held'])
    const held = `Fresh topic 4 ${run}`
    const titles = async (k: string) => {
      const page = await call('GET', `/api/v1/community/topics?space=${spaces.open.slug}&limit=100`, { key: k })
      return (page.body.data as { title: string }[]).map((t) => t.title)
    }
    expect(await titles(key)).toContain(held)
    expect(await titles(keys.betaWrite)).not.toContain(held)
    expect(await titles(keys.vendor)).toContain(held)
  })

  it('a hidden reply shows as hidden with no text to partners (the vendor sees it); a hidden topic leaves the lists', async () => {
    const topic = await createTopic(beta.member, spaces.open.slug, { kind: 'question', title: `To be moderated ${run}`, body: 'Original question' })
    const reply = await postReply(alpha.member, topic.id, { body: 'Spammy answer' })
    const beforeHiding = new Date().toISOString()
    await moderatePost(vendor.admin, { postId: reply.id, decision: 'hide', reason: 'Spam link' })
    // Hiding a reply changes what the topic shows: a sync asking for changes since finds it.
    const changed = await call('GET', `/api/v1/community/topics?space=${spaces.open.slug}&updated_since=${encodeURIComponent(beforeHiding)}`, { key: keys.betaWrite })
    expect((changed.body.data as { id: string }[]).map((t) => t.id)).toEqual([topic.id])
    const asPartner = await call('GET', `/api/v1/community/topics/${topic.id}`, { key: keys.betaWrite })
    expect(asPartner.body.replies.data).toEqual([expect.objectContaining({ id: reply.id, state: 'hidden', body: '', bodyHtml: '' })])
    const asVendor = await call('GET', `/api/v1/community/topics/${topic.id}`, { key: keys.vendor })
    expect(asVendor.body.replies.data[0]).toMatchObject({ state: 'hidden', body: 'Spammy answer' })

    await moderatePost(vendor.admin, { postId: topic.id, decision: 'hide', reason: 'Off topic' })
    const list = await call('GET', `/api/v1/community/topics?space=${spaces.open.slug}&limit=100`, { key: keys.alphaRead })
    expect((list.body.data as { id: string }[]).map((t) => t.id)).not.toContain(topic.id)
    const one = await call('GET', `/api/v1/community/topics/${topic.id}`, { key: keys.alphaRead })
    expect(one.body).toMatchObject({ state: 'hidden', body: '' })
  })
})

describe('GET /api/v1/community/topics: syncing', () => {
  it('pages in change order with cursors, filters by space, kind, answered and tag, and updated_since finds a topic changed by a reply', async () => {
    const space = await createSpace(vendor.admin, { name: `Sync ${run}`, slug: slug('sync'), visibility: 'partners' })
    const made = []
    for (let i = 0; i < 5; i++) {
      made.push(await createTopic(vendor.member, space.slug, { kind: i % 2 ? 'question' : 'discussion', title: `Sync topic ${i} ${run}`, body: `Body ${i}`, tags: i === 3 ? 'rollout' : '' }))
    }
    const walk = async (query: string) => {
      const ids: string[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof call>> = await call('GET', `/api/v1/community/topics?space=${space.slug}&limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, { key: keys.alphaRead })
        expect(page.status, JSON.stringify(page.body)).toBe(200)
        expect(page.body.data.length).toBeLessThanOrEqual(2)
        for (const t of page.body.data) {
          expect(CommunityTopicSchema.safeParse(t).success, JSON.stringify(CommunityTopicSchema.safeParse(t).error?.issues)).toBe(true)
          ids.push(t.id)
        }
        cursor = page.body.nextCursor
      } while (cursor)
      return ids
    }
    expect(await walk('')).toEqual(made.map((t) => t.id))
    expect(await walk('&kind=question')).toEqual([made[1]!.id, made[3]!.id])
    expect(await walk('&tag=rollout')).toEqual([made[3]!.id])

    const before = new Date().toISOString()
    const answer = await postReply(alpha.member, made[1]!.id, { body: 'Here is how.' })
    await acceptAnswer(vendor.member, made[1]!.id, answer.id)
    expect(await walk(`&updated_since=${encodeURIComponent(before)}`)).toEqual([made[1]!.id])
    expect(await walk('&answered=true')).toEqual([made[1]!.id])
    expect(await walk('&answered=false')).toEqual([made[3]!.id])
    // The changed topic moved to the end of the change order.
    expect(await walk('')).toEqual([made[0]!.id, made[2]!.id, made[3]!.id, made[4]!.id, made[1]!.id])
  })

  it(`a topic's replies come ${REPLIES_PER_PAGE} a page (as on its page), oldest first, with a cursor to the next page`, async () => {
    const topic = await createTopic(vendor.member, spaces.open.slug, { kind: 'discussion', title: `Long thread ${run}`, body: 'Many replies' })
    const total = 2 * REPLIES_PER_PAGE + 2
    for (let i = 1; i <= total; i++) await postReply(vendor.member, topic.id, { body: `Reply number ${i}` })
    const first = await call('GET', `/api/v1/community/topics/${topic.id}`, { key: keys.alphaRead })
    expect(first.status).toBe(200)
    expect(first.body.replyCount).toBe(total)
    expect(first.body.replies.data).toHaveLength(REPLIES_PER_PAGE)
    expect(first.body.replies.data[0].body).toBe('Reply number 1')
    expect(first.body.replies.hasMore).toBe(true)
    const second = await call('GET', `/api/v1/community/topics/${topic.id}?cursor=${first.body.replies.nextCursor}`, { key: keys.alphaRead })
    expect(second.body.replies.data).toHaveLength(REPLIES_PER_PAGE)
    expect(second.body.replies.data[0].body).toBe(`Reply number ${REPLIES_PER_PAGE + 1}`)
    const third = await call('GET', `/api/v1/community/topics/${topic.id}?cursor=${second.body.replies.nextCursor}`, { key: keys.alphaRead })
    expect(third.body.replies.data.map((r: { body: string }) => r.body)).toEqual([`Reply number ${total - 1}`, `Reply number ${total}`])
    expect(third.body.replies).toMatchObject({ hasMore: false, nextCursor: null })
    const rows = await db
      .select({ n: count() })
      .from(communityReplies)
      .where(and(eq(communityReplies.topicId, topic.id), eq(communityReplies.state, 'published')))
    expect(rows[0]!.n).toBe(total)
  }, 60_000)
})

describe('reactions, follows and accepted answers', () => {
  // Their own people, so the posting limits of the people above (5 posts a minute) never hold a post here.
  let asker: P
  let answerer: P
  let askerKey: string
  let answererKey: string
  beforeAll(async () => {
    asker = await createPartner({ name: `API Asker ${run}` })
    answerer = await createPartner({ name: `API Answerer ${run}` })
    await settle(asker.admin.userId, asker.member.userId, answerer.admin.userId, answerer.member.userId)
    askerKey = await apiKeyFor(asker.admin, ['community:write'])
    answererKey = await apiKeyFor(answerer.admin, ['community:write'])
  })
  const reactionsOn = async (replyId: string) => db.select().from(communityReactions).where(eq(communityReactions.postId, replyId))
  const followsOf = async (userId: string) => db.select().from(communityFollows).where(eq(communityFollows.userId, userId))

  it("reacts, follows and accepts through the pages' own writes: set, not toggled, so a repeat writes nothing", async () => {
    const question = await createTopic(asker.admin, spaces.open.slug, { kind: 'question', title: `Reactions and answers ${run}`, body: 'Which connector do you use?' })
    const reply = await postReply(answerer.member, question.id, { body: 'The native one.' })
    const path = `/api/v1/community/replies/${reply.id}/reactions`
    const headers = { 'Idempotency-Key': `react-${run}` }
    const given = await call('POST', path, { key: askerKey, body: { reaction: 'thumbs_up' }, headers })
    expect(given.status, JSON.stringify(given.body)).toBe(200)
    expect(CommunityReactionsSchema.safeParse(given.body).success).toBe(true)
    expect(given.body).toMatchObject({ object: 'community_reactions', postId: reply.id, topicId: question.id, reactions: { thumbs_up: { count: 1, mine: true }, heart: { count: 0, mine: false } } })
    const replayed = await call('POST', path, { key: askerKey, body: { reaction: 'thumbs_up' }, headers })
    expect(replayed.headers.get('idempotent-replayed')).toBe('true')
    // Without an Idempotency-Key too: giving a reaction already given changes nothing.
    const again = await call('POST', path, { key: askerKey, body: { reaction: 'thumbs_up' } })
    expect(again.body.reactions.thumbs_up).toEqual({ count: 1, mine: true })
    await call('POST', path, { key: keys.vendor, body: { reaction: 'thumbs_up' } })
    expect((await reactionsOn(reply.id)).map((r) => r.userId).sort()).toEqual([asker.admin.userId, vendor.admin.userId].sort())
    const removed = await call('DELETE', `${path}/thumbs_up`, { key: askerKey })
    expect(removed.status).toBe(200)
    expect(removed.body.reactions.thumbs_up).toEqual({ count: 1, mine: false })
    expect((await call('DELETE', `${path}/thumbs_up`, { key: askerKey })).body.reactions.thumbs_up).toEqual({ count: 1, mine: false })
    expect((await reactionsOn(reply.id)).map((r) => r.userId)).toEqual([vendor.admin.userId])
    // Bad input names the field; one's own reply is a conflict, as on the page.
    const badKind = await call('DELETE', `${path}/smile`, { key: askerKey })
    expect(badKind.status).toBe(400)
    expect(badKind.body.error.fieldErrors).toHaveProperty('reaction')
    const unknown = await call('POST', path, { key: askerKey, body: { reaction: 'heart', colour: 'red' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.fieldErrors).toHaveProperty('colour')
    const own = await postReply(answerer.admin, question.id, { body: 'And the native one is free.' })
    const ownReply = await call('POST', `/api/v1/community/replies/${own.id}/reactions`, { key: answererKey, body: { reaction: 'heart' } })
    expect(ownReply.status).toBe(409)
    expect(ownReply.body.error.code).toBe('conflict')
    expect(await reactionsOn(own.id)).toHaveLength(0)

    // Follows: the space by its slug, the topic by its id; a repeat keeps one row.
    const space = await call('POST', `/api/v1/community/spaces/${spaces.open.slug}/follow`, { key: answererKey, headers: { 'Idempotency-Key': `follow-${run}` } })
    expect(space.status, JSON.stringify(space.body)).toBe(200)
    expect(CommunityFollowSchema.safeParse(space.body).success).toBe(true)
    expect(space.body).toEqual({ object: 'community_follow', space: spaces.open.slug, topicId: null, following: true })
    await call('POST', `/api/v1/community/spaces/${spaces.open.slug}/follow`, { key: answererKey })
    const topic = await call('POST', `/api/v1/community/topics/${question.id}/follow`, { key: answererKey })
    expect(topic.body).toEqual({ object: 'community_follow', space: null, topicId: question.id, following: true })
    expect((await followsOf(answerer.admin.userId)).map((f) => f.spaceId ?? f.topicId).sort()).toEqual([spaces.open.id, question.id].sort())
    expect((await call('DELETE', `/api/v1/community/spaces/${spaces.open.slug}/follow`, { key: answererKey })).body.following).toBe(false)
    expect((await call('DELETE', `/api/v1/community/topics/${question.id}/follow`, { key: answererKey })).body.following).toBe(false)
    expect(await followsOf(answerer.admin.userId)).toHaveLength(0)

    // The asker (the key's creator) accepts; the answer is the topic as its page shows it.
    const accepted = await call('POST', `/api/v1/community/topics/${question.id}/accepted-answer`, { key: askerKey, body: { replyId: reply.id }, headers: { 'Idempotency-Key': `accept-${run}` } })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect(CommunityTopicDetailSchema.safeParse(accepted.body).success).toBe(true)
    expect(accepted.body).toMatchObject({ id: question.id, answered: true, acceptedReplyId: reply.id })
    const twice = await call('POST', `/api/v1/community/topics/${question.id}/accepted-answer`, { key: askerKey, body: { replyId: reply.id } })
    expect(twice.status).toBe(409)
    const notAReply = await call('POST', `/api/v1/community/topics/${question.id}/accepted-answer`, { key: askerKey, body: { replyId: 'no-such-reply' } })
    expect(notAReply.status).toBe(400)
    expect(notAReply.body.error.fieldErrors).toHaveProperty('replyId')
  })

  it("another organization's key gets 404 on a private space's replies, topics and space, and a key without community:write 403; nothing is written", async () => {
    const topic = await createTopic(vendor.member, spaces.private.slug, { kind: 'question', title: `Private reactions ${run}`, body: 'Invited only.' })
    const reply = await postReply(vendor.admin, topic.id, { body: 'An invited answer.' })
    const writes: [string, string, unknown?][] = [
      ['POST', `/api/v1/community/replies/${reply.id}/reactions`, { reaction: 'heart' }],
      ['DELETE', `/api/v1/community/replies/${reply.id}/reactions/heart`],
      ['POST', `/api/v1/community/spaces/${spaces.private.slug}/follow`],
      ['DELETE', `/api/v1/community/spaces/${spaces.private.slug}/follow`],
      ['POST', `/api/v1/community/topics/${topic.id}/follow`],
      ['DELETE', `/api/v1/community/topics/${topic.id}/follow`],
      ['POST', `/api/v1/community/topics/${topic.id}/accepted-answer`, { replyId: reply.id }],
    ]
    for (const [method, path, body] of writes) {
      const outsider = await call(method, path, { key: keys.betaWrite, body, headers: { 'Idempotency-Key': `outsider-${run}-${method}-${path}` } })
      expect(outsider.status, `${method} ${path}`).toBe(404)
      expect(outsider.body.error.code).toBe('not_found')
      const readOnly = await call(method, path, { key: keys.alphaRead, body })
      expect(readOnly.status, `${method} ${path}`).toBe(403)
      expect(readOnly.body.error).toMatchObject({ code: 'missing_scope', missingScope: 'community:write' })
    }
    expect(await reactionsOn(reply.id)).toHaveLength(0)
    expect(await followsOf(beta.admin.userId)).toHaveLength(0)
    const [row] = await db.select({ acceptedReplyId: communityTopics.acceptedReplyId }).from(communityTopics).where(eq(communityTopics.id, topic.id))
    expect(row!.acceptedReplyId).toBeNull()
    // A refused request leaves its Idempotency-Key free for the corrected one.
    const remembered = await db
      .select()
      .from(apiIdempotency)
      .where(sql`${apiIdempotency.idempotencyKey} like ${`outsider-${run}-%`}`)
    expect(remembered).toHaveLength(0)
    // An unknown reply is 404 too, as an unseen one.
    expect((await call('POST', '/api/v1/community/replies/no-such-reply/reactions', { key: answererKey, body: { reaction: 'heart' } })).status).toBe(404)
  })

  it("accepting an answer on someone else's question is 403 and writes nothing; the vendor's team may", async () => {
    const question = await createTopic(asker.member, spaces.open.slug, { kind: 'question', title: `Not your question ${run}`, body: 'Asked by the member.' })
    const reply = await postReply(answerer.member, question.id, { body: 'Answered by another partner.' })
    const path = `/api/v1/community/topics/${question.id}/accepted-answer`
    for (const key of [answererKey, askerKey]) {
      const refused = await call('POST', path, { key, body: { replyId: reply.id }, headers: { 'Idempotency-Key': `not-mine-${run}` } })
      expect(refused.status).toBe(403)
      expect(refused.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only the person who asked/) })
    }
    const [before] = await db.select().from(communityTopics).where(eq(communityTopics.id, question.id))
    expect(before).toMatchObject({ acceptedReplyId: null, acceptedAt: null })
    const byVendor = await call('POST', path, { key: keys.vendor, body: { replyId: reply.id } })
    expect(byVendor.status).toBe(200)
    expect(byVendor.body.acceptedReplyId).toBe(reply.id)
  })
})

describe('the typed client', () => {
  it('lists spaces, starts a topic, replies and reads it back with openapi-fetch and the generated types', async () => {
    const client = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${keys.alphaWrite}` } })
    const listed = await client.GET('/api/v1/community/spaces')
    expect(listed.data!.data.map((s) => s.slug)).toContain(spaces.segment.slug)
    const created = await client.POST('/api/v1/community/topics', {
      body: { space: spaces.segment.slug, kind: 'question', title: `Typed question ${run}`, body: 'Asked with the typed client.', tags: ['typed'] },
      params: { header: { 'Idempotency-Key': `typed-topic-${run}` } },
    })
    expect(created.response.status).toBe(201)
    const id = created.data!.id
    const replied = await client.POST('/api/v1/community/topics/{id}/replies', { params: { path: { id } }, body: { body: 'And answered with it.' } })
    expect(replied.data).toMatchObject({ topicId: id, state: 'published' })
    const read = await client.GET('/api/v1/community/topics/{id}', { params: { path: { id } } })
    expect(read.data).toMatchObject({ id, replyCount: 1, tags: ['typed'] })
    const page = await client.GET('/api/v1/community/topics', { params: { query: { space: spaces.segment.slug, kind: 'question', answered: 'false', limit: 100 } } })
    expect(page.data!.data.map((t) => t.id)).toContain(id)
    const missing = await client.GET('/api/v1/community/topics/{id}', { params: { path: { id: 'nope0000nope0000' } } })
    expect(missing.error?.error.code).toBe('not_found')
  })
})
