import { describe, expect, it } from 'vitest'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { listMail } from '#app/features/mail/mail.server.ts'
import { updatePreferences } from '#app/features/notifications/delivery.server.ts'
import { digestPeriod, runCommunityDigest } from '#app/features/community/digest.server.ts'
import { createSpace, inviteOrgToSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, postReply } from '#app/features/community/topics.server.ts'

const run = Date.now().toString(36)
const digestsTo = async (email: string) => (await listMail({ to: email })).rows.filter((m) => m.subject.startsWith('Community digest'))

describe('community digest', () => {
  it("mails each member yesterday's new topics and answers in the spaces they can see, once per period, honouring the preference", async () => {
    const vendor = await createVendor()
    const member = await createPartner({ name: `Digest member ${run}` })
    const outsider = await createPartner({ name: `Digest outsider ${run}` })
    const quiet = await createPartner({ name: `Digest quiet ${run}` })
    const privateSpace = await createSpace(vendor.admin, { name: `Digest private ${run}`, slug: `digest-private-${run}`, visibility: 'orgs' })
    await inviteOrgToSpace(vendor.admin, privateSpace.id, { org: member.org.id })
    const openSpace = await createSpace(vendor.admin, { name: `Digest open ${run}`, slug: `digest-open-${run}`, visibility: 'partners' })
    const secret = await createTopic(member.admin, privateSpace.slug, { kind: 'discussion', title: `Secret plan ${run}`, body: 'x' })
    const question = await createTopic(member.admin, openSpace.slug, { kind: 'question', title: `Open question ${run}`, body: 'x' })
    const reply = await postReply(vendor.admin, question.id, { body: 'Here is how.' })
    await acceptAnswer(member.admin, question.id, reply.id)
    await updatePreferences(quiet.admin, { 'community.email': 'off', 'community.inApp': 'on' })

    // The run the day after reports on today.
    const tomorrow = new Date(digestPeriod(new Date()).end.getTime() + 24 * 3600_000 + 3600_000)
    expect(digestPeriod(tomorrow).start.getTime()).toBe(digestPeriod(new Date()).end.getTime())
    // Two nodes running it at once still send one digest each.
    await Promise.all([runCommunityDigest(tomorrow), runCommunityDigest(tomorrow)])
    await runCommunityDigest(new Date(tomorrow.getTime() + 3600_000))

    const mine = await digestsTo(member.admin.email)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.text).toContain(`Secret plan ${run}`)
    expect(mine[0]!.text).toContain(`Open question ${run}`)
    expect(mine[0]!.text).toContain(`/community/${privateSpace.slug}/${secret.id}`)
    expect(mine[0]!.text).toMatch(/Questions answered:\n• Open question/)
    expect(mine[0]!.subject).toContain('2 new topics and 1 answer')

    const theirs = await digestsTo(outsider.admin.email)
    expect(theirs).toHaveLength(1)
    expect(theirs[0]!.text).toContain(`Open question ${run}`)
    expect(theirs[0]!.text).not.toContain('Secret plan')
    expect(theirs[0]!.text).not.toContain(privateSpace.slug)

    expect(await digestsTo(quiet.admin.email)).toHaveLength(0)
    // The quiet person's colleague keeps the default (daily) and gets it.
    expect(await digestsTo(quiet.member.email)).toHaveLength(1)

    // The next day, with nothing new, nobody gets an empty digest.
    await runCommunityDigest(new Date(tomorrow.getTime() + 24 * 3600_000))
    expect(await digestsTo(member.admin.email)).toHaveLength(1)
  })
})
