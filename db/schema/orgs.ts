import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '../../app/utils/id.ts'
import { users } from './auth.ts'

export const ORG_KINDS = ['vendor', 'partner'] as const
export const ORG_STATUSES = ['applicant', 'active', 'suspended', 'rejected'] as const
export const PARTNER_TYPES = [
  'reseller',
  'technology',
  'systems_integrator',
  'msp',
  'referral',
  'hyperscaler',
  'distributor',
] as const
export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const
export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const
export const INDUSTRIES = [
  'healthcare',
  'financial_services',
  'manufacturing',
  'retail',
  'public_sector',
  'education',
  'technology',
  'energy',
  'media',
  'telecom',
] as const
export const ROLES = ['vendor_admin', 'vendor_member', 'partner_admin', 'partner_member'] as const

export type OrgKind = (typeof ORG_KINDS)[number]
export type OrgStatus = (typeof ORG_STATUSES)[number]
export type PartnerType = (typeof PARTNER_TYPES)[number]
export type Tier = (typeof TIERS)[number]
export type Region = (typeof REGIONS)[number]
export type Industry = (typeof INDUSTRIES)[number]
export type Role = (typeof ROLES)[number]

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey().$defaultFn(() => createId()),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    website: text('website'),
    partnerType: text('partner_type', { enum: PARTNER_TYPES }),
    tier: text('tier', { enum: TIERS }),
    status: text('status', { enum: ORG_STATUSES }).notNull().default('applicant'),
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    tagline: text('tagline'),
    description: text('description'),
    logoUrl: text('logo_url'),
    rejectionReason: text('rejection_reason'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    decidedBy: text('decided_by'),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    uniqueIndex('organizations_import_key_key').on(t.importKey),
    index('organizations_status_idx').on(t.kind, t.status),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    id: text('id').primaryKey().$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // One organization per user: a person signs in to act for one company.
  (t) => [uniqueIndex('memberships_user_key').on(t.userId), index('memberships_org_idx').on(t.orgId)],
)

export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey().$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('invitations_token_key').on(t.tokenHash), index('invitations_org_idx').on(t.orgId)],
)
