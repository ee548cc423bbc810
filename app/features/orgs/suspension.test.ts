/**
 * Suspension is a real state: the vendor's admins suspend a partner with a reason and reinstate
 * it; while suspended its people read but cannot act in any capability, and its public pages and
 * search entries go dark (the index learns through the outbox; the page cache's version moves).
 */
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, domainEvents, notifications, organizations } from '#db/schema/index.ts'
import { handleSearchEvents, SEARCH_CONSUMER } from '#search/sync.server.ts'
import { searchEngine } from '#search/engine.server.ts'
import { createPartner as createOrgWithUsers, createUserIn } from '#tests/factories/index.ts'
import { DomainError } from '#app/utils/errors.ts'
import { listAccounts, saveAccount } from '#app/features/accounts/accounts.server.ts'
import { requestConnection } from '#app/features/accounts/connections.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { loadActor } from '#app/features/auth/session.server.ts'
import { getCosell, listCosell, openCosell } from '#app/features/cosell/cosell.server.ts'
import { processBatch } from '#app/features/events/outbox.server.ts'
import { approveListing, archiveListing, createListing, submitListing } from '#app/features/listings/listings.server.ts'
import { getOwnProfile, getPartnerPage, updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { getListingPage } from '#app/features/listings/public.server.ts'
import { listingInput, useTempStorage, vendorWithCategories } from '#app/features/listings/test-helpers.ts'
import { getThreadForActor, postMessage } from '#app/features/messaging/threads.server.ts'
import { readPublicContentVersion } from '#app/features/page-cache/version.server.ts'
import { acceptReferral, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { getReferral, listReferrals } from '#app/features/referrals/queries.server.ts'
import { ListQuerySchema } from '#app/features/referrals/schemas.ts'
import { approveApplication } from '#app/features/orgs/applications.server.ts'
import { listPartnersForAdmin, reinstatePartner, suspendPartner } from '#app/features/orgs/suspension.server.ts'
import { acceptInvitation, getInvitation, inviteMember, listTeam } from '#app/features/orgs/team.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'

let setup: Awaited<ReturnType<typeof vendorWithCategories>>
type P = Awaited<ReturnType<typeof createOrgWithUsers>>
let sus: P
let peer: P
let listing: { id: string; slug: string }
let referralId: string
let threadId: string
let cosellId: string
let n = 0
const uniq = () => `${Date.now().toString(36)}${++n}`

/** A partner that became active the way real ones do (applied, approved), so search knows it. */
async function approvedPartner(name: string) {
  const created = await createOrgWithUsers({ name, status: 'applicant' })
  await approveApplication(setup.vendor.admin, created.org.id)
  return { ...created, admin: (await loadActor(created.admin.userId))!, member: (await loadActor(created.member.userId))! }
}

const reload = async (a: Actor) => (await loadActor(a.userId))!

/** Runs the search consumer until the outbox is empty (the same processBatch the workers run). */
async function indexCatchesUp() {
  for (let i = 0; i < 100; i++) {
    const handled = await processBatch(SEARCH_CONSUMER, (events, tx) => handleSearchEvents(events, tx))
    if (handled === 0) return
  }
  throw new Error('the search consumer did not catch up in 100 batches')
}

async function searchIds(q: string) {
  return (await searchEngine().search({ q })).hits.map((h) => h.document.id)
}

async function refused(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error, 'expected a refusal').toBeInstanceOf(DomainError)
  return error as DomainError
}

/** One write per capability, each valid for an org that may act. */
const writes: Record<string, (a: Actor) => Promise<unknown>> = {
  'listings: create a listing': (a) => createListing(a, listingInput({ title: `Quokka offering ${uniq()}`, slug: `quokka-${uniq()}`, categoryIds: [setup.categories.saas.id] })),
  'listings: archive its listing': (a) => archiveListing(a, listing.id),
  'referrals: send one': (a) => submitReferral(a, { toOrg: peer.org.slug, accountName: 'Acme', accountDomain: `acme-${uniq()}.example.com`, need: 'Needs a migration plan.', feeType: 'none' }),
  'referrals: accept one': (a) => acceptReferral(a, referralId, { acceptTerms: true }),
  'co-sell: open one': (a) => openCosell(a, { accountName: 'Cosell Co', accountDomain: `cosell-${uniq()}.example.com`, amount: '1,000', stage: 'qualified' }),
  'accounts: add an account': (a) => saveAccount(a, { name: 'Account Co', domain: `account-${uniq()}.example.com`, population: 'customer' }),
  'connections: ask to connect': (a) => requestConnection(a, { partner: peer.org.slug, share: {} }),
  'messaging: post a message': (a) => postMessage(a, { threadId, body: `Hello ${uniq()}` }),
  'team: invite someone': (a) => inviteMember(a, a.orgId, { email: `new-${uniq()}@example.test`, role: 'partner_member' }),
  'settings: edit the profile': (a) => updateOwnProfile(a, { tagline: `Tagline ${uniq()}`, regions: ['EMEA'], industries: ['healthcare'], skills: [] }),
}

beforeAll(async () => {
  useTempStorage()
  setup = await vendorWithCategories()
  sus = await approvedPartner('Zanzibarian Systems')
  peer = await approvedPartner('Peer Partners')
  const created = await createListing(sus.admin, listingInput({ title: 'Zanzibarian cloud migration', slug: `zanzibarian-${uniq()}`, categoryIds: [setup.categories.saas.id] }))
  await submitListing(sus.admin, created.id)
  await approveListing(setup.vendor.admin, created.id)
  listing = { id: created.id, slug: created.slug }
  const r = await submitReferral(peer.admin, { toOrg: sus.org.slug, accountName: 'Globex', accountDomain: `globex-${uniq()}.example.com`, need: 'Needs help.', feeType: 'none' })
  referralId = r.id
  threadId = (await getReferral(peer.admin, r.id)).thread!.id
  cosellId = (
    await openCosell(peer.admin, {
      accountName: 'Shared Deal',
      accountDomain: `shared-${uniq()}.example.com`,
      amount: '5,000',
      stage: 'qualified',
      invites: [{ partner: sus.org.slug, role: 'technology' }],
    })
  ).id
  await saveAccount(sus.admin, { name: 'Own Customer', domain: `own-${uniq()}.example.com`, population: 'customer' })
  await indexCatchesUp()
})

describe('suspending and reinstating a partner', () => {
  it('only the vendor’s admins can, with a reason; both are recorded as events and in the audit log', async () => {
    const other = await approvedPartner('Bystander Co')
    expect((await refused(suspendPartner(setup.vendor.member, other.org.id, { reason: 'Breach of the program terms' }))).status).toBe(403)
    expect((await refused(suspendPartner(other.admin, other.org.id, { reason: 'Breach of the program terms' }))).status).toBe(403)
    const noReason = await refused(suspendPartner(setup.vendor.admin, other.org.id, { reason: 'bad' }))
    expect(noReason.code).toBe('invalid')
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/reason of at least 10 characters/)
    expect((await db.select().from(organizations).where(eq(organizations.id, other.org.id)))[0]!.status).toBe('active')

    await suspendPartner(setup.vendor.admin, other.org.id, { reason: 'Breach of the program terms' })
    const [row] = await db.select().from(organizations).where(eq(organizations.id, other.org.id))
    expect(row).toMatchObject({ status: 'suspended', suspensionReason: 'Breach of the program terms' })
    expect(row!.suspendedAt).toBeInstanceOf(Date)
    expect((await refused(suspendPartner(setup.vendor.admin, other.org.id, { reason: 'Breach of the program terms' }))).code).toBe('conflict')
    expect((await listPartnersForAdmin(setup.vendor.member, { status: 'suspended' })).rows.map((p) => p.id)).toContain(other.org.id)
    await deliverPendingNotifications()
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, other.member.userId), eq(notifications.kind, 'organization')))
    expect(notes[0]?.body).toMatch(/Breach of the program terms/)

    await reinstatePartner(setup.vendor.admin, other.org.id)
    expect((await db.select().from(organizations).where(eq(organizations.id, other.org.id)))[0]).toMatchObject({ status: 'active', suspensionReason: null, suspendedAt: null })
    expect((await refused(reinstatePartner(setup.vendor.admin, other.org.id))).code).toBe('conflict')

    const events = await db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.subjectId, other.org.id), sql`${domainEvents.type} in ('org.suspended', 'org.reinstated')`))
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['org.suspended', { orgId: other.org.id, name: other.org.name, reason: 'Breach of the program terms' }],
      ['org.reinstated', { orgId: other.org.id, name: other.org.name }],
    ])
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, other.org.id), sql`${auditLog.action} in ('org.suspended', 'org.reinstated')`))
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([
      ['org.suspended', setup.vendor.admin.userId],
      ['org.reinstated', setup.vendor.admin.userId],
    ])
  })

  it('across every capability: a suspended partner reads but cannot write, its public pages 404, it leaves search; reinstating restores all of it', async () => {
    // Before: public and searchable.
    expect((await getPartnerPage(null, sus.org.slug)).isPublic).toBe(true)
    expect((await getListingPage(null, listing.slug)).isPublic).toBe(true)
    expect(await searchIds('Zanzibarian')).toEqual(expect.arrayContaining([`partner-${sus.org.id}`, `listing-${listing.id}`]))

    const versionBefore = await readPublicContentVersion()
    await suspendPartner(setup.vendor.admin, sus.org.id, { reason: 'Unpaid referral fees for two quarters' })
    expect(await readPublicContentVersion()).toBeGreaterThan(versionBefore) // cached public pages are stale at once
    const admin = await reload(sus.admin)
    const member = await reload(sus.member)
    expect(admin.orgStatus).toBe('suspended')

    // Every capability's write is refused with a 403 that says why.
    for (const [capability, write] of Object.entries(writes)) {
      const error = await refused(write(admin))
      expect(error.status, capability).toBe(403)
      expect(error.message, capability).toMatch(/Zanzibarian Systems is suspended by the vendor's partner team, so it cannot .*You can still sign in and read/)
    }
    // Reading goes on as before, with no action offered.
    expect((await listReferrals(member, ListQuerySchema.parse({ box: 'inbox' }))).rows.map((r) => r.id)).toContain(referralId)
    const detail = await getReferral(member, referralId)
    expect(Object.values(detail.can).some(Boolean)).toBe(false)
    expect((await listAccounts(member)).total).toBeGreaterThan(0)
    expect((await listCosell(member)).opportunities.map((o) => o.id)).toContain(cosellId)
    expect((await getCosell(member, cosellId)).opp.id).toBe(cosellId)
    expect((await getThreadForActor(member, threadId)).thread.id).toBe(threadId)
    expect((await listTeam(admin, admin.orgId)).members.length).toBeGreaterThan(0)
    expect((await getOwnProfile(admin)).id).toBe(admin.orgId)

    // Dark to everyone else: public pages 404 and the search index drops it through the outbox.
    expect((await refused(getPartnerPage(null, sus.org.slug))).status).toBe(404)
    expect((await refused(getListingPage(null, listing.slug))).status).toBe(404)
    expect((await refused(getPartnerPage(peer.member, sus.org.slug))).status).toBe(404)
    await indexCatchesUp()
    expect(await searchIds('Zanzibarian')).toEqual([])

    // Reinstated: everything comes back.
    const versionSuspended = await readPublicContentVersion()
    await reinstatePartner(setup.vendor.admin, sus.org.id)
    expect(await readPublicContentVersion()).toBeGreaterThan(versionSuspended)
    const back = await reload(sus.admin)
    expect(back.orgStatus).toBe('active')
    expect((await getPartnerPage(null, sus.org.slug)).isPublic).toBe(true)
    expect((await getListingPage(null, listing.slug)).isPublic).toBe(true)
    await indexCatchesUp()
    expect(await searchIds('Zanzibarian')).toEqual(expect.arrayContaining([`partner-${sus.org.id}`, `listing-${listing.id}`]))
    for (const [capability, write] of Object.entries(writes)) {
      await write(back).catch((e: unknown) => {
        throw new Error(`${capability} was refused after reinstatement: ${e instanceof Error ? e.message : String(e)}`)
      })
    }
  })

  it('an applicant’s people are refused the same writes with "must be approved"', async () => {
    const applicant = await createOrgWithUsers({ name: 'Still Applying Co', status: 'applicant' })
    const a = await createUserIn(applicant.org.id, 'partner_admin')
    for (const capability of ['referrals: send one', 'co-sell: open one', 'accounts: add an account', 'listings: create a listing'] as const) {
      const error = await refused(writes[capability]!(a))
      expect(error.status, capability).toBe(403)
      expect(error.message, capability).toMatch(/must be approved/)
    }
  })

  it('an invitation sent before the suspension cannot be accepted while it lasts, and works again once reinstated', async () => {
    const org = await approvedPartner(`Invites While Suspended ${uniq()}`)
    const { token } = await inviteMember(org.admin, org.org.id, { email: `joiner-${uniq()}@example.com`, role: 'partner_member' })
    await suspendPartner(setup.vendor.admin, org.org.id, { reason: 'Suspended while the partner team reviews the account' })
    expect(await getInvitation(token)).toMatchObject({ state: 'suspended', message: expect.stringMatching(/suspended/) })
    const joining = { name: 'Jo Joiner', password: 'a long enough passphrase', confirmPassword: 'a long enough passphrase' }
    const error = await refused(acceptInvitation(token, joining))
    expect(error.message).toMatch(/suspended/)
    expect((await listTeam(org.admin, org.org.id)).members).toHaveLength(2)
    await reinstatePartner(setup.vendor.admin, org.org.id)
    expect((await getInvitation(token)).state).toBe('valid')
    await acceptInvitation(token, joining)
    expect((await listTeam(org.admin, org.org.id)).members).toHaveLength(3)
  })

  it('the /admin/partners page: lists partners, suspends with a required reason and reinstates', async () => {
    const { loader, action } = await import('#app/routes/admin.partners.tsx')
    const target = await approvedPartner('Page Target Co')
    const call = (actor: Actor, body: Record<string, string>) =>
      action({
        request: new Request('http://localhost/admin/partners', { method: 'POST', body: new URLSearchParams(body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
        context: { actor, ip: '203.0.113.7' } as never,
        params: {},
      }) as Promise<unknown>
    const listed = (await loader({ request: new Request('http://localhost/admin/partners?q=Page+Target'), context: { actor: setup.vendor.member } as never, params: {} })) as Awaited<
      ReturnType<typeof listPartnersForAdmin>
    >
    expect(listed.rows.map((r) => r.id)).toEqual([target.org.id])

    const missing = (await call(setup.vendor.admin, { intent: 'suspend', orgId: target.org.id, reason: '' })) as { data: { error: Record<string, string[]> }; init: { status: number } }
    expect(missing.init.status).toBe(400)
    expect(missing.data.error.reason?.[0]).toMatch(/reason/)
    // A vendor member may look but not suspend; a partner may not even look.
    const asMember = await call(setup.vendor.member, { intent: 'suspend', orgId: target.org.id, reason: 'Ten characters at least' }).catch((e: unknown) => e)
    expect((asMember as Response).status).toBe(403)
    const asPartner = await call(peer.admin, { intent: 'suspend', orgId: target.org.id, reason: 'Ten characters at least' }).catch((e: unknown) => e)
    expect((asPartner as Response).status).toBe(403)
    expect((await db.select().from(organizations).where(eq(organizations.id, target.org.id)))[0]!.status).toBe('active')

    const done = (await call(setup.vendor.admin, { intent: 'suspend', orgId: target.org.id, reason: 'Ten characters at least' })) as Response
    expect(done.status).toBe(302)
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, target.org.id), eq(auditLog.action, 'org.suspended')))
    expect(audit).toMatchObject({ actorId: setup.vendor.admin.userId, ip: '203.0.113.7', details: { orgId: target.org.id, reason: 'Ten characters at least' } })
    expect(((await call(setup.vendor.admin, { intent: 'reinstate', orgId: target.org.id })) as Response).status).toBe(302)
    expect((await db.select().from(organizations).where(eq(organizations.id, target.org.id)))[0]!.status).toBe('active')
  })
})
