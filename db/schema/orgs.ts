import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { INDUSTRIES, ORG_KINDS, ORG_STATUSES, PARTNER_TYPES, REGIONS, ROLES, TIERS } from '#db/vocab.ts'
import { users } from '#db/schema/auth.ts'

export { INDUSTRIES, ORG_KINDS, ORG_STATUSES, PARTNER_TYPES, REGIONS, ROLES, TIERS }
export type { Industry, OrgKind, OrgStatus, PartnerType, Region, Role, Tier } from '#db/vocab.ts'

export const organizations = pgTable(
  'organizations',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    website: text('website'),
    partnerType: text('partner_type', { enum: PARTNER_TYPES }),
    tier: text('tier', { enum: TIERS }),
    status: text('status', { enum: ORG_STATUSES }).notNull().default('applicant'),
    regions: text('regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industries: text('industries')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tagline: text('tagline'),
    description: text('description'),
    logoUrl: text('logo_url'),
    rejectionReason: text('rejection_reason'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    decidedBy: text('decided_by'),
    /** Set while the vendor's team has suspended the partner (status 'suspended'), cleared on reinstatement. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true, mode: 'date' }),
    suspensionReason: text('suspension_reason'),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug), uniqueIndex('organizations_import_key_key').on(t.importKey), index('organizations_status_idx').on(t.kind, t.status)],
)

export const memberships = pgTable(
  'memberships',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
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
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
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
