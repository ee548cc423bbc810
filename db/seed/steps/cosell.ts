import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { accounts, connections, type Population, type SharingLevel } from '#db/schema/accounts.ts'
import { cosellTasks } from '#db/schema/cosell.ts'
import { memberships, organizations } from '#db/schema/orgs.ts'
import { opportunities, opportunityParticipants, opportunityStageHistory, OPPORTUNITY_STAGES, PARTICIPANT_ROLES, type OpportunityStage } from '#db/schema/pipeline.ts'
import { createId } from '#app/utils/id.ts'
import type { SeedContext, SeedStep } from '#db/seed/step.ts'
import { DEMO_PARTNER_SLUGS, DEMO_VENDOR } from '#db/seed/steps/foundation.ts'

const DAY = 24 * 60 * 60 * 1000

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

type Share = Record<Population, SharingLevel>
const share = (customer: SharingLevel, opportunity: SharingLevel, prospect: SharingLevel): Share => ({ customer, opportunity, prospect })
const cols = (side: 'requester' | 'recipient', s: Share) =>
  side === 'requester'
    ? { requesterShareCustomers: s.customer, requesterShareOpportunities: s.opportunity, requesterShareProspects: s.prospect }
    : { recipientShareCustomers: s.customer, recipientShareOpportunities: s.opportunity, recipientShareProspects: s.prospect }

/**
 * Account mapping and co-sell: a shared universe of company domains from which each partner's
 * list is drawn (so overlaps are real), connections with varied sharing — Northwind ↔ Bluepeak
 * connected with names shared for customers — and co-sell opportunities in every stage.
 */
export async function seedCosell({ faker, now, log }: SeedContext) {
  const partners = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'partner'), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.slug))
  const northwind = partners.find((p) => p.slug === DEMO_PARTNER_SLUGS.northwind)
  const bluepeak = partners.find((p) => p.slug === DEMO_PARTNER_SLUGS.bluepeak)
  const [vendor] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, DEMO_VENDOR.slug))
  if (!northwind || !bluepeak || !vendor) throw new Error('The co-sell seed needs the foundation step (Northwind, Bluepeak and the vendor).')
  const others = partners.filter((p) => p.id !== northwind.id && p.id !== bluepeak.id)

  // ── The universe of companies ─────────────────────────────────────────────────────────────
  const UNIVERSE = 12_000
  const companies: { name: string; domain: string }[] = []
  const seen = new Set<string>()
  const tlds = ['com', 'com', 'com', 'io', 'co.uk', 'de', 'fr', 'net', 'com.au', 'ca']
  while (companies.length < UNIVERSE) {
    const name = faker.company.name()
    const base = name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '')
    const domain = `${base.slice(0, 40)}.${faker.helpers.arrayElement(tlds)}`
    if (!base || seen.has(domain)) continue
    seen.add(domain)
    companies.push({ name, domain })
  }
  const popFor = (): Population =>
    faker.helpers.weightedArrayElement([
      { value: 'customer', weight: 40 },
      { value: 'opportunity', weight: 25 },
      { value: 'prospect', weight: 35 },
    ])
  const accountRows: (typeof accounts.$inferInsert)[] = []
  const lists = new Map<string, Set<number>>()
  const addList = (orgId: string, indexes: number[]) => {
    const set = new Set(indexes)
    lists.set(orgId, set)
    for (const i of set) {
      const c = companies[i]!
      accountRows.push({
        orgId,
        domain: c.domain,
        name: c.name,
        population: popFor(),
        dealSize: faker.number.int({ min: 50, max: 5000 }) * 10_000,
        source: 'seed',
        createdAt: new Date(now.getTime() - faker.number.int({ min: 1, max: 400 }) * DAY),
      })
    }
  }
  // Northwind 4,000 accounts, Bluepeak 3,500 of which ~1,200 are Northwind's too.
  addList(
    northwind.id,
    Array.from({ length: 4000 }, (_, i) => i),
  )
  addList(bluepeak.id, [...Array.from({ length: 1200 }, (_, i) => i * 3), ...Array.from({ length: 2300 }, (_, i) => 4000 + i)])
  const connectedOthers = others.slice(0, 14)
  connectedOthers.forEach((p, k) => {
    const size = faker.number.int({ min: 400, max: 1200 })
    addList(
      p.id,
      faker.helpers
        .arrayElements(
          Array.from({ length: UNIVERSE }, (_, i) => i),
          size,
        )
        .concat(k < 6 ? Array.from({ length: 60 }, (_, i) => i * 7) : []),
    )
  })
  // One JSON parameter per 5,000 rows, expanded by the database: far faster than bound rows on PGlite.
  await insertChunked(
    accountRows,
    (chunk) =>
      db.execute(sql`insert into accounts (id, org_id, domain, name, population, deal_size, source, created_at, updated_at)
        select x.id, x.org_id, x.domain, x.name, x.population, x.deal_size, 'seed', x.created_at, x.created_at
        from json_to_recordset(${JSON.stringify(chunk.map((a) => ({ id: createId(), org_id: a.orgId, domain: a.domain, name: a.name, population: a.population, deal_size: a.dealSize, created_at: (a.createdAt as Date).toISOString() })))}::json)
          as x(id text, org_id text, domain text, name text, population text, deal_size bigint, created_at timestamptz)
        on conflict (org_id, domain) do nothing`),
    5000,
  )
  await db.execute(sql`analyze accounts`)
  log(`  ${accountRows.length.toLocaleString('en-US')} accounts in ${lists.size} lists`)

  // ── Connections ───────────────────────────────────────────────────────────────────────────
  const admins = await db
    .select({ orgId: memberships.orgId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(inArray(memberships.orgId, partners.map((p) => p.id).concat(vendor.id)))
  const adminOf = (orgId: string) => admins.find((a) => a.orgId === orgId && (a.role === 'partner_admin' || a.role === 'vendor_admin'))?.userId ?? admins.find((a) => a.orgId === orgId)?.userId ?? null
  const usersOf = (orgId: string) => admins.filter((a) => a.orgId === orgId).map((a) => a.userId)
  const connectionRows: (typeof connections.$inferInsert)[] = []
  const connect = (key: string, a: { id: string }, b: { id: string }, status: 'requested' | 'accepted' | 'declined' | 'ended', sa: Share, sb: Share, ageDays: number) => {
    const createdAt = new Date(now.getTime() - ageDays * DAY)
    connectionRows.push({
      requesterOrgId: a.id,
      recipientOrgId: b.id,
      status,
      message: faker.helpers.arrayElement(['We overlap a lot in EMEA — let’s map accounts.', 'Keen to find joint customers.', 'Let’s co-sell in healthcare.', null]),
      ...cols('requester', sa),
      ...cols('recipient', status === 'requested' ? share('none', 'none', 'none') : sb),
      requestedBy: adminOf(a.id),
      respondedBy: status === 'requested' ? null : adminOf(b.id),
      createdAt,
      respondedAt: status === 'requested' ? null : new Date(createdAt.getTime() + 2 * DAY),
      endedAt: status === 'ended' ? new Date(createdAt.getTime() + 30 * DAY) : null,
      updatedAt: createdAt,
      importKey: `seed:connection:${key}`,
    })
  }
  connect('northwind-bluepeak', northwind, bluepeak, 'accepted', share('names', 'names', 'counts'), share('names', 'counts', 'counts'), 120)
  const levels: SharingLevel[] = ['none', 'counts', 'names']
  connectedOthers.forEach((p, k) => {
    const hub = k % 2 === 0 ? northwind : bluepeak
    const status = k < 10 ? 'accepted' : k < 12 ? 'requested' : k === 12 ? 'declined' : 'ended'
    const sa = share(levels[(k + 2) % 3]!, levels[(k + 1) % 3]!, levels[k % 3]!)
    const sb = share(levels[(k + 1) % 3]!, 'names', levels[(k + 2) % 3]!)
    // Half are requested by the hub, half by the other partner (so the hub has incoming requests).
    if (k % 4 < 2) connect(`${hub.slug}-${p.slug}`, hub, p, status, sa, sb, 10 + k * 7)
    else connect(`${p.slug}-${hub.slug}`, p, hub, status, sa, sb, 10 + k * 7)
  })
  await db.insert(connections).values(connectionRows)
  log(`  ${connectionRows.length} connections`)

  // ── Co-sell opportunities in every stage ─────────────────────────────────────────────────
  const sharedDomains = [...lists.get(northwind.id)!].filter((i) => lists.get(bluepeak.id)!.has(i)).map((i) => companies[i]!)
  const oppRows: (typeof opportunities.$inferInsert)[] = []
  const historyRows: (typeof opportunityStageHistory.$inferInsert)[] = []
  const participantRows: (typeof opportunityParticipants.$inferInsert)[] = []
  const taskRows: (typeof cosellTasks.$inferInsert)[] = []
  const path: OpportunityStage[] = ['prospect', 'qualified', 'technical_validation', 'business_validation', 'committed']
  const owners = [northwind, bluepeak, vendor, ...connectedOthers.slice(0, 8)]
  let n = 0
  for (const stage of OPPORTUNITY_STAGES) {
    const count = stage === 'won' || stage === 'lost' ? 8 : 7
    for (let k = 0; k < count; k++, n++) {
      const owner = n < 14 ? (n % 2 === 0 ? northwind : bluepeak) : faker.helpers.arrayElement(owners)
      const company = n < 20 ? sharedDomains[n * 11]! : faker.helpers.arrayElement(companies)
      const id = createId()
      const createdAt = new Date(now.getTime() - faker.number.int({ min: 3, max: 260 }) * DAY)
      const reached = stage === 'won' || stage === 'lost' ? faker.number.int({ min: 1, max: 4 }) : path.indexOf(stage)
      const steps: OpportunityStage[] = stage === 'won' || stage === 'lost' ? [...path.slice(0, reached + 1), stage] : path.slice(0, reached + 1)
      const span = Math.max(1, Math.floor((now.getTime() - createdAt.getTime()) / DAY) - 1)
      const times = steps.map((_, i) => new Date(createdAt.getTime() + Math.floor((span * i) / steps.length) * DAY))
      const closedAt = stage === 'won' || stage === 'lost' ? times[times.length - 1]! : null
      oppRows.push({
        id,
        orgId: owner.id,
        title: `${company.name} — ${faker.helpers.arrayElement(['platform rollout', 'data migration', 'renewal and expansion', 'security upgrade', 'analytics add-on'])}`,
        accountName: company.name,
        accountDomain: company.domain,
        amount: faker.number.int({ min: 20, max: 900 }) * 100_000,
        stage,
        isCosell: true,
        sourcedByOrgId: owner.id === vendor.id ? null : owner.id,
        expectedCloseAt: new Date(createdAt.getTime() + faker.number.int({ min: 45, max: 200 }) * DAY),
        nextSteps: faker.helpers.arrayElement(['Joint discovery call next week', 'Send the technical architecture', 'Pricing review with procurement', 'Executive sponsor meeting', null]),
        notes: faker.helpers.arrayElement(['Champion is the VP of IT.', 'Competing with an incumbent; strong technical fit.', null]),
        createdBy: adminOf(owner.id),
        importKey: `seed:cosell:${n}`,
        createdAt,
        closedAt,
        updatedAt: times[times.length - 1]!,
      })
      steps.forEach((s, i) => historyRows.push({ opportunityId: id, fromStage: i === 0 ? null : steps[i - 1]!, toStage: s, changedBy: adminOf(owner.id), changedAt: times[i]! }))
      // Partners invited: Bluepeak on Northwind's and vice versa for the first ones, others at random.
      const candidates =
        owner.id === northwind.id ? [bluepeak, ...connectedOthers.slice(0, 4)] : owner.id === bluepeak.id ? [northwind, ...connectedOthers.slice(4, 8)] : [northwind, bluepeak, ...connectedOthers]
      const invited = faker.helpers.arrayElements(
        candidates.filter((c) => c.id !== owner.id),
        { min: 1, max: 3 },
      )
      if (n < 14 && !invited.some((c) => c.id === (owner.id === northwind.id ? bluepeak.id : northwind.id))) invited[0] = owner.id === northwind.id ? bluepeak : northwind
      invited.forEach((org, i) => {
        const invitedAt = new Date(createdAt.getTime() + DAY / 2)
        // Open ones may still wait for an answer; closed ones were answered before they closed.
        const status =
          stage === 'prospect' && i > 0
            ? 'invited'
            : faker.helpers.weightedArrayElement([
                { value: 'accepted' as const, weight: 80 },
                { value: 'declined' as const, weight: 20 },
              ])
        const status2 = n < 14 && i === 0 ? (stage === 'prospect' && k % 2 === 0 ? 'invited' : 'accepted') : status
        const respondedAt = status2 === 'invited' ? null : new Date(invitedAt.getTime() + DAY)
        participantRows.push({
          opportunityId: id,
          orgId: org.id,
          role: faker.helpers.arrayElement(PARTICIPANT_ROLES),
          status: status2,
          message: faker.helpers.arrayElement(['Would love your help on this one.', 'You know this account well — join us?', null]),
          invitedBy: adminOf(owner.id),
          invitedAt,
          respondedAt,
          joinedAt: status2 === 'accepted' ? respondedAt : null,
          importKey: `seed:cosell:${n}:${i}`,
        })
        if (status2 === 'accepted' && i === 0) {
          const assignee = faker.helpers.arrayElement(usersOf(org.id).concat(usersOf(owner.id)).filter(Boolean))
          const ownerOrgId = usersOf(org.id).includes(assignee) ? org.id : owner.id
          taskRows.push({
            opportunityId: id,
            title: faker.helpers.arrayElement(['Prepare joint proposal', 'Book the technical workshop', 'Share reference customers', 'Draft the statement of work']),
            ownerUserId: assignee,
            ownerOrgId,
            dueAt: new Date(createdAt.getTime() + 30 * DAY),
            doneAt: stage === 'won' || stage === 'lost' ? closedAt : null,
            createdBy: adminOf(owner.id),
            createdAt: new Date(createdAt.getTime() + 2 * DAY),
          })
        }
      })
    }
  }
  await insertChunked(oppRows, (chunk) => db.insert(opportunities).values(chunk))
  await insertChunked(historyRows, (chunk) => db.insert(opportunityStageHistory).values(chunk))
  await insertChunked(participantRows, (chunk) => db.insert(opportunityParticipants).values(chunk))
  if (taskRows.length) await insertChunked(taskRows, (chunk) => db.insert(cosellTasks).values(chunk))
  log(`  ${oppRows.length} co-sell opportunities (${participantRows.length} participations, ${taskRows.length} tasks)`)
}

export const cosellStep: SeedStep = { name: 'account mapping and co-sell', run: seedCosell }
