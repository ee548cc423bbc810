import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { apiKeys } from '#db/schema/api.ts'
import { users } from '#db/schema/auth.ts'
import { memberships, organizations, type Role } from '#db/schema/orgs.ts'
import { conflict, DomainError, notFound } from '#app/utils/errors.ts'
import { createId } from '#app/utils/id.ts'
import { assertOrgAdmin, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { parseOrThrow } from '#app/features/referrals/records.server.ts'
import { CreateApiKeySchema, RevokeApiKeySchema } from '#app/features/api/key-schemas.ts'
import { normalizeScopes } from '#app/features/api/scopes.ts'

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

/**
 * Who a bearer token acts as: its organization, through the same `Actor` every domain function
 * takes, with the member role (scopes narrow it further, per route). Refuses, with a reason a
 * developer can act on, a malformed, unknown, revoked or expired key, and one whose creator has
 * left the organization. Records the last use (at most once a minute per key and address).
 */
export async function authenticateApiKey(token: string, ip: string | null): Promise<KeyActor> {
  const match = TOKEN_PATTERN.exec(token)
  if (!match) throw unauthenticated(`That is not an API key. Keys look like ${KEY_PREFIX}… and are created at /settings/api-keys.`)
  const [row] = await db
    .select({ key: apiKeys, org: organizations, user: { id: users.id, email: users.email, name: users.name }, memberOrg: memberships.orgId })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(memberships, eq(memberships.userId, apiKeys.createdBy))
    .where(eq(apiKeys.id, match[1]!))
  const given = Buffer.from(sha256(token))
  const stored = Buffer.from(row?.key.secretHash ?? '')
  if (!row || stored.length !== given.length || !timingSafeEqual(given, stored)) throw unauthenticated('This API key is not valid. Check that it was copied whole, or create a new one.')
  const { key, org, user } = row
  if (key.revokedAt) throw unauthenticated(`The API key "${key.name}" was revoked on ${key.revokedAt.toISOString().slice(0, 10)}. Ask an admin of ${org.name} for a new key.`)
  if (key.expiresAt && key.expiresAt <= new Date())
    throw unauthenticated(`The API key "${key.name}" expired on ${key.expiresAt.toISOString().slice(0, 10)}. Ask an admin of ${org.name} for a new key.`)
  if (!user || row.memberOrg !== org.id) throw unauthenticated(`The API key "${key.name}" was created by someone who is no longer in ${org.name}. Ask an admin for a new key.`)
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date(), lastUsedIp: ip })
    .where(and(eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), sql`${apiKeys.lastUsedAt} < now() - interval '1 minute'`, sql`${apiKeys.lastUsedIp} is distinct from ${ip}`)))
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    name: `API key "${key.name}"`,
    orgId: org.id,
    orgKind: org.kind,
    orgStatus: org.status,
    orgName: org.name,
    role: keyRole(org.kind),
  }
  return { actor, key: { id: key.id, name: key.name, scopes: key.scopes, orgId: key.orgId } }
}
