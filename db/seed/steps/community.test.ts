import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listSpaces } from '#app/features/community/spaces.server.ts'
import { getTopic, listTopics } from '#app/features/community/topics.server.ts'
import { moderationQueue } from '#app/features/community/moderation.server.ts'
import { communitySuspensions } from '#db/schema/community.ts'
import { createPartner } from '#tests/factories/index.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { communityStep } from '#db/seed/steps/community.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: () => {} }
  await seedFoundation(ctx)
  await communityStep.run(ctx)
})

const actorFor = async (email: string) => {
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return (await loadActor(user!.id))!
}

it('seeds an open Q&A space, a vendor-only room and a private co-sell group, each seen by exactly who may', async () => {
  const slugs = async (email: string) => (await listSpaces(await actorFor(email))).map((s) => s.slug).sort()
  expect(await slugs(DEMO_ACCOUNTS.vendorMember.email)).toEqual(['ecosystem-team', 'emea-cosell', 'partner-qa', 'platinum-partners'])
  // A gold partner does not see the platinum segment; Bluepeak (platinum) does.
  expect(await slugs(DEMO_ACCOUNTS.northwindAdmin.email)).toEqual(['emea-cosell', 'partner-qa'])
  expect(await slugs(DEMO_ACCOUNTS.bluepeakMember.email)).toEqual(['emea-cosell', 'partner-qa', 'platinum-partners'])
  const outsider = await createPartner()
  expect((await listSpaces(outsider.member)).map((s) => s.slug)).toEqual(['partner-qa'])

  const northwind = await actorFor(DEMO_ACCOUNTS.northwindAdmin.email)
  const qa = await listTopics(northwind, 'partner-qa')
  expect(qa.topics[0]).toMatchObject({ title: 'Welcome to the partner community', pinned: true })
  expect((await listTopics(northwind, 'partner-qa', { filter: 'unanswered' })).total).toBe(2)
  const answered = qa.topics.find((t) => t.title.startsWith('How do you price'))!
  const view = await getTopic(northwind, 'partner-qa', answered.id)
  expect(view.accepted?.authorOrgName).toBe('Bluepeak Cloud')
  expect(view.replies).toHaveLength(3)
})

it('seeds moderation: a reported post in the queue, a hidden one, a locked topic, a suspended member', async () => {
  const vendor = await actorFor(DEMO_ACCOUNTS.vendorMember.email)
  const queue = await moderationQueue(vendor)
  expect(queue.items.map((i) => [i.state, i.reasons])).toContainEqual(['published', ['Offers to sell certification exam answers.']])
  const northwind = await actorFor(DEMO_ACCOUNTS.northwindAdmin.email)
  const qa = await listTopics(northwind, 'partner-qa')
  const welcome = qa.topics.find((t) => t.title === 'Welcome to the partner community')!
  expect(welcome.locked).toBe(true)
  expect((await getTopic(northwind, 'partner-qa', welcome.id)).can.reply).toBe(false)
  const request = qa.topics.find((t) => t.title.startsWith('Looking for a healthcare'))!
  expect((await getTopic(northwind, 'partner-qa', request.id)).replies.map((r) => r.state)).toContain('hidden')
  const [suspended] = await db.select().from(communitySuspensions)
  expect(suspended!.endsAt.getTime()).toBeGreaterThan(Date.now())
})
