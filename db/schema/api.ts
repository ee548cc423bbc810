import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { createId } from '#app/utils/id.ts'
import { users } from '#db/schema/auth.ts'
import { organizations } from '#db/schema/orgs.ts'

/**
 * An organization's API key. Only the SHA-256 of the secret is stored; the secret is shown once,
 * when the key is created. `scopes` are `<resource>:<read|write>` strings (app/features/api/scopes.ts).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => createId()),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    secretHash: text('secret_hash').notNull(),
    /** The admin who created it: the key's writes are attributed to them, and it stops working when they leave the organization. */
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: text('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    lastUsedIp: text('last_used_ip'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('api_keys_org_idx').on(t.orgId, t.createdAt)],
)

/**
 * The first answer to a POST carrying an `Idempotency-Key`, per API key, kept for 24 hours. A row
 * without `status` is a request still running (claimed before the write, so two at once cannot both write).
 */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    apiKeyId: text('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    responseBody: jsonb('response_body').$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.idempotencyKey] }), index('api_idempotency_created_idx').on(t.createdAt)],
)

/**
 * The vendor's limits on the public API, set at /admin/settings (one row, the vendor's): requests a
 * minute per key and per organization (all its keys together). Without a row the environment's
 * defaults apply (API_RATE_LIMIT_PER_MINUTE, API_ORG_RATE_LIMIT_PER_MINUTE: 1,200).
 */
export const apiSettings = pgTable('api_settings', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  perKeyPerMinute: integer('per_key_per_minute').notNull(),
  perOrgPerMinute: integer('per_org_per_minute').notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
