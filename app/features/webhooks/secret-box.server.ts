import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { webhookSecretKey } from '#app/env.server.ts'

/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY (node:crypto), bound to the
 * endpoint's id (the additional authenticated data), so a sealed value copied onto another
 * endpoint does not open. Stored as `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the
 * key id (8 hex characters of the key's SHA-256, not the key) tells a wrong key from a damaged value.
 */
const VERSION = 'v1'

/** A sealed secret that cannot be opened: the wrong WEBHOOK_SECRET_KEY, or a damaged value. Never a garbage secret. */
export class WebhookSecretKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookSecretKeyError'
  }
}

const keyIds = new Map<string, string>()
/** The public fingerprint of a key: 8 hex characters of its SHA-256. */
export function keyIdOf(key: Buffer) {
  const hex = key.toString('hex')
  let id = keyIds.get(hex)
  if (!id) {
    id = createHash('sha256').update(key).digest('hex').slice(0, 8)
    keyIds.set(hex, id)
  }
  return id
}

const aad = (endpointId: string) => Buffer.from(`webhook_endpoints:${endpointId}`)

/** Encrypts a signing secret for the endpoint `endpointId`. */
export function sealSecret(secret: string, endpointId: string, key: Buffer = webhookSecretKey()): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(endpointId))
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [VERSION, keyIdOf(key), iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.')
}

/** Decrypts a sealed signing secret of the endpoint `endpointId`; throws WebhookSecretKeyError when it cannot. */
export function openSecret(sealed: string, endpointId: string, key: Buffer = webhookSecretKey()): string {
  const parts = sealed.split('.')
  if (parts.length !== 5 || parts[0] !== VERSION) throw new WebhookSecretKeyError(`The signing secret of webhook endpoint ${endpointId} is not in a format this server reads (expected ${VERSION}.…).`)
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string]
  const current = keyIdOf(key)
  if (keyId !== current) {
    throw new WebhookSecretKeyError(
      `The signing secret of webhook endpoint ${endpointId} was encrypted with another WEBHOOK_SECRET_KEY (key id ${keyId}; this server's is ${current}). ` +
        'Start the server with the key it was encrypted with, or rotate the endpoint’s secret to get a new one.',
    )
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(aad(endpointId))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new WebhookSecretKeyError(
      `The signing secret of webhook endpoint ${endpointId} could not be decrypted with WEBHOOK_SECRET_KEY (key id ${current}): the stored value was changed or belongs to another endpoint. Rotate the endpoint’s secret.`,
    )
  }
}

/** The stored form of an endpoint's secrets. */
export type StoredSecrets = {
  id: string
  secretEncrypted: string | null
  previousSecretEncrypted: string | null
  previousSecretExpiresAt: Date | null
  /** Legacy plaintext, read only until the startup migration has encrypted it. */
  secret?: string | null
  previousSecret?: string | null
}

/**
 * The secrets that sign for an endpoint now, decrypted: the current one, and the previous one while
 * its overlap lasts (an expired one is not opened). The legacy plaintext columns are read while a
 * row is not yet encrypted (a node that started before the startup migration ran).
 */
export function openSecrets(e: StoredSecrets, now = new Date(), key: Buffer = webhookSecretKey()) {
  const secret = e.secretEncrypted ? openSecret(e.secretEncrypted, e.id, key) : e.secret
  if (!secret) throw new WebhookSecretKeyError(`Webhook endpoint ${e.id} has no signing secret: rotate it to get one.`)
  const overlapping = e.previousSecretExpiresAt !== null && e.previousSecretExpiresAt > now
  const previousSecret = !overlapping ? null : e.previousSecretEncrypted ? openSecret(e.previousSecretEncrypted, e.id, key) : (e.previousSecret ?? null)
  return { secret, previousSecret, previousSecretExpiresAt: e.previousSecretExpiresAt }
}

/**
 * The data migration that goes with migration 0045: encrypts every signing secret still stored in
 * plaintext (from before encryption at rest) and empties the plaintext columns, one row at a time,
 * each only if it was not changed meanwhile (another node, a rotation). Idempotent and cheap when
 * there is nothing to do (one indexed-free scan of a small table); run at every start.
 * Returns how many endpoints it encrypted.
 */
export async function encryptPlaintextWebhookSecrets(q: Queryable = db, key: Buffer = webhookSecretKey()) {
  const rows = await queryRows<{ id: string; secret: string | null; previous_secret: string | null }>(
    q,
    sql`select id, secret, previous_secret from webhook_endpoints where secret is not null or previous_secret is not null`,
  )
  let done = 0
  for (const row of rows) {
    const updated = await queryRows<{ id: string }>(
      q,
      sql`update webhook_endpoints set
            secret_encrypted = coalesce(${row.secret === null ? null : sealSecret(row.secret, row.id, key)}, secret_encrypted),
            previous_secret_encrypted = coalesce(${row.previous_secret === null ? null : sealSecret(row.previous_secret, row.id, key)}, previous_secret_encrypted),
            secret = null, previous_secret = null
          where id = ${row.id} and secret is not distinct from ${row.secret} and previous_secret is not distinct from ${row.previous_secret}
          returning id`,
    )
    done += updated.length
  }
  return done
}
