import { bigint, integer, pgTable, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row (id 1): a counter bumped in the same transaction as every change that can alter a public
 * page. App nodes compare it with the version their cached anonymous pages were rendered at
 * (app/features/page-cache), so a committed change is visible on every node's next request.
 */
export const publicContentVersion = pgTable('public_content_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
