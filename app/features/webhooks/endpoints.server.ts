import { and, desc, eq, lt, sql } from 'drizzle-orm'
import { db, type Queryable } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '#db/schema/webhooks.ts'
import { assertOrgAdmin, assertOrgMayRead, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { parseOrThrow } from '#app/utils/parse.ts'
import { conflict, notFound } from '#app/utils/errors.ts'
import { createId } from '#app/utils/id.ts'
import { messageToSend, pendingCounts, recordAttempt } from '#app/features/webhooks/delivery.server.ts'
import { CreateEndpointSchema, DeliveryIdSchema, UpdateEndpointSchema } from '#app/features/webhooks/schemas.ts'
import { newSigningSecret, postMessage, ROTATION_OVERLAP_MS, signedHeaders } from '#app/features/webhooks/send.server.ts'
import { openSecrets, sealSecret, WebhookSecretKeyError } from '#app/features/webhooks/secret-box.server.ts'
import { checkWebhookUrl, isProduction } from '#app/features/webhooks/url.server.ts'

type Meta = { ip?: string | null }
type Endpoint = typeof webhookEndpoints.$inferSelect
/** What pages see of an endpoint: never its secrets. */
export type EndpointView = Omit<Endpoint, 'secret' | 'previousSecret' | 'secretEncrypted' | 'previousSecretEncrypted' | 'leaseUntil'> & { rotating: boolean; createdByName: string | null }

const view = (e: Endpoint, createdByName: string | null = null, now = new Date()): EndpointView => {
  const { secret: _s, previousSecret, secretEncrypted: _se, previousSecretEncrypted, leaseUntil: _l, ...rest } = e
  return { ...rest, rotating: Boolean((previousSecretEncrypted || previousSecret) && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now), createdByName }
}

/** An endpoint's signing secrets, decrypted to sign with; a key that cannot open them is a conflict the admin can read. */
function secretsOf(e: Endpoint, now = new Date()) {
  try {
    return openSecrets(e, now)
  } catch (error) {
    if (error instanceof WebhookSecretKeyError) throw conflict(error.message)
    throw error
  }
}

const MAX_ENDPOINTS = 20
export const DELIVERY_PAGE_SIZE = 25

function assertWebhookAdmin(actor: Actor, what: string) {
  assertOrgAdmin(actor, `Only an admin of your organization can ${what}.`)
  assertOrgMayRead(actor, 'use webhooks')
}

/** An endpoint of the actor's organization, or not found (another org's endpoint does not exist for it). */
async function ownEndpoint(q: Queryable, actor: Actor, endpointId: unknown, { lock = false } = {}) {
  if (typeof endpointId !== 'string' || !endpointId) throw notFound('That webhook endpoint does not exist in your organization.')
  const query = q
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.orgId, actor.orgId)))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw notFound('That webhook endpoint does not exist in your organization.')
  return row
}

/** Registers an endpoint; returns its signing secret, shown to the admin this once. */
export async function createEndpoint(actor: Actor, input: unknown, meta: Meta = {}, { production = isProduction() }: { production?: boolean } = {}) {
  assertWebhookAdmin(actor, 'add webhook endpoints')
  const data = parseOrThrow(CreateEndpointSchema, input, 'The endpoint was not saved.')
  const url = await checkWebhookUrl(data.url, { production })
  return db.transaction(async (tx) => {
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.orgId, actor.orgId))) as [{ n: number }]
    if (Number(n) >= MAX_ENDPOINTS) throw conflict(`Your organization already has ${MAX_ENDPOINTS} endpoints: delete one first.`)
    const secret = newSigningSecret()
    const id = createId()
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ id, orgId: actor.orgId, url, description: data.description, eventTypes: data.eventTypes, secretEncrypted: sealSecret(secret, id), createdBy: actor.userId })
      .returning()
    const endpoint = row!
    await recordEvent(tx, {
      type: 'webhook.endpoint_created',
      actorId: actor.userId,
      orgId: actor.orgId,
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      payload: { endpointId: endpoint.id, url, eventTypes: data.eventTypes },
      audience: { orgs: [actor.orgId] },
      ip: meta.ip ?? null,
    })
    return { endpoint: view(endpoint), secret }
  })
}

/** The organization's endpoints with their pending deliveries, for its admins. */
export async function listEndpoints(actor: Actor) {
  assertWebhookAdmin(actor, 'see webhook endpoints')
  const rows = await db
    .select({ e: webhookEndpoints, createdByName: users.name })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(eq(webhookEndpoints.orgId, actor.orgId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
  const pending = await pendingCounts(
    db,
    rows.map((r) => r.e.id),
  )
  return rows.map((r) => ({ ...view(r.e, r.createdByName), pending: pending.get(r.e.id) ?? 0 }))
}

/** One endpoint with a page of its delivery log (newest first; `before` is the cursor), and one delivery's attempts when asked. */
export async function getEndpoint(actor: Actor, endpointId: unknown, { before, deliveryId }: { before?: number | null; deliveryId?: number | null } = {}) {
  assertWebhookAdmin(actor, 'see webhook endpoints')
  const endpoint = await ownEndpoint(db, actor, endpointId)
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), before ? lt(webhookDeliveries.id, before) : undefined))
    .orderBy(desc(webhookDeliveries.id))
    .limit(DELIVERY_PAGE_SIZE + 1)
  const page = deliveries.slice(0, DELIVERY_PAGE_SIZE)
  const nextBefore = deliveries.length > DELIVERY_PAGE_SIZE ? page[page.length - 1]!.id : null
  let selected: { delivery: typeof webhookDeliveries.$inferSelect; attempts: (typeof webhookAttempts.$inferSelect)[] } | null = null
  if (deliveryId) {
    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)))
    if (!delivery) throw notFound('That delivery does not exist for this endpoint.')
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id)).orderBy(desc(webhookAttempts.id)).limit(50)
    selected = { delivery, attempts }
  }
  const [pending] = [await pendingCounts(db, [endpoint.id])]
  return { endpoint: { ...view(endpoint), pending: pending.get(endpoint.id) ?? 0 }, deliveries: page, nextBefore, selected }
}

/** Changes the description and the event types listened to. */
export async function updateEndpoint(actor: Actor, endpointId: unknown, input: unknown, meta: Meta = {}) {
  assertWebhookAdmin(actor, 'change webhook endpoints')
  const data = parseOrThrow(UpdateEndpointSchema, input, 'The endpoint was not saved.')
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, actor, endpointId, { lock: true })
    await tx.update(webhookEndpoints).set({ description: data.description, eventTypes: data.eventTypes, updatedAt: new Date() }).where(eq(webhookEndpoints.id, endpoint.id))
    await audit(tx, actor, meta, 'webhook.endpoint_updated', endpoint, { eventTypes: data.eventTypes, description: data.description })
  })
}

/**
 * A new signing secret, shown once. The old one keeps signing (a second `v1,` signature) for 24
 * hours so the receiver can switch without dropping a message.
 */
export async function rotateSecret(actor: Actor, endpointId: unknown, meta: Meta = {}, now = new Date()) {
  assertWebhookAdmin(actor, 'rotate webhook secrets')
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, actor, endpointId, { lock: true })
    const secret = newSigningSecret()
    const previousValidUntil = new Date(now.getTime() + ROTATION_OVERLAP_MS)
    // The current secret becomes the previous one as it is stored (sealed to this endpoint); a legacy plaintext one is sealed now.
    const previous = endpoint.secretEncrypted ?? (endpoint.secret ? sealSecret(endpoint.secret, endpoint.id) : null)
    await tx
      .update(webhookEndpoints)
      .set({ secretEncrypted: sealSecret(secret, endpoint.id), secret: null, previousSecretEncrypted: previous, previousSecret: null, previousSecretExpiresAt: previousValidUntil, updatedAt: now })
      .where(eq(webhookEndpoints.id, endpoint.id))
    await audit(tx, actor, meta, 'webhook.secret_rotated', endpoint, { previousValidUntil: previousValidUntil.toISOString() })
    return { secret, previousValidUntil }
  })
}

/** Disables (nothing is sent; new events are not queued) or enables an endpoint; enabling sends what is pending at once. */
export async function setEndpointEnabled(actor: Actor, endpointId: unknown, enabled: boolean, meta: Meta = {}) {
  assertWebhookAdmin(actor, enabled ? 'enable webhook endpoints' : 'disable webhook endpoints')
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, actor, endpointId, { lock: true })
    if (enabled === !endpoint.disabledAt) throw conflict(enabled ? 'This endpoint is already enabled.' : 'This endpoint is already disabled.')
    const now = new Date()
    if (enabled) {
      await tx.update(webhookEndpoints).set({ disabledAt: null, disabledReason: null, updatedAt: now }).where(eq(webhookEndpoints.id, endpoint.id))
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: now })
        .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')))
      await audit(tx, actor, meta, 'webhook.endpoint_enabled', endpoint, {})
    } else {
      const reason = `Disabled by ${actor.name}.`
      await tx.update(webhookEndpoints).set({ disabledAt: now, disabledReason: reason, updatedAt: now }).where(eq(webhookEndpoints.id, endpoint.id))
      await audit(tx, actor, meta, 'webhook.endpoint_disabled', endpoint, { reason, automatic: false })
    }
  })
}

/** Deletes an endpoint and its delivery log. */
export async function deleteEndpoint(actor: Actor, endpointId: unknown, meta: Meta = {}) {
  assertWebhookAdmin(actor, 'delete webhook endpoints')
  return db.transaction(async (tx) => {
    const endpoint = await ownEndpoint(tx, actor, endpointId, { lock: true })
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id))
    await audit(tx, actor, meta, 'webhook.endpoint_deleted', endpoint, {})
    return { url: endpoint.url }
  })
}

/**
 * Sends one delivery again now, whatever its state (the same `webhook-id`, so a receiver that
 * already has it can ignore it). A success marks a pending or failed delivery delivered.
 */
export async function redeliver(actor: Actor, endpointId: unknown, input: unknown, meta: Meta = {}, { production = isProduction() }: { production?: boolean } = {}) {
  assertWebhookAdmin(actor, 'redeliver webhooks')
  const { deliveryId } = parseOrThrow(DeliveryIdSchema, input, 'Nothing was sent.')
  const endpoint = await ownEndpoint(db, actor, endpointId)
  if (endpoint.disabledAt) throw conflict('This endpoint is disabled: enable it first.')
  const [delivery] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)))
  if (!delivery) throw notFound('That delivery does not exist for this endpoint.')
  // A community message is built for the organization now, as when it was first sent (it may no longer see the post).
  const payload = await messageToSend(delivery, endpoint.orgId)
  if (payload === null) throw conflict('Nothing was sent: your organization does not see this community post now (it left the space, or the post was held or hidden).')
  if (payload !== delivery.payload)
    await db
      .update(webhookDeliveries)
      .set({ payload: payload as Record<string, unknown> })
      .where(eq(webhookDeliveries.id, delivery.id))
  const body = JSON.stringify(payload)
  const now = new Date()
  const headers = signedHeaders(secretsOf(endpoint, now), delivery.messageId, body, now)
  const sent = await postMessage(endpoint.url, headers, body, { production })
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, delivery.id))) as [{ n: number }]
  await db.transaction(async (tx) => {
    await recordAttempt(tx, delivery.id, Number(n) + 1, headers, sent, { status: sent.ok ? 'delivered' : delivery.status, at: now, manual: true })
    await audit(tx, actor, meta, 'webhook.redelivered', endpoint, { deliveryId: delivery.id, eventType: delivery.eventType, statusCode: sent.statusCode })
  })
  return sent
}

async function audit<K extends 'webhook.endpoint_updated' | 'webhook.secret_rotated' | 'webhook.endpoint_enabled' | 'webhook.endpoint_disabled' | 'webhook.endpoint_deleted' | 'webhook.redelivered'>(
  tx: Queryable,
  actor: Actor,
  meta: Meta,
  type: K,
  endpoint: Endpoint,
  extra: Record<string, unknown>,
) {
  await recordEvent(tx, {
    type,
    actorId: actor.userId,
    orgId: actor.orgId,
    subjectType: 'webhook_endpoint',
    subjectId: endpoint.id,
    payload: { endpointId: endpoint.id, url: endpoint.url, ...extra },
    audience: { orgs: [actor.orgId] },
    ip: meta.ip ?? null,
  } as never)
}
