import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import { createId } from '#app/utils/id.ts'
import { db } from '#db/client.server.ts'
import {
  communityModeration,
  communityReactions,
  communityReplies,
  communityReports,
  communityRequestConversions,
  communitySpaceMembers,
  communitySpaces,
  communitySuspensions,
  communityTopics,
  type PartnerRequestDetails,
  type Reaction,
  type SpaceVisibility,
  type TopicKind,
} from '#db/schema/community.ts'
import { memberships, organizations, referrals, users } from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { DEMO_ACCOUNTS, DEMO_PARTNER_SLUGS } from '#db/seed/steps/foundation.ts'

const HOUR = 60 * 60 * 1000

type Person = { userId: string; orgId: string }
/** `reported`: reported and hidden by the moderators; `reportedBy`: reported, still published, waiting in the moderation queue. */
type SeedReply = { by: Person; body: string; hoursAfter: number; accepted?: boolean; reactions?: [Person, Reaction][]; converted?: boolean; reported?: string; reportedBy?: [Person, string] }
type SeedTopic = {
  kind: TopicKind
  by: Person
  title: string
  body: string
  hoursAgo: number
  pinned?: boolean
  /** Locked by the moderators, with the reason. */
  locked?: string
  replies: SeedReply[]
  request?: PartnerRequestDetails
  reactions?: [Person, Reaction][]
}
/** Replies of the demo's long thread (more than one page of 20). */
const MIGRATION_TIPS = [
  'Run a paid discovery sprint before you quote anything fixed.',
  'Freeze the source schema two weeks before cut-over, in writing.',
  'Ask for a production-sized data sample in week one, not week six.',
  'Map every custom field to an owner on the customer side.',
  'Script the rollback before you script the migration.',
  'Budget a day per integration for credentials nobody can find.',
  'Do a dress rehearsal of the cut-over with real timings.',
  'Keep a decision log the customer signs off weekly.',
  'Migrate reference data first: it flushes out bad keys early.',
  'Agree on what "done" means for historical data before you start.',
  'Name one person on the customer side who can say yes.',
  'Check the API rate limits of every source system on day one.',
  'Plan the training for the Monday after go-live, not before it.',
  'Archive instead of migrating records nobody touched in five years.',
  'Put data quality rules in the SOW with the clean-up cap.',
  'Test with the customer’s real SSO setup, not a demo tenant.',
  'Book the hypercare week before the go-live date is final.',
  'Write the runbook so someone else could run the cut-over.',
  'Validate counts per object after every load, automatically.',
  'Keep the old system read-only for a month after go-live.',
  'Bring the vendor’s partner manager into the steering call early.',
  'Track every manual workaround: they become phase two.',
  'Use the bulk upsert endpoint; one-by-one calls will not finish overnight.',
  'Celebrate the go-live with the customer team: it helps phase two.',
  'Share the lessons here afterwards, it is how this list got started.',
  'Last one: document the integration owners before you leave the project.',
]

type SeedSpace = { name: string; slug: string; description: string; colour: string; visibility: SpaceVisibility; members?: string[]; tiers?: ('gold' | 'platinum')[]; topics: SeedTopic[] }

/**
 * The partner community: an open Q&A space with answered and unanswered questions and a pinned
 * welcome, a vendor-only team room, and a private EMEA co-sell group for Northwind and Bluepeak
 * (an outsider such as another partner does not see it). Signed in as admin@northwind.test the
 * demo shows all three kinds of visibility. A "Platinum partners" space is open to a segment
 * (platinum tier: Bluepeak sees it, Northwind does not). Moderation: a reply reported and waiting
 * in the queue (/admin/community/moderation), one reported and hidden, the pinned welcome locked,
 * and a partner's person suspended from posting in the Q&A space for a week.
 */
export const communityStep: SeedStep = {
  name: 'community',
  async run({ now, log }) {
    const person = async (email: string): Promise<Person> => {
      const [row] = await db.select({ userId: users.id, orgId: memberships.orgId }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(users.email, email))
      if (!row) throw new Error(`The community seed needs ${email} from the foundation step.`)
      return row
    }
    const maya = await person(DEMO_ACCOUNTS.vendorAdmin.email)
    const lucas = await person(DEMO_ACCOUNTS.vendorMember.email)
    const priya = await person(DEMO_ACCOUNTS.northwindAdmin.email)
    const tom = await person(DEMO_ACCOUNTS.northwindMember.email)
    const elena = await person(DEMO_ACCOUNTS.bluepeakAdmin.email)
    const marcus = await person(DEMO_ACCOUNTS.bluepeakMember.email)
    const demoOrgs = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.slug, [DEMO_PARTNER_SLUGS.northwind, DEMO_PARTNER_SLUGS.bluepeak]))
    // Two more partners' people, so the open space is not only the demo logins talking.
    const others = await db
      .select({ userId: memberships.userId, orgId: memberships.orgId })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active'), ne(organizations.slug, DEMO_PARTNER_SLUGS.northwind), ne(organizations.slug, DEMO_PARTNER_SLUGS.bluepeak)))
      .orderBy(asc(organizations.slug), asc(memberships.userId))
      .limit(40)
    const distinctOrgs = others.filter((o, i) => others.findIndex((x) => x.orgId === o.orgId) === i)
    const ana = distinctOrgs[0] ?? elena
    const raj = distinctOrgs[1] ?? marcus

    const spaces: SeedSpace[] = [
      {
        name: 'Partner Q&A',
        slug: 'partner-qa',
        description: 'Ask the ecosystem and the Stratolink team anything: selling, implementing, integrating.',
        colour: '#2563eb',
        visibility: 'partners',
        topics: [
          {
            kind: 'discussion',
            by: maya,
            pinned: true,
            title: 'Welcome to the partner community',
            body: 'This is where partners and the Stratolink team help each other.\n\n- Ask a **question** when you need an answer; accept the one that solved it.\n- Start a **discussion** to share what worked.\n\nBe kind, keep customer names out of open spaces.',
            hoursAgo: 24 * 30,
            locked: 'Announcement: questions go in their own topics.',
            reactions: [
              [priya, 'tada'],
              [elena, 'heart'],
              [tom, 'thumbs_up'],
            ],
            replies: [{ by: priya, body: 'Glad to be here. Northwind is happy to share our migration playbook.', hoursAfter: 5 }],
          },
          {
            kind: 'question',
            by: tom,
            title: 'How do you price a fixed-scope Stratolink migration?',
            body: 'We usually quote time and materials, but a prospect insists on a fixed price.\nHow do you scope it so you do not lose money on data clean-up?',
            hoursAgo: 24 * 9,
            replies: [
              {
                by: elena,
                body: 'We price **per workload** with a discovery sprint first (paid). Data clean-up is a separate line with a cap.',
                hoursAfter: 3,
                accepted: true,
                reactions: [
                  [tom, 'bulb'],
                  [priya, 'thumbs_up'],
                  [ana, 'thumbs_up'],
                ],
              },
              { by: ana, body: 'Same here, and we add a change-request rate card to the SOW.', hoursAfter: 7 },
              { by: lucas, body: 'The partner playbook has a scoping worksheet: see *Sales resources → Scoping*.', hoursAfter: 20 },
            ],
          },
          {
            // A long thread: more replies than a page holds, so the demo shows reply paging and permalinks.
            kind: 'discussion',
            by: lucas,
            title: 'One migration tip each: what saved your last project?',
            body: 'Post the one thing you would tell a partner starting their first Stratolink migration. Short and practical wins.',
            hoursAgo: 24 * 12,
            replies: MIGRATION_TIPS.map((body, i) => ({ by: [priya, elena, tom, marcus, ana, raj, maya][i % 7]!, body, hoursAfter: 2 + i * 3 })),
          },
          {
            kind: 'question',
            by: raj,
            title: 'Does the REST API support bulk upserts?',
            body: 'We need to load ~200k contacts nightly. Is there a bulk endpoint, or do we page through `/contacts` one by one?',
            hoursAgo: 24 * 4,
            replies: [{ by: lucas, body: 'Yes: `POST /v2/contacts:batchUpsert` takes up to 1,000 records per call.\n\n```http\nPOST /v2/contacts:batchUpsert\n```', hoursAfter: 2, accepted: true }],
          },
          {
            kind: 'question',
            by: marcus,
            title: 'Anyone certified on the new analytics module yet?',
            body: 'A customer in healthcare asked for it. Looking for a partner to team up with on the first project.',
            hoursAgo: 30,
            replies: [
              { by: ana, body: 'We are halfway through the certification; happy to talk.', hoursAfter: 4 },
              {
                by: raj,
                body: 'Skip the course: we sell the exam answers, 100% pass guaranteed. Message me.',
                hoursAfter: 6,
                reportedBy: [marcus, 'Offers to sell certification exam answers.'],
              },
            ],
          },
          {
            kind: 'question',
            by: priya,
            title: 'Best practice for SSO with multiple identity providers?',
            body: 'One customer runs Okta in the US and Entra ID in Europe. Can one tenant trust both?',
            hoursAgo: 6,
            replies: [],
          },
          {
            kind: 'request',
            by: priya,
            title: 'Looking for a healthcare data integration partner in EMEA',
            body: 'A hospital group in Germany wants its patient scheduling connected to Stratolink before the summer. We do the CRM side; who can take the **HL7/FHIR** integration?',
            hoursAgo: 24 * 6,
            request: { need: 'healthcare data integration', region: 'EMEA', industry: 'healthcare', skills: ['HL7', 'FHIR'], deadline: null },
            replies: [
              {
                by: elena,
                body: 'Bluepeak has done three FHIR integrations with Stratolink this year. Happy to take it: send us the details.',
                hoursAfter: 2,
                converted: true,
                reactions: [[priya, 'heart']],
              },
              {
                by: raj,
                body: 'Cheap integrations!!! https://cheap.example https://cheap.example/a https://cheap.example/b https://cheap.example/c',
                hoursAfter: 4,
                reported: 'Looks like spam: a row of links unrelated to the request.',
              },
            ],
          },
          {
            kind: 'request',
            by: marcus,
            title: 'Need a retail implementation partner in North America',
            body: 'A retail chain wants a loyalty integration in Q4. Who has done one?',
            hoursAgo: 20,
            request: { need: 'retail loyalty integration', region: 'NA', industry: 'retail', skills: ['loyalty'], deadline: null },
            replies: [{ by: tom, body: 'Northwind did one for a grocery chain last year; let us talk.', hoursAfter: 3 }],
          },
        ],
      },
      {
        name: 'Ecosystem team room',
        slug: 'ecosystem-team',
        description: 'For the Stratolink partner team only: planning, partner escalations, ideas.',
        colour: '#0f766e',
        visibility: 'vendor',
        topics: [
          {
            kind: 'discussion',
            by: maya,
            title: 'Q3 partner summit: agenda ideas',
            body: 'Let us collect ideas for the partner summit agenda here. Co-sell wins and the new certification track are on the list.',
            hoursAgo: 24 * 12,
            replies: [{ by: lucas, body: 'A panel with Northwind and Bluepeak on their joint deals would land well.', hoursAfter: 26 }],
          },
        ],
      },
      {
        name: 'Platinum partners',
        slug: 'platinum-partners',
        description: 'For platinum-tier partners (and the Stratolink team): roadmap previews and early access.',
        colour: '#7c3aed',
        visibility: 'segment',
        tiers: ['platinum'],
        topics: [
          {
            kind: 'discussion',
            by: maya,
            title: 'Roadmap preview: the next analytics release',
            body: 'Platinum partners get an early look at the next analytics release. Tell us which reports your customers ask for most.',
            hoursAgo: 24 * 2,
            replies: [{ by: elena, body: 'Cohort retention by region, please: every healthcare customer asks for it.', hoursAfter: 3 }],
          },
        ],
      },
      {
        name: 'EMEA co-sell group',
        slug: 'emea-cosell',
        description: 'Private to the partners co-selling in EMEA (and the Stratolink team).',
        colour: '#b45309',
        visibility: 'orgs',
        members: demoOrgs.map((o) => o.id),
        topics: [
          {
            kind: 'question',
            by: elena,
            title: 'Who covers public-sector deals in the Nordics?',
            body: 'We have a lead at a Swedish municipality. Who has the framework agreement there?',
            hoursAgo: 24 * 3,
            replies: [
              { by: priya, body: 'We are on the Kammarkollegiet framework. Send it over as a referral and we can co-sell.', hoursAfter: 1, accepted: true },
              { by: maya, body: 'Confirmed: Northwind holds it. Loop me in for the deal registration.', hoursAfter: 5 },
            ],
          },
          {
            kind: 'discussion',
            by: priya,
            title: 'Joint webinar in October?',
            body: 'Bluepeak, would you co-host a webinar on cloud migrations for manufacturers?',
            hoursAgo: 20,
            replies: [{ by: marcus, body: 'Yes! Let us pick a date next week.', hoursAfter: 2 }],
          },
        ],
      },
    ]

    // The demo's converted request points at a real referral from Northwind to Bluepeak (the referrals step seeds them).
    const [referral] = await db
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.fromOrgId, priya.orgId), eq(referrals.toOrgId, elena.orgId)))
      .limit(1)
    let topicCount = 0
    let reactionCount = 0
    for (const s of spaces) {
      const spaceId = createId()
      const created = new Date(now.getTime() - 45 * 24 * HOUR)
      await db.insert(communitySpaces).values({
        id: spaceId,
        name: s.name,
        slug: s.slug,
        description: s.description,
        colour: s.colour,
        visibility: s.visibility,
        tiers: s.tiers ?? [],
        createdBy: maya.userId,
        createdAt: created,
        updatedAt: created,
      })
      if (s.members?.length) await db.insert(communitySpaceMembers).values(s.members.map((orgId) => ({ spaceId, orgId, invitedBy: maya.userId, createdAt: created })))
      for (const t of s.topics) {
        const topicId = createId()
        const createdAt = new Date(now.getTime() - t.hoursAgo * HOUR)
        const replies = t.replies.map((r) => ({
          id: createId(),
          topicId,
          body: r.body,
          authorUserId: r.by.userId,
          authorOrgId: r.by.orgId,
          createdAt: new Date(createdAt.getTime() + r.hoursAfter * HOUR),
          accepted: r.accepted,
          seed: r,
        }))
        const lastActivityAt = replies.at(-1)?.createdAt ?? createdAt
        await db.insert(communityTopics).values({
          id: topicId,
          spaceId,
          kind: t.kind,
          title: t.title,
          body: t.body,
          authorUserId: t.by.userId,
          authorOrgId: t.by.orgId,
          pinned: t.pinned ?? false,
          acceptedReplyId: replies.find((r) => r.accepted)?.id ?? null,
          acceptedAt: replies.find((r) => r.accepted) ? new Date(replies.find((r) => r.accepted)!.createdAt.getTime() + HOUR) : null,
          request: t.request ?? null,
          lockedAt: t.locked ? new Date(createdAt.getTime() + 24 * HOUR) : null,
          replyCount: replies.filter((r) => !r.seed.reported).length,
          lastActivityAt,
          createdAt,
        })
        if (replies.length) await db.insert(communityReplies).values(replies.map(({ accepted: _, seed, ...r }) => ({ ...r, state: seed.reported ? ('hidden' as const) : ('published' as const) })))
        const reactions = [
          ...(t.reactions ?? []).map(([p, reaction]) => ({ postId: topicId, topicId, userId: p.userId, reaction, createdAt: new Date(createdAt.getTime() + HOUR) })),
          ...replies.flatMap((r) => (r.seed.reactions ?? []).map(([p, reaction]) => ({ postId: r.id, topicId, userId: p.userId, reaction, createdAt: new Date(r.createdAt.getTime() + HOUR) }))),
        ]
        if (reactions.length) await db.insert(communityReactions).values(reactions).onConflictDoNothing()
        reactionCount += reactions.length
        for (const r of replies) {
          if (r.seed.converted && referral)
            await db
              .insert(communityRequestConversions)
              .values({ topicId, replyId: r.id, kind: 'referral', targetId: referral.id, createdBy: t.by.userId, createdAt: new Date(r.createdAt.getTime() + 2 * HOUR) })
          if (r.seed.reported) {
            const reportedAt = new Date(r.createdAt.getTime() + HOUR)
            await db.insert(communityReports).values({
              postId: r.id,
              topicId,
              reporterUserId: t.by.userId,
              reporterOrgId: t.by.orgId,
              reason: r.seed.reported,
              createdAt: reportedAt,
              status: 'resolved',
              resolvedBy: lucas.userId,
              resolvedAt: new Date(reportedAt.getTime() + HOUR),
            })
            await db.insert(communityModeration).values({ postId: r.id, topicId, action: 'hide', reason: r.seed.reported, actorUserId: lucas.userId, createdAt: new Date(reportedAt.getTime() + HOUR) })
          }
          if (r.seed.reportedBy) {
            const [reporter, reason] = r.seed.reportedBy
            await db
              .insert(communityReports)
              .values({ postId: r.id, topicId, reporterUserId: reporter.userId, reporterOrgId: reporter.orgId, reason, createdAt: new Date(r.createdAt.getTime() + HOUR) })
          }
        }
        if (t.locked)
          await db.insert(communityModeration).values({ postId: topicId, topicId, action: 'lock', reason: t.locked, actorUserId: maya.userId, createdAt: new Date(createdAt.getTime() + 24 * HOUR) })
        topicCount++
      }
      if (s.slug === 'partner-qa' && raj.userId !== marcus.userId) {
        // The person who posted the exam answers may not post in the Q&A space for a week (they can still read it).
        await db.insert(communitySuspensions).values({
          spaceId,
          userId: raj.userId,
          reason: 'Repeated advertising in answers.',
          endsAt: new Date(now.getTime() + 7 * 24 * HOUR),
          createdBy: lucas.userId,
          createdAt: new Date(now.getTime() - HOUR),
        })
      }
    }
    log(
      `  ${spaces.length} community spaces, ${topicCount} topics, ${reactionCount} reactions, ${referral ? 1 : 0} partner request turned into a referral, a reported post in the moderation queue, a hidden one, a locked topic, a suspended member`,
    )
  },
}
