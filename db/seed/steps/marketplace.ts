import type { Faker } from '@faker-js/faker'
import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import sharp from 'sharp'
import { renderMarkdown } from '#app/features/listings/markdown.server.ts'
import { keywordStuffing } from '#app/features/listings/moderation.server.ts'
import { storage } from '#app/features/listings/storage.server.ts'
import { createId } from '#app/utils/id.ts'
import { db } from '#db/client.server.ts'
import {
  domainEvents,
  integrations,
  listingCategories,
  listingMedia,
  listings,
  listingVersions,
  memberships,
  organizations,
  INDUSTRIES,
  REGIONS,
  type ListingKind,
  type ListingScreenshot,
  type PricingModel,
} from '#db/schema/index.ts'
import type { SeedStep } from '#db/seed/step.ts'

export const MARKETPLACE_CATEGORIES = [
  ['Cloud migration', 'Assessments, landing zones and migration factories.'],
  ['Security & compliance', 'Identity, threat detection, audits and certifications.'],
  ['Data & analytics', 'Warehouses, pipelines, dashboards and data governance.'],
  ['AI & automation', 'Assistants, machine learning and workflow automation.'],
  ['Customer service', 'Contact centres, ticketing and self-service.'],
  ['Sales & CRM', 'Pipeline, quoting, CPQ and sales enablement.'],
  ['Marketing', 'Campaigns, content and customer journeys.'],
  ['Finance & billing', 'Invoicing, revenue recognition and payments.'],
  ['HR & people', 'Onboarding, payroll and workforce planning.'],
  ['Collaboration', 'Messaging, documents and video.'],
  ['DevOps & platform', 'CI/CD, observability and internal platforms.'],
  ['Managed services', 'Run, monitor and support around the clock.'],
  ['Training & enablement', 'Courses, certification prep and adoption programmes.'],
  ['Industry solutions', 'Packaged solutions for one industry.'],
] as const

const COLORS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#c2410c', '#334155', '#9333ea', '#0369a1', '#a16207']

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z0-9]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const rendered = new Map<string, Promise<Buffer>>()

/** A simple logo: a coloured rounded square with initials, SVG → WebP (renders cached per look). */
export function logoImage(text: string, color: string) {
  const key = `${text}|${color}`
  let out = rendered.get(key)
  if (!out) {
    out = renderLogo(text, color)
    rendered.set(key, out)
  }
  return out
}

async function renderLogo(text: string, color: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" rx="48" fill="${color}"/><text x="128" y="160" font-family="sans-serif" font-size="100" font-weight="700" fill="#fff" text-anchor="middle">${escapeXml(text)}</text></svg>`
  return sharp(Buffer.from(svg)).webp({ quality: 85, effort: 1 }).toBuffer()
}

/** A screenshot-like picture: a window frame with a few coloured blocks. */
function screenshotImage(title: string, color: string) {
  const key = `shot|${title}|${color}`
  let out = rendered.get(key)
  if (!out) {
    out = renderScreenshot(title, color)
    rendered.set(key, out)
  }
  return out
}

async function renderScreenshot(title: string, color: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="750"><rect width="1200" height="750" fill="#f8fafc"/><rect width="1200" height="56" fill="${color}"/><circle cx="30" cy="28" r="9" fill="#fff" opacity=".7"/><circle cx="58" cy="28" r="9" fill="#fff" opacity=".5"/><text x="100" y="38" font-family="sans-serif" font-size="24" fill="#fff">${escapeXml(title.slice(0, 60))}</text><rect x="40" y="96" width="260" height="610" rx="12" fill="#e2e8f0"/><rect x="340" y="96" width="820" height="220" rx="12" fill="${color}" opacity=".18"/><rect x="340" y="346" width="390" height="360" rx="12" fill="#e2e8f0"/><rect x="770" y="346" width="390" height="360" rx="12" fill="${color}" opacity=".3"/></svg>`
  return sharp(Buffer.from(svg)).webp({ quality: 70, effort: 1 }).toBuffer()
}

const SERVICE_NOUNS = ['assessment', 'implementation', 'migration', 'health check', 'managed service', 'accelerator', 'workshop', 'optimization', 'support plan', 'rollout']
const SOLUTION_NOUNS = ['suite', 'blueprint', 'solution', 'platform', 'starter kit', 'template pack']
const APP_NOUNS = ['app', 'dashboard', 'assistant', 'analyzer', 'hub', 'tracker', 'console']
const TOPICS: Record<string, string[]> = {
  'cloud-migration': ['Cloud migration', 'Landing zone', 'Workload migration', 'Datacenter exit', 'Hybrid cloud'],
  'security-compliance': ['Zero trust', 'SOC 2 readiness', 'Identity governance', 'Threat detection', 'GDPR compliance'],
  'data-analytics': ['Data warehouse', 'Customer 360', 'Revenue analytics', 'Data quality', 'Lakehouse'],
  'ai-automation': ['AI assistant', 'Intelligent routing', 'Document automation', 'Forecasting', 'Process mining'],
  'customer-service': ['Contact centre', 'Omnichannel support', 'Knowledge base', 'Field service', 'Customer feedback'],
  'sales-crm': ['CPQ', 'Pipeline management', 'Partner relationship', 'Sales territory', 'Account planning'],
  marketing: ['Campaign orchestration', 'Marketing attribution', 'Content operations', 'Event marketing', 'Loyalty'],
  'finance-billing': ['Subscription billing', 'Revenue recognition', 'Expense management', 'Payments', 'Tax automation'],
  'hr-people': ['Employee onboarding', 'Payroll', 'Workforce planning', 'Learning', 'Employee experience'],
  collaboration: ['Team messaging', 'Document collaboration', 'Video meetings', 'Intranet', 'Project workspace'],
  'devops-platform': ['CI/CD', 'Observability', 'Kubernetes platform', 'Incident response', 'Release management'],
  'managed-services': ['24/7 operations', 'Managed backup', 'Managed security', 'Service desk', 'Cost management'],
  'training-enablement': ['Admin certification', 'Developer bootcamp', 'Adoption programme', 'End-user training', 'Train the trainer'],
  'industry-solutions': ['Patient engagement', 'Claims processing', 'Store operations', 'Citizen services', 'Student success'],
}

function slugify(s: string) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
}

function bodyFor(f: Faker, title: string, orgName: string, kind: ListingKind, counterpart?: string) {
  const bullets = (n: number) => Array.from({ length: n }, () => `- ${f.company.buzzPhrase().replace(/^\w/, (c) => c.toUpperCase())}`).join('\n')
  const parts = [
    `## Overview\n\n${title} from ${orgName}. ${f.lorem.sentences({ min: 2, max: 4 })}`,
    kind === 'integration' && counterpart
      ? `## How it works with ${counterpart}\n\n${f.lorem.sentences(2)}\n\n1. Connect your ${counterpart} account\n2. Map your fields\n3. Sync runs every ${f.helpers.arrayElement(['5 minutes', '15 minutes', 'hour'])}`
      : `## What you get\n\n${bullets(f.number.int({ min: 3, max: 5 }))}`,
    `## Who it is for\n\n${f.lorem.paragraph()}`,
    f.datatype.boolean(0.4) ? `| Plan | Includes |\n|---|---|\n| Starter | ${f.lorem.words(3)} |\n| Enterprise | ${f.lorem.words(4)} |` : '',
    `Questions? [Contact us](https://example.com/${slugify(orgName)}) or read the [documentation](https://docs.example.com/${slugify(title)}).`,
  ]
  return parts.filter(Boolean).join('\n\n')
}

type Org = typeof organizations.$inferSelect

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

export const marketplaceStep: SeedStep = {
  name: 'marketplace: categories, profiles, listings, integrations',
  async run({ faker: f, now, log }) {
    const store = storage()
    const started = Date.now()
    const day = 86_400_000
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day - f.number.int({ min: 0, max: day - 1 }))

    // Categories.
    const categories = await db
      .insert(listingCategories)
      .values(MARKETPLACE_CATEGORIES.map(([name, description], i) => ({ name, slug: slugify(name.replace('&', 'and')), description, position: (i + 1) * 10 })))
      .returning()
    const catKey = new Map(categories.map((c) => [c.id, Object.keys(TOPICS)[categories.indexOf(c)]!]))

    const orgs = await db.select().from(organizations)
    const vendor = orgs.find((o) => o.kind === 'vendor')!
    const partners = orgs.filter((o) => o.kind === 'partner')
    const active = partners.filter((o) => o.status === 'active')
    const creators = new Map((await db.select().from(memberships)).map((m) => [m.orgId, m.userId]))
    const vendorUser = creators.get(vendor.id) ?? null

    // Profile logos for every org.
    const media: (typeof listingMedia.$inferInsert)[] = []
    const events: (typeof domainEvents.$inferInsert)[] = []
    const pending: Promise<void>[] = []
    /** Renders and stores an image in the background; its media row is added when it is written. */
    const stage = (orgId: string, kind: 'org_logo' | 'listing_logo' | 'screenshot', key: string, image: Promise<Buffer>, width: number, height: number, id?: string) => {
      pending.push(
        image.then(async (data) => {
          await store.put(key, data, 'image/webp')
          media.push({ ...(id ? { id } : {}), orgId, kind, key, contentType: 'image/webp', width, height, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') })
        }),
      )
    }
    for (const [i, org] of orgs.entries()) {
      const key = `orgs/${org.id}/${createId()}.webp`
      stage(org.id, 'org_logo', key, logoImage(initials(org.name) || 'P', COLORS[i % COLORS.length]!), 256, 256)
      await db
        .update(organizations)
        .set({ logoUrl: `/uploads/${key}` })
        .where(eq(organizations.id, org.id))
      events.push({ type: 'organization.profile_updated', orgId: org.id, subjectType: 'organization', subjectId: org.id, payload: { slug: org.slug, seeded: true }, createdAt: now })
    }

    // Listings: ~320, spread over active partners (more for platinum/gold), a few for non-active ones.
    const weight = (o: Org) => ({ platinum: 7, gold: 5, silver: 4, registered: 2 })[o.tier ?? 'registered'] ?? 2
    const owners: Org[] = []
    for (const o of active) for (let k = 0; k < weight(o); k++) owners.push(o)
    const nonActive = partners.filter((o) => o.status !== 'active')
    const northwind = partners.find((o) => o.name.startsWith('Northwind'))
    const bluepeak = partners.find((o) => o.name.startsWith('Bluepeak'))
    const techPartners = active.filter((o) => o.partnerType === 'technology' || o.partnerType === 'hyperscaler')

    type Plan = { org: Org; kind: ListingKind; status: 'published' | 'published_with_review' | 'published_with_draft' | 'in_review' | 'rejected' | 'draft' | 'archived'; counterpart?: Org }
    const plans: Plan[] = []
    const statusFor = (): Plan['status'] =>
      f.helpers.weightedArrayElement([
        { value: 'published', weight: 76 },
        { value: 'published_with_review', weight: 5 },
        { value: 'published_with_draft', weight: 2 },
        { value: 'in_review', weight: 6 },
        { value: 'rejected', weight: 4 },
        { value: 'draft', weight: 3 },
        { value: 'archived', weight: 4 },
      ])
    const kindFor = (o: Org): ListingKind =>
      f.helpers.weightedArrayElement(
        o.partnerType === 'technology'
          ? [
              { value: 'app', weight: 4 },
              { value: 'integration', weight: 4 },
              { value: 'solution', weight: 2 },
              { value: 'service', weight: 1 },
            ]
          : [
              { value: 'service', weight: 5 },
              { value: 'solution', weight: 3 },
              { value: 'integration', weight: 2 },
              { value: 'app', weight: 1 },
            ],
      )
    for (let i = 0; i < 320; i++) plans.push({ org: f.helpers.arrayElement(owners), kind: 'service', status: 'published' })
    for (const p of plans) {
      p.kind = kindFor(p.org)
      p.status = statusFor()
    }
    for (const o of nonActive.slice(0, 6)) plans.push({ org: o, kind: 'service', status: 'published' })
    // Demo partners: a known shape for the walkthrough.
    if (northwind && bluepeak) {
      plans.push({ org: northwind, kind: 'integration', status: 'published', counterpart: bluepeak })
      plans.push({ org: bluepeak, kind: 'integration', status: 'published', counterpart: northwind })
      plans.push({ org: northwind, kind: 'service', status: 'published_with_review' })
      plans.push({ org: northwind, kind: 'solution', status: 'rejected' })
      plans.push({ org: bluepeak, kind: 'app', status: 'in_review' })
    }
    for (const p of plans) {
      if (p.kind === 'integration' && !p.counterpart) {
        const pool = [vendor, vendor, ...techPartners].filter((o) => o.id !== p.org.id)
        p.counterpart = f.helpers.arrayElement(pool)
      }
    }

    const usedSlugs = new Set<string>()
    const listingRows: (typeof listings.$inferInsert)[] = []
    const versionRows: (typeof listingVersions.$inferInsert)[] = []
    const integrationRows: (typeof integrations.$inferInsert)[] = []
    let logoCount = 0
    for (const [i, p] of plans.entries()) {
      const cats = f.helpers.arrayElements(categories, { min: 1, max: 3 })
      const topic = f.helpers.arrayElement(TOPICS[catKey.get(cats[0]!.id)!]!)
      const noun =
        p.kind === 'service'
          ? f.helpers.arrayElement(SERVICE_NOUNS)
          : p.kind === 'solution'
            ? f.helpers.arrayElement(SOLUTION_NOUNS)
            : p.kind === 'app'
              ? f.helpers.arrayElement(APP_NOUNS)
              : 'connector'
      const title = p.kind === 'integration' ? `${p.counterpart!.name.split(' ')[0]} ${topic} connector` : `${topic} ${noun}`
      let slug = slugify(`${p.org.name.split(' ')[0]}-${title}`)
      while (usedSlugs.has(slug)) slug = `${slug.slice(0, 54)}-${f.string.alphanumeric({ length: 4, casing: 'lower' })}`
      usedSlugs.add(slug)
      const listingId = createId()
      const created = at(f.number.int({ min: 10, max: 540 }))
      const org = p.org
      const creator = creators.get(org.id) ?? null
      const color = COLORS[i % COLORS.length]!

      // Logo for most listings, screenshots for some.
      let logoKey: string | null = null
      if (f.datatype.boolean(0.8)) {
        logoKey = `listings/${org.id}/${createId()}.webp`
        stage(org.id, 'listing_logo', logoKey, logoImage(initials(title) || 'L', color), 256, 256)
        logoCount++
      }
      const screenshots: ListingScreenshot[] = []
      if (f.datatype.boolean(0.25)) {
        const key = `listings/${org.id}/${createId()}.webp`
        const mediaId = createId()
        stage(org.id, 'screenshot', key, screenshotImage(title, color), 1200, 750, mediaId)
        screenshots.push({ mediaId, key, alt: `${title} — screenshot 1`, width: 1200, height: 750 })
      }
      const body = bodyFor(f, title, org.name, p.kind, p.counterpart?.name)
      const base = {
        listingId,
        title,
        summary:
          `${f.company.catchPhrase()}. ${topic} for ${f.helpers.arrayElement(['mid-market', 'enterprise', 'public sector', 'fast-growing', 'regulated'])} teams, delivered by ${org.name}.`.slice(
            0,
            280,
          ),
        body,
        bodyHtml: renderMarkdown(body),
        categoryIds: cats.map((c) => c.id),
        industries: f.helpers.arrayElements([...INDUSTRIES], { min: 1, max: 3 }),
        regions: org.regions.length ? org.regions : f.helpers.arrayElements([...REGIONS], { min: 1, max: 2 }),
        pricingModel: f.helpers.arrayElement(['free', 'subscription', 'one_time', 'usage_based', 'contact_us'] as PricingModel[]),
        pricingDetails: f.datatype.boolean(0.5) ? `From $${f.number.int({ min: 1, max: 90 })},000` : null,
        counterpartOrgId: p.counterpart?.id ?? null,
        logoKey,
        screenshots,
        createdBy: creator,
        createdAt: created,
        updatedAt: created,
      }
      const submitted = new Date(created.getTime() + day)
      const v1 = createId()
      let publishedVersionId: string | null = null
      let draftVersionId: string | null = null
      let status: (typeof listings.$inferInsert)['status'] = 'draft'
      let publishedAt: Date | null = null
      const published = p.status.startsWith('published') || p.status === 'archived'
      /** The decided version, for the listing's event: its payload is the one the app records (notifications and webhooks read it). */
      const decided: { version: number; reason: string } = { version: 1, reason: '' }
      if (published) {
        publishedAt = new Date(submitted.getTime() + f.number.int({ min: 2, max: 72 }) * 3_600_000)
        // Some listings went through an earlier published version.
        let number = 1
        if (f.datatype.boolean(0.2)) {
          versionRows.push({
            ...base,
            id: createId(),
            number: 1,
            status: 'superseded',
            title: `${title} (first edition)`,
            submittedAt: submitted,
            submittedBy: creator,
            reviewedAt: publishedAt,
            reviewedBy: vendorUser,
            publishedAt,
          })
          number = 2
          publishedAt = new Date(Math.min(now.getTime() - day, publishedAt.getTime() + 30 * day))
        }
        decided.version = number
        versionRows.push({ ...base, id: v1, number, status: 'published', submittedAt: submitted, submittedBy: creator, reviewedAt: publishedAt, reviewedBy: vendorUser, publishedAt })
        publishedVersionId = v1
        status = p.status === 'archived' ? 'archived' : 'published'
        if (p.status === 'published_with_review' || p.status === 'published_with_draft') {
          const v2 = createId()
          const inReview = p.status === 'published_with_review'
          // One body: the review diff reads `body`, the preview shows `bodyHtml`.
          const newBody = `${body}\n\n## What's new\n\n- ${f.company.buzzPhrase()}`
          versionRows.push({
            ...base,
            id: v2,
            number: number + 1,
            status: inReview ? 'in_review' : 'draft',
            title: `${title} ${f.helpers.arrayElement(['2.0', 'Plus', 'Pro', 'for enterprises'])}`,
            summary: `${base.summary.slice(0, 200)} Now with ${f.company.buzzNoun()}.`,
            body: newBody,
            bodyHtml: renderMarkdown(newBody),
            submittedAt: inReview ? at(f.number.int({ min: 0, max: 6 })) : null,
            submittedBy: inReview ? creator : null,
          })
          draftVersionId = v2
        }
      } else {
        const vStatus = p.status === 'in_review' ? 'in_review' : p.status === 'rejected' ? 'rejected' : 'draft'
        // In this order (the submission time, then the reason): the seed's random sequence stays the same.
        const submittedAt = vStatus === 'draft' ? null : at(f.number.int({ min: 0, max: 9 }))
        const rejectionReason =
          vStatus === 'rejected'
            ? f.helpers.arrayElement([
                'The description reads like a list of keywords. Describe what the customer gets and how it is delivered.',
                'Please add pricing details and at least one customer outcome.',
                'The summary repeats another partner’s listing almost word for word. Write your own.',
              ])
            : null
        decided.reason = rejectionReason ?? ''
        versionRows.push({
          ...base,
          id: v1,
          number: 1,
          status: vStatus,
          submittedAt,
          submittedBy: vStatus === 'draft' ? null : creator,
          reviewedAt: vStatus === 'rejected' ? at(0) : null,
          reviewedBy: vStatus === 'rejected' ? vendorUser : null,
          rejectionReason,
        })
        draftVersionId = v1
        status = vStatus
      }
      listingRows.push({
        id: listingId,
        orgId: org.id,
        kind: p.kind,
        slug,
        status,
        publishedVersionId,
        draftVersionId,
        featured: status === 'published' && org.status === 'active' && f.datatype.boolean(0.04),
        createdBy: creator,
        publishedAt,
        archivedAt: status === 'archived' ? at(f.number.int({ min: 1, max: 60 })) : null,
        // Every third archived listing was taken down by the partner team (only the vendor restores those).
        archivedByVendor: status === 'archived' && listingRows.length % 3 === 0,
        createdAt: created,
        updatedAt: publishedAt ?? created,
      })
      if (p.kind === 'integration' && published && p.counterpart) {
        const demoPair = northwind && bluepeak && ((org.id === northwind.id && p.counterpart.id === bluepeak.id) || (org.id === bluepeak.id && p.counterpart.id === northwind.id))
        const iStatus = demoPair
          ? org.id === northwind.id
            ? 'confirmed'
            : 'pending'
          : f.helpers.weightedArrayElement([
              { value: 'confirmed' as const, weight: 82 },
              { value: 'pending' as const, weight: 13 },
              { value: 'declined' as const, weight: 5 },
            ])
        const integrationId = createId()
        integrationRows.push({
          id: integrationId,
          listingId,
          orgId: org.id,
          counterpartOrgId: p.counterpart.id,
          status: iStatus,
          decidedBy: iStatus === 'pending' ? null : (creators.get(p.counterpart.id) ?? null),
          decidedAt: iStatus === 'pending' ? null : new Date((publishedAt ?? created).getTime() + 2 * day),
          createdAt: publishedAt ?? created,
          updatedAt: publishedAt ?? created,
        })
        events.push({
          type: `integration.${iStatus === 'pending' ? 'requested' : iStatus}`,
          orgId: org.id,
          subjectType: 'integration',
          subjectId: integrationId,
          payload:
            iStatus === 'pending'
              ? { listingId, slug, counterpartOrgId: p.counterpart.id, ownerOrgName: org.name, seeded: true }
              : { listingId, slug, orgId: org.id, counterpartOrgId: p.counterpart.id, counterpartOrgName: p.counterpart.name, note: null, seeded: true },
          createdAt: now,
        })
      }
      events.push({
        type: status === 'published' ? 'listing.published' : `listing.${status}`,
        orgId: org.id,
        subjectType: 'listing',
        subjectId: listingId,
        // The payload its type declares (app/features/listings/events.ts): a notification or a webhook built from it reads its title, version and reason.
        payload:
          status === 'published'
            ? { slug, kind: p.kind, version: decided.version, title, note: null, submittedBy: creator, seeded: true }
            : status === 'rejected'
              ? { slug, kind: p.kind, version: decided.version, title, reason: decided.reason, submittedBy: creator, seeded: true }
              : status === 'archived'
                ? { slug, kind: p.kind, previousStatus: 'published', byVendor: listingRows.at(-1)!.archivedByVendor ?? false, seeded: true }
                : { slug, kind: p.kind, seeded: true },
        createdAt: now,
      })
    }

    await Promise.all(pending)
    log(`  images and rows prepared (${((Date.now() - started) / 1000).toFixed(1)}s)`)
    // Listings first without version pointers (the pointers reference versions), then versions, then pointers.
    await insertChunked(listingRows, (chunk) => db.insert(listings).values(chunk.map((l) => ({ ...l, publishedVersionId: null, draftVersionId: null }))))
    await insertChunked(versionRows, (chunk) => db.insert(listingVersions).values(chunk), 200)
    await insertChunked(listingRows, (chunk) =>
      db.execute(sql`update listings l set published_version_id = v.pub, draft_version_id = v.draft
        from (values ${sql.join(
          chunk.map((r) => sql`(${r.id}, ${r.publishedVersionId ?? null}::text, ${r.draftVersionId ?? null}::text)`),
          sql`, `,
        )}) as v(id, pub, draft) where l.id = v.id`),
    )
    await insertChunked(integrationRows, (chunk) => db.insert(integrations).values(chunk))
    await insertChunked(media, (chunk) => db.insert(listingMedia).values(chunk))
    await insertChunked(events, (chunk) => db.insert(domainEvents).values(chunk))

    log(`  listings inserted (${((Date.now() - started) / 1000).toFixed(1)}s)`)
    // Keyword flags on what is waiting in the queue (the seeded texts are not copies of each other).
    for (const v of versionRows.filter((v) => v.status === 'in_review')) {
      const stuffing = keywordStuffing({ title: v.title, summary: v.summary ?? '', body: v.body ?? '' })
      if (stuffing)
        await db
          .update(listingVersions)
          .set({ flags: { keywordStuffing: stuffing } })
          .where(eq(listingVersions.id, v.id!))
    }

    const count = (s: string) => listingRows.filter((l) => l.status === s).length
    log(
      `  ${listingRows.length} listings (${count('published')} published, ${count('in_review')} in review, ${count('rejected')} rejected, ${count('draft')} drafts, ${count('archived')} archived), ` +
        `${versionRows.length} versions, ${integrationRows.length} integrations (${integrationRows.filter((r) => r.status === 'confirmed').length} confirmed), ${categories.length} categories, ${logoCount} listing logos`,
    )
  },
}
