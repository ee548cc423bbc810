import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import type { PartnerType, Region, Tier } from '#db/vocab.ts'
import { createPartner, createVendor } from '#tests/factories/index.ts'
import { rowCounts } from '#tests/support/row-counts.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { audienceFor, orgSeesSpace, type Space } from '#app/features/community/access.server.ts'
import { reportPost } from '#app/features/community/moderation.server.ts'
import { createSpace, inviteOrgToSpace, listSpaces, updateSpace } from '#app/features/community/spaces.server.ts'
import { acceptAnswer, createTopic, getTopic, listTopics, postReply } from '#app/features/community/topics.server.ts'

const run = Date.now().toString(36)

type Segment = { partnerTypes?: PartnerType[]; tiers?: Tier[]; regions?: Region[] }
type Org = { partnerType: PartnerType; tier: Tier; regions: Region[]; status?: 'active' | 'suspended' | 'applicant' | 'rejected' }

/** The rule, written independently of the SQL: what the issue asks for. */
function expected(space: { visibility: string; invited?: boolean } & Segment, org: Org) {
  if (org.status === 'applicant' || org.status === 'rejected') return false
  if (space.visibility === 'partners') return true
  if (space.visibility === 'vendor') return false
  if (space.visibility === 'orgs') return Boolean(space.invited)
  const types = space.partnerTypes ?? []
  const tiers = space.tiers ?? []
  const regions = space.regions ?? []
  return (types.length === 0 || types.includes(org.partnerType)) && (tiers.length === 0 || tiers.includes(org.tier)) && (regions.length === 0 || regions.some((r) => org.regions.includes(r)))
}

const counts = () => rowCounts({ topics: 'community_topics', replies: 'community_replies', reports: 'community_reports' })

describe('space visibility by partner type, tier, region and invitation', () => {
  it('every read, write, count and audience agrees with the rule, for every space and organization', async () => {
    const vendor = await createVendor()
    const orgs: (Org & { name: string })[] = [
      { name: 'si-gold-emea', partnerType: 'systems_integrator', tier: 'gold', regions: ['EMEA'] },
      { name: 'reseller-silver-na', partnerType: 'reseller', tier: 'silver', regions: ['NA'] },
      { name: 'tech-platinum-apac-emea', partnerType: 'technology', tier: 'platinum', regions: ['APAC', 'EMEA'] },
      { name: 'msp-registered-latam', partnerType: 'msp', tier: 'registered', regions: ['LATAM'] },
      { name: 'si-silver-suspended', partnerType: 'systems_integrator', tier: 'silver', regions: ['NA'], status: 'suspended' },
      { name: 'si-gold-applicant', partnerType: 'systems_integrator', tier: 'gold', regions: ['EMEA'], status: 'applicant' },
    ]
    const partners = await Promise.all(orgs.map((o) => createPartner({ name: `${o.name} ${run}`, partnerType: o.partnerType, tier: o.tier, regions: o.regions, status: o.status ?? 'active' })))
    const specs: ({ key: string; visibility: 'partners' | 'vendor' | 'orgs' | 'segment'; invite?: number[] } & Segment)[] = [
      { key: 'all', visibility: 'partners' },
      { key: 'team', visibility: 'vendor' },
      { key: 'invited', visibility: 'orgs', invite: [1] },
      { key: 'type', visibility: 'segment', partnerTypes: ['systems_integrator', 'msp'] },
      { key: 'tier', visibility: 'segment', tiers: ['gold', 'platinum'] },
      { key: 'region', visibility: 'segment', regions: ['EMEA'] },
      { key: 'combo', visibility: 'segment', partnerTypes: ['systems_integrator', 'technology'], tiers: ['gold', 'silver'], regions: ['EMEA', 'NA'] },
    ]
    const spaces: { spec: (typeof specs)[number]; space: Space; topicId: string; replyId: string }[] = []
    for (const spec of specs) {
      const space = await createSpace(vendor.admin, {
        name: `Vis ${spec.key}`,
        slug: `vis-${spec.key}-${run}`,
        visibility: spec.visibility,
        partnerTypes: spec.partnerTypes,
        tiers: spec.tiers,
        regions: spec.regions,
      })
      for (const i of spec.invite ?? []) await inviteOrgToSpace(vendor.admin, space.id, { org: partners[i]!.org.id })
      const topic = await createTopic(vendor.member, space.slug, { kind: 'question', title: `Question in ${spec.key}`, body: 'Who can see this?' })
      const reply = await postReply(vendor.admin, topic.id, { body: 'An answer' })
      spaces.push({ spec, space, topicId: topic.id, replyId: reply.id })
    }

    for (const [i, partner] of partners.entries()) {
      const org = orgs[i]!
      // Admins and members read alike; alternate between them to keep the run short.
      const actors: Actor[] = [i % 2 ? partner.admin : partner.member]
      for (const actor of actors) {
        const listed = org.status === 'applicant' ? null : new Set((await listSpaces(actor)).map((s) => s.id))
        for (const { spec, space, topicId, replyId } of spaces) {
          const sees = expected({ ...spec, invited: spec.invite?.includes(i) }, org)
          const label = `${org.name} → ${spec.key}`
          expect(await orgSeesSpace(db, space, partner.org.id), label).toBe(sees)
          if (org.status === 'applicant') {
            // Not yet approved: the community is closed whatever the space.
            await expect(listTopics(actor, space.slug), label).rejects.toMatchObject({ code: 'forbidden' })
            continue
          }
          expect(listed!.has(space.id), label).toBe(sees)
          if (sees) {
            expect((await listTopics(actor, space.slug)).total, label).toBe(1)
            expect((await getTopic(actor, space.slug, topicId)).replies, label).toHaveLength(1)
          } else {
            const before = await counts()
            // A suspended partner's writes are refused before anything is looked up (the same answer for every space, so nothing leaks).
            const writeCode = org.status === 'suspended' ? 'forbidden' : 'not_found'
            await expect(listTopics(actor, space.slug), label).rejects.toMatchObject({ code: 'not_found' })
            await expect(getTopic(actor, space.slug, topicId), label).rejects.toMatchObject({ code: 'not_found' })
            await expect(createTopic(actor, space.slug, { kind: 'discussion', title: 'Sneaking in', body: 'x' }), label).rejects.toMatchObject({ code: writeCode })
            await expect(postReply(actor, topicId, { body: 'Sneaking in' }), label).rejects.toMatchObject({ code: writeCode })
            await expect(acceptAnswer(actor, topicId, replyId), label).rejects.toMatchObject({ code: writeCode })
            await expect(reportPost(actor, { postId: replyId, reason: 'Peeking' }), label).rejects.toMatchObject({ code: writeCode })
            expect(await counts(), label).toEqual(before)
          }
        }
      }
    }

    // The live audience of a segment space is exactly the partners it matches now (and the vendor's team).
    for (const { spec, space } of spaces.filter((s) => s.spec.visibility === 'segment')) {
      const audience = await audienceFor(db, space)
      const ours = new Set(partners.map((p) => p.org.id))
      const got = (audience.orgs ?? []).filter((id) => ours.has(id)).sort()
      const want = partners
        .filter((_, i) => expected(spec, orgs[i]!))
        .map((p) => p.org.id)
        .sort()
      expect(got, spec.key).toEqual(want)
      expect(audience.vendor).toBe(true)
    }

    // The vendor's team sees every space.
    const vendorListed = new Set((await listSpaces(vendor.member)).map((s) => s.id))
    for (const { space } of spaces) expect(vendorListed.has(space.id)).toBe(true)
  }, 240_000)

  it('changing a space to a segment (and back) changes who sees it at once', async () => {
    const vendor = await createVendor()
    const gold = await createPartner({ tier: 'gold' })
    const silver = await createPartner({ tier: 'silver' })
    const space = await createSpace(vendor.admin, { name: 'Moving target', slug: `moving-${run}`, visibility: 'partners' })
    await updateSpace(vendor.admin, space.id, { visibility: 'segment', tiers: ['gold'] })
    expect((await listSpaces(gold.member)).some((s) => s.id === space.id)).toBe(true)
    expect((await listSpaces(silver.member)).some((s) => s.id === space.id)).toBe(false)
    await updateSpace(vendor.admin, space.id, { visibility: 'partners' })
    expect((await listSpaces(silver.member)).some((s) => s.id === space.id)).toBe(true)
  })

  it('a segment space needs at least one list; lists of other visibilities are dropped; unknown values are refused', async () => {
    const vendor = await createVendor()
    await expect(createSpace(vendor.admin, { name: 'Empty segment', slug: `empty-seg-${run}`, visibility: 'segment' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { partnerTypes: [expect.stringContaining('at least one')] },
    })
    await expect(createSpace(vendor.admin, { name: 'Bad tier', slug: `bad-tier-${run}`, visibility: 'segment', tiers: ['diamond'] })).rejects.toMatchObject({ code: 'invalid' })
    const open = await createSpace(vendor.admin, { name: 'Open with lists', slug: `open-lists-${run}`, visibility: 'partners', tiers: ['gold'] })
    expect(open.tiers).toEqual([])
    // A single checkbox arrives as a string.
    const one = await createSpace(vendor.admin, { name: 'One region', slug: `one-region-${run}`, visibility: 'segment', regions: 'APAC' })
    expect(one.regions).toEqual(['APAC'])
  })
})
