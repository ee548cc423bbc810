import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'
import { opportunities } from '#db/schema/pipeline.ts'

/** Tasks on a co-sell opportunity's shared record, each owned by a person of a participating org. */
export const cosellTasks = pgTable(
  'cosell_tasks',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    opportunityId: text('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    ownerOrgId: text('owner_org_id')
      .notNull()
      .references(() => organizations.id),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    doneBy: text('done_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('cosell_tasks_opp_idx').on(t.opportunityId, t.createdAt)],
)
