import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Account mapping: connections between partners with what each side shares, each partner's
 * account list keyed by normalized domain, and CSV import jobs with their progress.
 */

/** The three account populations a partner keeps. */
export const POPULATIONS = ['customer', 'opportunity', 'prospect'] as const
export type Population = (typeof POPULATIONS)[number]

/** What one side of a connection shares about one population: nothing, overlap counts, or overlapping names with status. */
export const SHARING_LEVELS = ['none', 'counts', 'names'] as const
export type SharingLevel = (typeof SHARING_LEVELS)[number]

export const CONNECTION_STATUSES = ['requested', 'accepted', 'declined', 'ended'] as const
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number]

export const connections = pgTable(
  'connections',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    requesterOrgId: text('requester_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    recipientOrgId: text('recipient_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CONNECTION_STATUSES }).notNull().default('requested'),
    message: text('message'),
    requesterShareCustomers: text('requester_share_customers', { enum: SHARING_LEVELS }).notNull().default('none'),
    requesterShareOpportunities: text('requester_share_opportunities', { enum: SHARING_LEVELS }).notNull().default('none'),
    requesterShareProspects: text('requester_share_prospects', { enum: SHARING_LEVELS }).notNull().default('none'),
    recipientShareCustomers: text('recipient_share_customers', { enum: SHARING_LEVELS }).notNull().default('none'),
    recipientShareOpportunities: text('recipient_share_opportunities', { enum: SHARING_LEVELS }).notNull().default('none'),
    recipientShareProspects: text('recipient_share_prospects', { enum: SHARING_LEVELS }).notNull().default('none'),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    respondedBy: text('responded_by').references(() => users.id, { onDelete: 'set null' }),
    endedBy: text('ended_by').references(() => users.id, { onDelete: 'set null' }),
    importKey: text('import_key'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // At most one live (requested or accepted) connection per pair of partners, whichever side asked.
    uniqueIndex('connections_live_pair_key')
      .on(sql`least(${t.requesterOrgId}, ${t.recipientOrgId})`, sql`greatest(${t.requesterOrgId}, ${t.recipientOrgId})`)
      .where(sql`${t.status} in ('requested', 'accepted')`),
    uniqueIndex('connections_import_key_key').on(t.importKey),
    index('connections_requester_idx').on(t.requesterOrgId, t.status),
    index('connections_recipient_idx').on(t.recipientOrgId, t.status),
    check('connections_distinct_orgs', sql`${t.requesterOrgId} <> ${t.recipientOrgId}`),
  ],
)

export const accounts = pgTable(
  'accounts',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Normalized: lower case, no scheme, `www.`, port or path; IDN as punycode. */
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    population: text('population', { enum: POPULATIONS }).notNull(),
    ownerEmail: text('owner_email'),
    /** Minor units (cents). */
    dealSize: bigint('deal_size', { mode: 'number' }),
    source: text('source', { enum: ['manual', 'import', 'seed'] })
      .notNull()
      .default('manual'),
    importJobId: text('import_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_org_domain_key').on(t.orgId, t.domain),
    // Covering index for the overlap join: (org, domain) → population without visiting the heap.
    index('accounts_org_domain_population_idx').on(t.orgId, t.domain, t.population),
    index('accounts_org_population_idx').on(t.orgId, t.population),
    check('accounts_deal_size_nonnegative', sql`coalesce(${t.dealSize}, 0) >= 0`),
  ],
)

export const IMPORT_STATUSES = ['uploaded', 'validating', 'importing', 'completed', 'failed', 'refused'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
export const IMPORT_MODES = ['strict', 'skip'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]
export const IMPORT_FIELDS = ['name', 'domain', 'population', 'ownerEmail', 'dealSize'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export type ImportMapping = Partial<Record<ImportField, string>>

export const accountImportJobs = pgTable(
  'account_import_jobs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('uploaded'),
    mode: text('mode', { enum: IMPORT_MODES }),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    preview: jsonb('preview').$type<string[][]>().notNull().default([]),
    mapping: jsonb('mapping').$type<ImportMapping>(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    insertedCount: integer('inserted_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('account_import_jobs_org_idx').on(t.orgId, t.createdAt)],
)

/** The uploaded file, as decoded UTF-8 text in chunks, so any app node can run the import. */
export const accountImportChunks = pgTable(
  'account_import_chunks',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => accountImportJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
)

/** The row-by-row validation report of an import (1-based data row numbers, header excluded). */
export const accountImportErrors = pgTable(
  'account_import_errors',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => accountImportJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
)

/** Valid rows staged during validation; moved into `accounts` by one statement at the end. */
export const accountImportRows = pgTable(
  'account_import_rows',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => accountImportJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    population: text('population', { enum: POPULATIONS }).notNull(),
    ownerEmail: text('owner_email'),
    dealSize: bigint('deal_size', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
)
