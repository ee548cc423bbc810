import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/** How many records of one kind an import inserted, changed or found already up to date. */
export type ImportTally = { inserted: number; updated: number; unchanged: number }
export type ImportCounts = {
  organizations: ImportTally
  opportunities: ImportTally
  referrals: ImportTally
  coSell: ImportTally
  /** Strategic partnerships' records (present when the import carried any). */
  partnerships?: ImportTally
  plans?: ImportTally
  commitments?: ImportTally
  reviews?: ImportTally
}

/**
 * One successful import of an ecosystem snapshot (docs/import-format.md "Ecosystem
 * snapshot"), from the CLI or the vendor admin's upload. A refused snapshot writes nothing,
 * so it leaves no row here either. The records themselves remember their snapshot keys in
 * `import_key` on organizations, opportunities, referrals and opportunity_participants.
 */
export const analyticsImports = pgTable(
  'analytics_imports',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['cli', 'upload', 'csv'] }).notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256').notNull(),
    records: integer('records').notNull().default(0),
    counts: jsonb('counts').$type<Partial<ImportCounts>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('analytics_imports_org_idx').on(t.orgId, t.finishedAt)],
)

/**
 * One row (id 1): a counter that triggers bump in the same transaction as every write to the tables
 * the analytics figures are computed from (organizations, opportunities, referrals,
 * opportunity_participants). The dashboard keeps its figures per version, so they are computed
 * once per change of the data, and a committed change is seen on the next request of every node.
 */
export const analyticsDataVersion = pgTable('analytics_data_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
})
