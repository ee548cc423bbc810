import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { LISTING_KINDS, PRICING_MODELS } from '#db/vocab.ts'

/**
 * The marketplace: listings (services, solutions, apps, integrations) with every submitted and
 * published version kept, the vendor-managed category taxonomy, uploaded media and the
 * integration links between a listing and its counterpart org.
 *
 * Visibility: a listing is public when `status = 'published'` (its `published_version_id` is the
 * live version) and its org is `active`. Editing a published listing creates a new working
 * version (`draft_version_id`) while the published one stays live.
 */
export { LISTING_KINDS, PRICING_MODELS }
export type { ListingKind, PricingModel } from '#db/vocab.ts'

/** Status of the listing as a whole (what the public sees). */
export const LISTING_STATUSES = ['draft', 'in_review', 'published', 'rejected', 'archived'] as const
export type ListingStatus = (typeof LISTING_STATUSES)[number]

/** Status of one version. `superseded`: was published, replaced by a newer published version. */
export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'rejected', 'superseded', 'withdrawn'] as const
export type VersionStatus = (typeof VERSION_STATUSES)[number]

export const INTEGRATION_STATUSES = ['pending', 'confirmed', 'declined'] as const
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number]

export const MEDIA_KINDS = ['listing_logo', 'screenshot', 'org_logo'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

export type ListingScreenshot = { mediaId: string; key: string; alt: string; width: number; height: number }
export type ListingFlags = {
  keywordStuffing?: { terms: { term: string; count: number }[]; longTitle: boolean }
  nearDuplicates?: { listingId: string; slug: string; title: string; orgName: string; similarity: number }[]
}

/** The vendor-managed taxonomy. */
export const listingCategories = pgTable(
  'listing_categories',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listing_categories_slug_key').on(t.slug)],
)

export const listings = pgTable(
  'listings',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LISTING_KINDS }).notNull(),
    slug: text('slug').notNull(),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('draft'),
    /** The live version (null until first approval). Kept when archived. */
    publishedVersionId: text('published_version_id').references((): AnyPgColumn => listingVersions.id, {
      onDelete: 'set null',
    }),
    /** The version being worked on / in review / rejected, if any (null when nothing pending). */
    draftVersionId: text('draft_version_id').references((): AnyPgColumn => listingVersions.id, {
      onDelete: 'set null',
    }),
    featured: boolean('featured').notNull().default(false),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    /** True when the vendor's team archived it (a moderation take-down): only the vendor's team can restore it. */
    archivedByVendor: boolean('archived_by_vendor').notNull().default(false),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listings_slug_key').on(t.slug),
    uniqueIndex('listings_import_key_key').on(t.importKey),
    index('listings_org_idx').on(t.orgId, t.status),
    index('listings_public_idx').on(t.status, t.publishedAt),
    // The marketplace home's featured row: a few hundred rows, found without walking every published listing.
    index('listings_featured_idx')
      .on(t.publishedAt)
      .where(sql`${t.featured} and ${t.status} = 'published'`),
  ],
)

export const listingVersions = pgTable(
  'listing_versions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    listingId: text('listing_id')
      .notNull()
      .references((): AnyPgColumn => listings.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per listing. */
    number: integer('number').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Markdown source; rendered and sanitized on output. */
    body: text('body').notNull().default(''),
    /** `body` rendered to sanitized HTML when the version is saved (pages never render Markdown per request). */
    bodyHtml: text('body_html').notNull().default(''),
    /** listing_categories.id values. */
    categoryIds: text('category_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pricingModel: text('pricing_model', { enum: PRICING_MODELS }).notNull().default('contact_us'),
    pricingDetails: text('pricing_details'),
    /** For kind integration: the org whose product this integrates with. */
    counterpartOrgId: text('counterpart_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    /** Storage key of the logo (see listing_media). */
    logoKey: text('logo_key'),
    screenshots: jsonb('screenshots').$type<ListingScreenshot[]>().notNull().default([]),
    /** Moderation flags computed at submission (keyword stuffing, near duplicates). */
    flags: jsonb('flags').$type<ListingFlags>().notNull().default({}),
    rejectionReason: text('rejection_reason'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: text('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    reviewedBy: text('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listing_versions_number_key').on(t.listingId, t.number),
    index('listing_versions_status_idx').on(t.status, t.submittedAt),
    index('listing_versions_categories_idx').using('gin', t.categoryIds),
    index('listing_versions_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
    /** Near-duplicate checks compare the opening of the description (see moderation.server.ts). */
    index('listing_versions_body_head_trgm_idx').using('gin', sql`left(${t.body}, 500) gin_trgm_ops`),
  ],
)

/** Uploaded images (re-encoded), owned by an org; the bytes live in the storage backend under `key`. */
export const listingMedia = pgTable(
  'listing_media',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    key: text('key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('listing_media_key_key').on(t.key), index('listing_media_org_idx').on(t.orgId)],
)

/** A listing of kind integration ↔ the counterpart org, which alone confirms or declines. */
export const integrations = pgTable(
  'integrations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    listingId: text('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    counterpartOrgId: text('counterpart_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INTEGRATION_STATUSES }).notNull().default('pending'),
    note: text('note'),
    decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('integrations_listing_key').on(t.listingId), index('integrations_counterpart_idx').on(t.counterpartOrgId, t.status), index('integrations_org_idx').on(t.orgId, t.status)],
)
