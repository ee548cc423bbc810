import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '#db/schema/index.ts'
import { referralInput } from '#tests/factories/referrals.ts'
import { DomainError } from '#app/utils/errors.ts'
import { resetEnvForTests, webhookSecretKey } from '#app/env.server.ts'
import { submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { createEndpoint, redeliver, rotateSecret } from '#app/features/webhooks/endpoints.server.ts'
import { encryptPlaintextWebhookSecrets, keyIdOf, openSecret, sealSecret, WebhookSecretKeyError } from '#app/features/webhooks/secret-box.server.ts'
import { newSigningSecret } from '#app/features/webhooks/send.server.ts'
import { flushWebhooks } from '#app/features/webhooks/testing.server.ts'
import { webhookTestbed } from '#app/features/webhooks/testbed.server.ts'

/** Webhook signing secrets are stored encrypted (AES-256-GCM under WEBHOOK_SECRET_KEY), never in plaintext. */
const t = webhookTestbed({ nw: 'Rest Northwind', bp: 'Rest Bluepeak' })
const savedKey = process.env.WEBHOOK_SECRET_KEY

const referral = () => referralInput(t.bp.org.slug)
const flush = flushWebhooks

async function rowOf(id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))
  return row!
}

/** Every text the database holds for the endpoint, as one string. */
async function storedText(id: string) {
  const [row] = await db.execute(sql`select row_to_json(e)::text as t from webhook_endpoints e where id = ${id}`).then((r) => ((r as { rows?: unknown[] }).rows ?? r) as { t: string }[])
  return row!.t
}

const useKey = (key: string | undefined) => {
  if (key === undefined) delete process.env.WEBHOOK_SECRET_KEY
  else process.env.WEBHOOK_SECRET_KEY = key
  resetEnvForTests()
}

afterEach(() => useKey(savedKey))

describe('webhook signing secrets at rest', () => {
  it('the database never holds the secret: only its ciphertext, and messages still verify with it', async () => {
    const { endpoint, secret } = await createEndpoint(t.nw.admin, { url: t.receiver.url('/sealed'), eventTypes: ['referral.submitted'] })
    expect(secret).toMatch(/^whsec_/)
    const row = await rowOf(endpoint.id)
    expect(row.secret).toBeNull()
    expect(row.previousSecret).toBeNull()
    expect(row.secretEncrypted).toMatch(/^v1\.[0-9a-f]{8}\./)
    const stored = await storedText(endpoint.id)
    expect(stored).not.toContain(secret)
    expect(stored).not.toContain(secret.slice('whsec_'.length))
    expect(openSecret(row.secretEncrypted!, endpoint.id)).toBe(secret)
    t.receiver.expect('/sealed', secret)
    await submitReferral(t.nw.admin, referral())
    await flush()
    expect(t.receiver.at('/sealed')).toHaveLength(1)
    expect(t.receiver.rejected).toEqual([])
  })

  it('a rotation stores both secrets encrypted; both sign during the overlap', async () => {
    const { endpoint, secret: first } = await createEndpoint(t.nw.admin, { url: t.receiver.url('/rotated'), eventTypes: ['referral.submitted'] })
    const { secret: second } = await rotateSecret(t.nw.admin, endpoint.id)
    const row = await rowOf(endpoint.id)
    expect(row.secret).toBeNull()
    expect(row.previousSecret).toBeNull()
    expect(openSecret(row.secretEncrypted!, endpoint.id)).toBe(second)
    expect(openSecret(row.previousSecretEncrypted!, endpoint.id)).toBe(first)
    const stored = await storedText(endpoint.id)
    for (const s of [first, second]) expect(stored).not.toContain(s.slice('whsec_'.length))
    // A receiver still on the first secret verifies, then one on the new secret.
    t.receiver.expect('/rotated', first)
    await submitReferral(t.nw.admin, referral())
    await flush()
    expect(t.receiver.at('/rotated')).toHaveLength(1)
    expect(t.receiver.at('/rotated')[0]!.signatures).toBe(2)
    t.receiver.expect('/rotated', second)
    await submitReferral(t.nw.admin, referral())
    await flush()
    expect(t.receiver.at('/rotated')).toHaveLength(2)
    expect(t.receiver.rejected).toEqual([])
  })

  it('plaintext secrets of before are encrypted at startup, none lost (the current and the previous one), and it runs once', async () => {
    const { endpoint } = await createEndpoint(t.nw.admin, { url: t.receiver.url('/legacy'), eventTypes: ['referral.submitted'] })
    const [current, previous] = [newSigningSecret(), newSigningSecret()]
    // A row as the server before encryption at rest wrote it.
    await db.execute(
      sql`update webhook_endpoints set secret = ${current}, secret_encrypted = null, previous_secret = ${previous}, previous_secret_encrypted = null,
            previous_secret_expires_at = now() + interval '1 hour' where id = ${endpoint.id}`,
    )
    // Until the migration runs, the sender still signs with the plaintext (nothing stops).
    t.receiver.expect('/legacy', current)
    await submitReferral(t.nw.admin, referral())
    await flush()
    expect(t.receiver.at('/legacy')).toHaveLength(1)

    expect(await encryptPlaintextWebhookSecrets()).toBe(1)
    expect(await encryptPlaintextWebhookSecrets()).toBe(0)
    const row = await rowOf(endpoint.id)
    expect(row).toMatchObject({ secret: null, previousSecret: null })
    expect(openSecret(row.secretEncrypted!, endpoint.id)).toBe(current)
    expect(openSecret(row.previousSecretEncrypted!, endpoint.id)).toBe(previous)
    const stored = await storedText(endpoint.id)
    for (const s of [current, previous]) expect(stored).not.toContain(s.slice('whsec_'.length))

    t.receiver.expect('/legacy', previous)
    await submitReferral(t.nw.admin, referral())
    await flush()
    expect(t.receiver.at('/legacy')).toHaveLength(2)
    expect(t.receiver.at('/legacy')[1]!.signatures).toBe(2)
    expect(t.receiver.rejected).toEqual([])
  })

  it('a sealed value opens only with its key and for its endpoint; anything else is a clear error, not a wrong secret', () => {
    const secret = newSigningSecret()
    const key = webhookSecretKey()
    const other = randomBytes(32)
    const sealed = sealSecret(secret, 'ep_1', key)
    expect(openSecret(sealed, 'ep_1', key)).toBe(secret)
    expect(sealSecret(secret, 'ep_1', key)).not.toBe(sealed) // a fresh IV each time
    expect(() => openSecret(sealed, 'ep_1', other)).toThrow(WebhookSecretKeyError)
    expect(() => openSecret(sealed, 'ep_1', other)).toThrow(`was encrypted with another WEBHOOK_SECRET_KEY (key id ${keyIdOf(key)}; this server's is ${keyIdOf(other)})`)
    expect(() => openSecret(sealed, 'ep_2', key)).toThrow(/could not be decrypted .* belongs to another endpoint/)
    const parts = sealed.split('.')
    parts[4] = Buffer.from('whsec_tampered').toString('base64url')
    expect(() => openSecret(parts.join('.'), 'ep_1', key)).toThrow(WebhookSecretKeyError)
    expect(() => openSecret('whsec_plain', 'ep_1', key)).toThrow(/not in a format this server reads/)
  })

  it('a server with the wrong WEBHOOK_SECRET_KEY sends nothing: the delivery log says why, and the right key delivers it', async () => {
    const { endpoint, secret } = await createEndpoint(t.nw.admin, { url: t.receiver.url('/wrong-key'), eventTypes: ['referral.submitted'] })
    t.receiver.expect('/wrong-key', secret)
    await submitReferral(t.nw.admin, referral())
    const now = new Date()
    useKey(randomBytes(32).toString('base64'))
    await flush(now)
    expect(t.receiver.at('/wrong-key')).toEqual([])
    const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null })
    expect(delivery!.lastError).toMatch(/^Not sent: The signing secret of webhook endpoint .* was encrypted with another WEBHOOK_SECRET_KEY/)
    const [attempt] = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id))
    expect(attempt!.requestHeaders).toEqual({})
    // A manual redelivery is refused with the same reason.
    const refused = await redeliver(t.nw.admin, endpoint.id, { deliveryId: delivery!.id }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(DomainError)
    expect((refused as DomainError).code).toBe('conflict')
    expect((refused as DomainError).message).toMatch(/another WEBHOOK_SECRET_KEY/)

    useKey(savedKey)
    await flush(new Date(now.getTime() + 60_000))
    expect(t.receiver.at('/wrong-key')).toHaveLength(1)
    expect(t.receiver.rejected).toEqual([])
  })
})
