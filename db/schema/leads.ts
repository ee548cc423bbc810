import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { listings } from '#db/schema/listings.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Inbound leads: a visitor (anonymous or signed in) contacts an organization from its public
 * profile or one of its listings. The lead belongs to the contacted organization alone.
 */
export const LEAD_STATUSES = ['new', 'handled'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]

export const leads = pgTable(
  'leads',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The listing the visitor wrote from (null: from the profile, or the listing was deleted since). */
    listingId: text('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    /** The listing's title when the lead was sent, so the lead still reads right if the listing changes. */
    listingTitle: text('listing_title'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    company: text('company').notNull(),
    message: text('message').notNull(),
    /** Set when the visitor was signed in. */
    senderUserId: text('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
    handledBy: text('handled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('leads_org_created_idx').on(t.orgId, t.createdAt), index('leads_listing_idx').on(t.listingId)],
)
