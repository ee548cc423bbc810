import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { auditLog, notifications, webhookAttempts, webhookDeliveries, webhookEndpoints } from '#db/schema/index.ts'
import { createVendor } from '#tests/factories/index.ts'
import { referralInput } from '#tests/factories/referrals.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { acceptReferral, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { deliverPendingNotifications } from '#app/features/notifications/testing.server.ts'
import { webhookMessageSchema, type WebhookEventType } from '#app/features/webhooks/catalog.ts'
import { backoffMs, RETRY_WINDOW_MS } from '#app/features/webhooks/delivery.server.ts'
import { createEndpoint, deleteEndpoint, getEndpoint, redeliver, rotateSecret, setEndpointEnabled } from '#app/features/webhooks/endpoints.server.ts'
import { postMessage } from '#app/features/webhooks/send.server.ts'
import { flushWebhooks } from '#app/features/webhooks/testing.server.ts'
import { webhookTestbed } from '#app/features/webhooks/testbed.server.ts'
import { checkWebhookUrl, isPrivateAddress } from '#app/features/webhooks/url.server.ts'
import { refusal } from '#tests/support/refusal.ts'

const t = webhookTestbed({ nw: 'Hook Northwind', bp: 'Hook Bluepeak', rival: 'Hook Rival' })
let vendor: Awaited<ReturnType<typeof createVendor>>

const REFERRAL_TYPES: WebhookEventType[] = ['referral.submitted', 'referral.accepted', 'referral.declined', 'fee.paid']

/** An endpoint on the local receiver at `path`, its secret registered with the receiver. */
async function endpointFor(actor: Actor, path: string, eventTypes: WebhookEventType[] = REFERRAL_TYPES) {
  const { endpoint, secret } = await createEndpoint(actor, { url: t.receiver.url(path), description: path, eventTypes })
  t.receiver.expect(path, secret)
  return endpoint
}

/** Queues what the outbox holds and sends what is due at `now`. */
const flush = flushWebhooks

beforeAll(async () => {
  vendor = await createVendor()
})

describe('delivering a referral to the organizations that see it', () => {
  it('a referral sent by one partner and accepted by another reaches both, and the vendor, signed; never an outsider', async () => {
    await endpointFor(t.nw.admin, '/nw')
    await endpointFor(t.bp.admin, '/bp')
    await endpointFor(t.rival.admin, '/rival')
    await endpointFor(vendor.admin, '/vendor', ['referral.submitted'])
    const r = await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    await acceptReferral(t.bp.admin, r.id, { acceptTerms: 'on' })
    const sent = await flush()
    expect(sent).toMatchObject({ delivered: 5, retrying: 0, failed: 0 })
    expect(t.receiver.rejected).toEqual([])
    expect(t.receiver.at('/nw').map((m) => m.type)).toEqual(['referral.submitted', 'referral.accepted'])
    expect(t.receiver.at('/bp').map((m) => m.type)).toEqual(['referral.submitted', 'referral.accepted'])
    expect(t.receiver.at('/vendor').map((m) => m.type)).toEqual(['referral.submitted'])
    expect(t.receiver.at('/rival')).toEqual([])
    // The payload is the documented schema, about this referral.
    for (const m of t.receiver.received) {
      const parsed = webhookMessageSchema(m.type as WebhookEventType).parse(m.body)
      expect(parsed.data).toMatchObject({ id: r.id, object: 'referral', fromOrgId: t.nw.org.id, toOrgId: t.bp.org.id, accountName: 'Globex Corporation' })
    }
    // One stable webhook-id per event and endpoint.
    const ids = t.receiver.received.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    const nwIds = t.receiver.at('/nw').map((m) => m.id)
    const bpIds = t.receiver.at('/bp').map((m) => m.id)
    expect(nwIds.every((id, i) => id.split('_')[1] === bpIds[i]!.split('_')[1])).toBe(true)
  })

  it('a queued event is not sent twice when the outbox batch is replayed or the sender runs again', async () => {
    await endpointFor(t.nw.admin, '/replay')
    await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    await flush()
    // Replay: rewind the consumer's cursor; the unique (endpoint, event) index keeps one delivery.
    await db.execute(sql`update outbox_cursors set last_txid = 0, last_id = 0 where consumer = 'webhooks'`)
    await flush()
    expect(t.receiver.at('/replay')).toHaveLength(1)
    expect(await db.select().from(webhookDeliveries)).toHaveLength(1)
  })
})

describe('retries', () => {
  it('a receiver down for a while gets every event exactly once per event id, in order, once it is back', async () => {
    const endpoint = await endpointFor(t.nw.admin, '/flaky')
    t.receiver.down(500)
    for (let i = 0; i < 4; i++) await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    const start = new Date()
    const first = await flush(start)
    // Only the oldest was tried: the later ones wait behind it.
    expect(first).toMatchObject({ delivered: 0, retrying: 1 })
    let log = await getEndpoint(t.nw.admin, endpoint.id)
    expect(log.deliveries.map((d) => d.attempts)).toEqual([0, 0, 0, 1])
    expect(log.deliveries.at(-1)).toMatchObject({ status: 'pending', lastStatusCode: 500 })
    // Still down at the next attempts; then up.
    let now = start
    for (let attempt = 1; attempt <= 3; attempt++) {
      now = new Date(now.getTime() + backoffMs(attempt))
      await flush(now)
    }
    expect(t.receiver.at('/flaky')).toEqual([])
    t.receiver.up()
    // Not due yet: nothing is sent before the backoff ends.
    expect(await flush(now)).toMatchObject({ delivered: 0 })
    now = new Date(now.getTime() + backoffMs(4))
    expect(await flush(now)).toMatchObject({ delivered: 4 })
    const got = t.receiver.at('/flaky')
    expect(got).toHaveLength(4)
    expect(new Set(got.map((m) => m.id)).size).toBe(4)
    const eventIds = got.map((m) => Number(m.id.split('_')[1]))
    expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b))
    log = await getEndpoint(t.nw.admin, endpoint.id)
    expect(log.deliveries.every((d) => d.status === 'delivered')).toBe(true)
    expect(log.deliveries.at(-1)!.attempts).toBe(5)
    // Nothing more goes out later.
    expect(await flush(new Date(now.getTime() + RETRY_WINDOW_MS))).toMatchObject({ delivered: 0, retrying: 0 })
    expect(t.receiver.at('/flaky')).toHaveLength(4)
  })

  it('an endpoint failing for 24 hours is disabled and its admins notified', async () => {
    const endpoint = await endpointFor(t.bp.admin, '/dead')
    t.receiver.down(503)
    const start = new Date()
    await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    let now = start
    let attempts = 0
    for (; attempts < 40; attempts++) {
      const r = await flush(now)
      if (r.disabled) break
      now = new Date(now.getTime() + backoffMs(attempts + 1))
    }
    expect(attempts).toBeGreaterThan(10)
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS + backoffMs(40))
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id))
    expect(row!.disabledAt).not.toBeNull()
    expect(row!.disabledReason).toMatch(/24 hours.*503/)
    const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)).orderBy(webhookDeliveries.id)
    expect(deliveries.map((d) => d.status)).toEqual(['failed', 'pending'])
    // A disabled endpoint gets nothing queued or sent.
    await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    t.receiver.up()
    await flush(new Date(now.getTime() + 60_000))
    expect(t.receiver.at('/dead')).toEqual([])
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).toHaveLength(2)
    // Its admin hears of it; a plain member does not.
    await deliverPendingNotifications()
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'webhook'), eq(notifications.orgId, t.bp.org.id)))
    expect(told.map((n) => n.userId)).toEqual([t.bp.admin.userId])
    expect(told[0]!.link).toBe(`/settings/webhooks/${endpoint.id}`)
    // Enabling it again sends what waited, in order.
    await setEndpointEnabled(t.bp.admin, endpoint.id, true)
    await flush(new Date(now.getTime() + 120_000))
    expect(t.receiver.at('/dead')).toHaveLength(1)
  })
})

describe('secrets and redelivery', () => {
  it('after a rotation both secrets sign during the overlap, so a receiver on either verifies', async () => {
    const endpoint = await endpointFor(t.nw.admin, '/rotate')
    const { secret } = await rotateSecret(t.nw.admin, endpoint.id)
    await submitReferral(t.nw.admin, referralInput(t.bp.org.slug))
    await flush()
    // The receiver still has the old secret: verified by the old signature.
    expect(t.receiver.at('/rotate')).toHaveLength(1)
    expect(t.receiver.at('/rotate')[0]!.signatures).toBe(2)
    t.receiver.expect('/rotate', secret)
    const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))
    const sent = await redeliver(t.nw.admin, endpoint.id, { deliveryId: delivery!.id })
    expect(sent.statusCode).toBe(204)
    expect(t.receiver.at('/rotate')).toHaveLength(2)
    expect(t.receiver.at('/rotate')[1]!.id).toBe(t.receiver.at('/rotate')[0]!.id)
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id))
    expect(attempts.map((a) => a.manual)).toEqual([0, 1])
    expect(attempts[1]!.requestHeaders['webhook-id']).toBe(delivery!.messageId)
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, endpoint.id))
    expect(audit.map((a) => a.action).sort()).toEqual(['webhook.endpoint_created', 'webhook.redelivered', 'webhook.secret_rotated'])
    await deleteEndpoint(t.nw.admin, endpoint.id)
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).toEqual([])
  })
})

describe('URL rules (SSRF)', () => {
  it('in production: https only, and never a loopback, private or link-local address, at creation', async () => {
    const production = { production: true }
    for (const url of [
      'http://93.184.215.14/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/',
      'https://192.168.1.1/',
      'https://172.20.0.5/',
      'https://169.254.169.254/latest',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://0.0.0.0/',
    ]) {
      const error = await refusal(checkWebhookUrl(url, production))
      expect(error.code, url).toBe('invalid')
      expect(error.fieldErrors?.url?.[0], url).toBeTruthy()
    }
    expect(await checkWebhookUrl('https://93.184.215.14/hook', production)).toBe('https://93.184.215.14/hook')
    for (const url of ['not a url', 'ftp://example.com/', 'https://user:pw@example.com/']) expect((await refusal(checkWebhookUrl(url, production))).code).toBe('invalid')
    // Outside production a local receiver is fine (development, tests).
    expect(await checkWebhookUrl('http://127.0.0.1:9/x', { production: false })).toBe('http://127.0.0.1:9/x')
    // Each refusal says what this server accepts: https only in production, http too elsewhere.
    expect((await refusal(checkWebhookUrl('ftp://example.com/', production))).fieldErrors?.url).toEqual(['The URL must start with https://.'])
    expect((await refusal(checkWebhookUrl('ftp://example.com/', { production: false }))).fieldErrors?.url?.[0]).toMatch(/http:\/\/ is accepted too, outside production/)
    // Nothing is written for a refused URL.
    const before = await db.select().from(webhookEndpoints)
    const error = await refusal(createEndpoint(t.nw.admin, { url: 'https://127.0.0.1/hook', eventTypes: ['referral.submitted'] }, {}, production))
    expect(error.message).toMatch(/private, loopback or link-local/)
    expect(await db.select().from(webhookEndpoints)).toEqual(before)
    expect(isPrivateAddress('8.8.8.8')).toBe(false)
    expect(isPrivateAddress('100.64.1.1')).toBe(true)
  })

  it('in production the address is checked again when sending', async () => {
    const requestsBefore = t.receiver.requests
    const sent = await postMessage(t.receiver.url('/ssrf').replace('http:', 'https:'), {}, '{}', { production: true })
    expect(sent).toMatchObject({ ok: false, statusCode: null })
    expect(sent.error).toMatch(/Refused: .*127\.0\.0\.1/)
    const plain = await postMessage(t.receiver.url('/ssrf'), {}, '{}', { production: true })
    expect(plain.error).toMatch(/https/)
    expect(t.receiver.requests).toBe(requestsBefore)
  })

  it('bad input is refused with the field named and nothing written', async () => {
    const before = (await db.select().from(webhookEndpoints)).length
    expect((await refusal(createEndpoint(t.nw.admin, { url: t.receiver.url('/x'), eventTypes: [] }))).fieldErrors?.eventTypes).toBeTruthy()
    expect((await refusal(createEndpoint(t.nw.admin, { url: t.receiver.url('/x'), eventTypes: ['referral.nope'] }))).message).toMatch(/Invalid enum value/)
    expect((await refusal(createEndpoint(t.nw.admin, { url: '', eventTypes: ['referral.submitted'] }))).fieldErrors?.url).toBeTruthy()
    expect((await refusal(createEndpoint(t.nw.admin, { url: t.receiver.url('/x'), eventTypes: ['referral.submitted'], extra: 1 }))).code).toBe('invalid')
    expect((await db.select().from(webhookEndpoints)).length).toBe(before)
  })
})
