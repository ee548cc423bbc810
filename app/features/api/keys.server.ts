import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { apiKeys } from '#db/schema/api.ts'
import { users } from '#db/schema/auth.ts'
import type { Role } from '#db/schema/orgs.ts'
import { conflict, DomainError, notFound } from '#app/utils/errors.ts'
import { createId } from '#app/utils/id.ts'
import { assertOrgAdmin, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { CreateApiKeySchema, RevokeApiKeySchema } from '#app/features/api/key-schemas.ts'
import { grantingScopes, normalizeScopes, type ApiScope } from '#app/features/api/scopes.ts'

/** Every secret starts with this, so a leaked one is recognizable (secret scanners, logs). */
export const KEY_PREFIX = 'ph_live_'
/** `ph_live_<key id>_<43 characters of base64url>`: the id finds the row, the rest is 256 random bits. */
const TOKEN_PATTERN = /^ph_live_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/

export type ApiKey = typeof apiKeys.$inferSelect
export type ApiKeyView = Omit<ApiKey, 'secretHash'> & { createdByName: string | null; state: 'active' | 'revoked' | 'expired' }

/** What is stored of a secret. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')
const sha256 = hashSecret

export function newSecret(keyId: string) {
  return `${KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`
}

export function stateOf(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyView['state'] {
  if (key.revokedAt) return 'revoked'
  if (key.expiresAt && key.expiresAt <= now) return 'expired'
  return 'active'
}

/**
 * Creates a key for the actor's organization; only its admins may. Returns the secret, which is
 * never stored or shown again. A suspended organization may still create keys: they can read.
 */
export async function createApiKey(actor: Actor, input: unknown, meta: { ip?: string | null } = {}) {
  assertOrgAdmin(actor, 'Only an admin of your organization can create API keys.')
  assertOrgMayRead(actor, 'use the API')
  const data = parseOrThrow(CreateApiKeySchema, input, 'The key was not created.')
  const scopes = normalizeScopes(data.scopes)
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null
  return db.transaction(async (tx) => {
    const id = createId()
    const secret = newSecret(id)
    const [row] = await tx
      .insert(apiKeys)
      .values({ id, orgId: actor.orgId, name: data.name, scopes, secretHash: sha256(secret), createdBy: actor.userId, expiresAt })
      .returning()
    const key = row!
    await recordEvent(tx, {
      type: 'api_key.created',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'api_key',
      subjectId: key.id,
      payload: { keyId: key.id, name: key.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
      ip: meta.ip ?? null,
    })
    return { key: { ...key, secretHash: undefined }, secret }
  })
}

/** The organization's keys, newest first, for its admins. Secrets are never returned. */
export async function listApiKeys(actor: Actor): Promise<ApiKeyView[]> {
  assertOrgAdmin(actor, 'Only an admin of your organization can see its API keys.')
  const rows = await db
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, actor.orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
  const now = new Date()
  return rows.map(({ key: { secretHash: _hidden, ...key }, createdByName }) => ({ ...key, createdByName, state: stateOf(key, now) }))
}

/** Revokes a key of the actor's organization at once; a key of another organization is not found. */
export async function revokeApiKey(actor: Actor, input: unknown, meta: { ip?: string | null } = {}) {
  assertOrgAdmin(actor, 'Only an admin of your organization can revoke API keys.')
  const { keyId } = parseOrThrow(RevokeApiKeySchema, input, 'The key was not revoked.')
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.orgId, actor.orgId)))
      .for('update')
    if (!key) throw notFound('That API key does not exist in your organization.')
    if (key.revokedAt) throw conflict(`The key "${key.name}" was already revoked.`)
    await tx.update(apiKeys).set({ revokedAt: new Date(), revokedBy: actor.userId }).where(eq(apiKeys.id, key.id))
    await recordEvent(tx, {
      type: 'api_key.revoked',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'api_key',
      subjectId: key.id,
      payload: { keyId: key.id, name: key.name },
      ip: meta.ip ?? null,
    })
    return { name: key.name }
  })
}

const unauthenticated = (message: string) => new DomainError('unauthenticated', message)

/** The role a key acts with: its organization's member role. A key never holds admin powers. */
const keyRole = (kind: 'vendor' | 'partner'): Role => (kind === 'vendor' ? 'vendor_member' : 'partner_member')

export type KeyActor = { actor: Actor; key: Pick<ApiKey, 'id' | 'name' | 'scopes' | 'orgId'> }

/** The length of the API's fixed rate-limit windows. */
export const RATE_WINDOW_SECONDS = 60

/** One window's count after this request, and when the window started. */
export type WindowCount = { count: number; windowStart: Date }
/** What the one statement of `authenticateApiKey` counted for this request: the key's and the organization's windows and the limits in force. */
export type KeyUsage = { byKey: WindowCount; byOrg: WindowCount; limits: { perKeyPerMinute: number; perOrgPerMinute: number } }

type AuthRow = {
  id: string
  org_id: string
  name: string
  scopes: string[]
  secret_hash: string
  expires_at: Date | string | null
  revoked_at: Date | string | null
  org_name: string
  org_kind: 'vendor' | 'partner'
  org_status: Actor['orgStatus']
  user_id: string | null
  user_email: string | null
  user_name: string | null
  member: boolean
  key_count: number | null
  key_window: Date | string | null
  org_count: number | null
  org_window: Date | string | null
  per_key: number
  per_org: number
}

const asDate = (d: Date | string | null) => (d === null ? null : new Date(d))

/**
 * The one statement of `authenticateApiKey`: a call of `api_authenticate` (migration 0046), a
 * PL/pgSQL function so the database keeps its plan (planning the statement cost more than running it).
 */
export function authStatement(keyId: string, hash: string, ip: string | null, scope: ApiScope, defaults: { perKeyPerMinute: number; perOrgPerMinute: number }) {
  const granting = `{${grantingScopes(scope).join(',')}}`
  return sql`select * from api_authenticate(${keyId}, ${hash}, ${ip}, ${scope}, ${granting}::text[], ${defaults.perKeyPerMinute}::int, ${defaults.perOrgPerMinute}::int, ${RATE_WINDOW_SECONDS}::int)`
}

/**
 * Who a bearer token acts as: its organization, through the same `Actor` every domain function
 * takes, with the member role (scopes narrow it further, per route). Refuses, with a reason a
 * developer can act on, a malformed, unknown, revoked or expired key, and one whose creator has
 * left the organization.
 *
 * One SQL statement per request (`api_authenticate`, migration 0046) does all the key's bookkeeping: it looks the key up by id (with
 * its organization, its creator and their membership), and only when the secret's hash matches
 * and the key is live it also bumps the per-key and per-organization rate-limit windows, reads the
 * vendor's limits (/admin/settings, else the environment's defaults), records the last use (time
 * and address, at most once a minute per key) and, on the first use of `scope` in a window that
 * is within both limits, writes the audit log's `api_key.used` record. It returns the counts;
 * the caller decides on 429 (http.server.ts).
 */
export async function authenticateApiKey(
  token: string,
  ip: string | null,
  { scope, defaults }: { scope: ApiScope; defaults: { perKeyPerMinute: number; perOrgPerMinute: number } },
): Promise<KeyActor & { usage: KeyUsage }> {
  const match = TOKEN_PATTERN.exec(token)
  if (!match) throw unauthenticated(`That is not an API key. Keys look like ${KEY_PREFIX}… and are created at /settings/api-keys.`)
  const hash = sha256(token)
  const keyId = match[1]!
  const [row] = await queryRows<AuthRow>(db, authStatement(keyId, hash, ip, scope, defaults))
  const given = Buffer.from(hash)
  const stored = Buffer.from(row?.secret_hash ?? '')
  if (!row || stored.length !== given.length || !timingSafeEqual(given, stored)) throw unauthenticated('This API key is not valid. Check that it was copied whole, or create a new one.')
  const revokedAt = asDate(row.revoked_at)
  const expiresAt = asDate(row.expires_at)
  if (revokedAt) throw unauthenticated(`The API key "${row.name}" was revoked on ${revokedAt.toISOString().slice(0, 10)}. Ask an admin of ${row.org_name} for a new key.`)
  if (expiresAt && expiresAt <= new Date()) throw unauthenticated(`The API key "${row.name}" expired on ${expiresAt.toISOString().slice(0, 10)}. Ask an admin of ${row.org_name} for a new key.`)
  if (!row.user_id || !row.member) throw unauthenticated(`The API key "${row.name}" was created by someone who is no longer in ${row.org_name}. Ask an admin for a new key.`)
  if (row.key_count === null || row.org_count === null) {
    // Live by this process's clock but not by the database's (an expiry in between): refused as expired.
    throw unauthenticated(`The API key "${row.name}" expired. Ask an admin of ${row.org_name} for a new key.`)
  }
  const actor: Actor = {
    userId: row.user_id,
    email: row.user_email!,
    name: `API key "${row.name}"`,
    orgId: row.org_id,
    orgKind: row.org_kind,
    orgStatus: row.org_status,
    orgName: row.org_name,
    role: keyRole(row.org_kind),
  }
  return {
    actor,
    key: { id: row.id, name: row.name, scopes: row.scopes, orgId: row.org_id },
    usage: {
      byKey: { count: Number(row.key_count), windowStart: asDate(row.key_window)! },
      byOrg: { count: Number(row.org_count), windowStart: asDate(row.org_window)! },
      limits: { perKeyPerMinute: Number(row.per_key), perOrgPerMinute: Number(row.per_org) },
    },
  }
}
