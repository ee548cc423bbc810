import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { listings } from '#db/schema/listings.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * Inbound leads: a visitor (anonymous or signed in) contacts an organization from its public
 * profile or one of its listings. The lead belongs to the contacted organization alone.
 */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'discarded'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]
/** What a lead can be converted into: the created record is linked from the lead. */
export const LEAD_CONVERSION_KINDS = ['referral', 'cosell', 'registration'] as const
export type LeadConversionKind = (typeof LEAD_CONVERSION_KINDS)[number]

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
    /** When and by whom the status last changed (null while the lead is new and untouched). */
    handledAt: timestamp('handled_at', { withTimezone: true, mode: 'date' }),
    handledBy: text('handled_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why the partner discarded the lead (set with status `discarded`). */
    discardReason: text('discard_reason'),
    /** The record the lead became (status `converted`): a referral, a co-sell opportunity or a deal registration. */
    convertedKind: text('converted_kind', { enum: LEAD_CONVERSION_KINDS }),
    convertedId: text('converted_id'),
    convertedAt: timestamp('converted_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('leads_org_created_idx').on(t.orgId, t.createdAt), index('leads_listing_idx').on(t.listingId)],
)

/**
 * Views of a published listing's public page, one counter per listing and UTC day (not a row per
 * view). Bots and the listing's own organization are not counted. Private to the listing's
 * organization (`org_id` is the listing's owner, kept here so its reads need no join).
 */
export const listingViewCounts = pgTable(
  'listing_view_counts',
  {
    listingId: text('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.day] }), index('listing_view_counts_org_day_idx').on(t.orgId, t.day)],
)
