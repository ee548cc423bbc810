import { and, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { communityDrafts, communityFollows, communityTopicTags } from '#db/schema/community-posts.ts'
import { communityReplies, communityRevisions, communitySpaces, communityTopics } from '#db/schema/community.ts'
import { memberships, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'

const HOUR = 60 * 60 * 1000

/** Tags of the community step's topics, by title. */
const TAGS: Record<string, string[]> = {
  'Welcome to the partner community': ['welcome'],
  'How do you price a fixed-scope Stratolink migration?': ['pricing', 'migration'],
  'Does the REST API support bulk upserts?': ['api', 'integration'],
  'Anyone certified on the new analytics module yet?': ['certification', 'analytics'],
  'Best practice for SSO with multiple identity providers?': ['sso', 'security'],
  'Looking for a healthcare data integration partner in EMEA': ['healthcare', 'integration'],
}

/**
 * The posting experience in the demo (after the community step): tags on the Q&A topics (filter
 * the space by #integration), an edited answer with its history, a reply mentioning
 * @priyaraman, Priya following the Q&A space and the partner request, and her unsent draft on
 * the API question (sign in as admin@northwind.test).
 */
export const communityPostsStep: SeedStep = {
  name: 'community-posts',
  async run({ now, log }) {
    const person = async (email: string) => {
      const [row] = await db.select({ userId: users.id, orgId: memberships.orgId }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, email))
      if (!row) throw new Error(`The community-posts seed needs ${email} from the foundation step.`)
      return row
    }
    const priya = await person(DEMO_ACCOUNTS.northwindAdmin.email)
    const tom = await person(DEMO_ACCOUNTS.northwindMember.email)
    const elena = await person(DEMO_ACCOUNTS.bluepeakAdmin.email)
    const lucas = await person(DEMO_ACCOUNTS.vendorMember.email)
    const [qa] = await db.select().from(communitySpaces).where(eq(communitySpaces.slug, 'partner-qa'))
    if (!qa) throw new Error('The community-posts seed needs the partner-qa space from the community step.')
    const topics = await db
      .select()
      .from(communityTopics)
      .where(and(eq(communityTopics.spaceId, qa.id), inArray(communityTopics.title, Object.keys(TAGS))))
    const byTitle = (title: string) => {
      const topic = topics.find((t) => t.title === title)
      if (!topic) throw new Error(`The community-posts seed needs the topic “${title}”.`)
      return topic
    }

    const tagRows = topics.flatMap((t) => (TAGS[t.title] ?? []).map((tag) => ({ topicId: t.id, tag })))
    if (tagRows.length) await db.insert(communityTopicTags).values(tagRows).onConflictDoNothing()

    // Elena edited her accepted answer: its first version is in the history.
    const pricing = byTitle('How do you price a fixed-scope Stratolink migration?')
    const [answer] = await db
      .select()
      .from(communityReplies)
      .where(eq(communityReplies.id, pricing.acceptedReplyId ?? ''))
    let revisions = 0
    if (answer) {
      const editedAt = new Date(answer.createdAt.getTime() + 2 * HOUR)
      await db.insert(communityRevisions).values({ postId: answer.id, topicId: pricing.id, body: 'We price per workload. Data clean-up is separate.', editedBy: elena.userId, createdAt: editedAt })
      await db.update(communityReplies).set({ editedAt }).where(eq(communityReplies.id, answer.id))
      revisions++
    }

    // Lucas answers the SSO question and mentions Priya, who asked it.
    const sso = byTitle('Best practice for SSO with multiple identity providers?')
    const repliedAt = new Date(now.getTime() - 2 * HOUR)
    await db.insert(communityReplies).values({
      topicId: sso.id,
      body: '@priyaraman yes: add Entra ID as a second SAML connection on the same tenant and route users by e-mail domain. See *Admin → Identity providers*.',
      authorUserId: lucas.userId,
      authorOrgId: lucas.orgId,
      createdAt: repliedAt,
    })
    await db
      .update(communityTopics)
      .set({ replyCount: sql`${communityTopics.replyCount} + 1`, lastActivityAt: repliedAt })
      .where(eq(communityTopics.id, sso.id))

    const request = byTitle('Looking for a healthcare data integration partner in EMEA')
    await db
      .insert(communityFollows)
      .values([
        { userId: priya.userId, spaceId: qa.id, createdAt: new Date(now.getTime() - 20 * 24 * HOUR) },
        { userId: priya.userId, topicId: request.id, createdAt: new Date(now.getTime() - 6 * 24 * HOUR) },
        { userId: tom.userId, topicId: pricing.id, createdAt: new Date(now.getTime() - 9 * 24 * HOUR) },
      ])
      .onConflictDoNothing()

    const api = byTitle('Does the REST API support bulk upserts?')
    await db
      .insert(communityDrafts)
      .values({ userId: priya.userId, topicId: api.id, body: 'Thanks @lucasbrandt! Does the batch endpoint also', updatedAt: new Date(now.getTime() - HOUR) })
      .onConflictDoNothing()
    log(`  community posts: ${tagRows.length} tags, ${revisions} edited answer, 1 mention, 3 follows, 1 draft`)
  },
}
