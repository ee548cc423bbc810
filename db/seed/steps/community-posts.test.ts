import { faker } from '@faker-js/faker'
import { eq } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { loadActor } from '#app/features/auth/session.server.ts'
import { listFollowing, postHistory, topicExtras } from '#app/features/community/posts.server.ts'
import { getTopic, listTopics } from '#app/features/community/topics.server.ts'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/index.ts'
import { communityStep } from '#db/seed/steps/community.ts'
import { communityPostsStep } from '#db/seed/steps/community-posts.ts'
import { DEMO_ACCOUNTS, seedFoundation } from '#db/seed/steps/foundation.ts'

beforeAll(async () => {
  faker.seed(20261122)
  const ctx = { faker, now: new Date(), log: () => {} }
  await seedFoundation(ctx)
  await communityStep.run(ctx)
  await communityPostsStep.run(ctx)
})

const actorFor = async (email: string) => {
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return (await loadActor(user!.id))!
}

it('seeds tags, an edited answer with its history, a mention, follows and a draft for the demo logins', async () => {
  const priya = await actorFor(DEMO_ACCOUNTS.northwindAdmin.email)
  const tagged = await listTopics(priya, 'partner-qa', { tag: 'integration' })
  expect(tagged.topics.map((t) => t.title).sort()).toEqual(['Does the REST API support bulk upserts?', 'Looking for a healthcare data integration partner in EMEA'])
  const pricing = (await listTopics(priya, 'partner-qa')).topics.find((t) => t.title.startsWith('How do you price'))!
  const view = await getTopic(priya, 'partner-qa', pricing.id)
  const history = await postHistory(priya, 'partner-qa', pricing.id, view.accepted!.id)
  expect(history.total).toBe(1)
  expect((await listFollowing(priya)).total).toBe(2)
  const api = (await listTopics(priya, 'partner-qa', { tag: 'api' })).topics[0]!
  const apiView = await getTopic(priya, 'partner-qa', api.id)
  expect((await topicExtras(priya, apiView.topic, apiView.space, [])).replyStart).toContain('@lucasbrandt')
})
