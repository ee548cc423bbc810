import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, queryRows, type Queryable } from '#db/client.server.ts'
import { organizations, type OrgKind, type OrgStatus } from '#db/schema/orgs.ts'
import { webhookDeliveries, webhookEndpoints } from '#db/schema/webhooks.ts'
import { logger } from '#app/core/logger.server.ts'
import { remember } from '#app/core/remember.ts'
import { recordEvent, type DomainEvent } from '#app/features/events/outbox.server.ts'
import { orgSeesSpace } from '#app/features/community/access.server.ts'
import { isPerOrgWebhookType, isWebhookEventType, webhookDataSchema, webhookMessage, type WebhookEventType, type WebhookMessage } from '#app/features/webhooks/catalog.ts'
import { openSecrets, WebhookSecretKeyError } from '#app/features/webhooks/secret-box.server.ts'
import { postMessage, signedHeaders, type SendResult } from '#app/features/webhooks/send.server.ts'
import { isProduction } from '#app/features/webhooks/url.server.ts'

/** The outbox consumer that turns events into deliveries. */
export const WEBHOOK_CONSUMER = 'webhooks'

/** Retries stop this long after a delivery was created; the endpoint is then disabled. */
export const RETRY_WINDOW_MS = 24 * 3600_000
/** The wait after the n-th failed attempt: 5 s, 10 s, 20 s, … doubling, at most 2 h (about 20 attempts over 24 h). */
export function backoffMs(attempts: number) {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 2 * 3600_000)
}

/**
 * Which organizations an event may be told to: exactly those its pages show it to. That is the
 * audience the event was recorded with (the orgs that see it live, and the vendor's team when
 * `vendor`), and for an event recorded without one, the orgs its notification plan names
 * (members, admins, the vendor's admins). Named people alone (`users`) are never an org's
 * audience: what is told to one person is not told to their organization's systems.
 */
export async function audienceOrgs(event: DomainEvent, vendorId: string | null): Promise<string[]> {
  const orgs = new Set(event.audience?.orgs ?? [])
  let vendor = event.audience?.vendor === true
  if (orgs.size === 0 && !vendor) {
    const { notificationPlan } = await import('#app/modules.server.ts')
    const plan = notificationPlan(event)
    for (const o of [...(plan?.to.members ?? []), ...(plan?.to.admins ?? [])]) orgs.add(o)
    vendor = plan?.to.vendorAdmins === true
  }
  if (vendor && vendorId) orgs.add(vendorId)
  return [...orgs]
}

/** The stable `webhook-id` of an event sent to an endpoint: receivers dedupe on it. */
export const messageIdOf = (eventId: number, endpointId: string) => `msg_${eventId}_${endpointId}`

/**
 * The consumer: one delivery per event and subscribed, enabled endpoint of every organization in
 * the event's audience. Idempotent (a replayed batch hits the unique (endpoint, event) index).
 */
export async function fanOutWebhooks(events: DomainEvent[], tx: Queryable) {
  const relevant = events.filter((e) => isWebhookEventType(e.type))
  if (relevant.length === 0) return 0
  const types = [...new Set(relevant.map((e) => e.type))]
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, orgId: webhookEndpoints.orgId, eventTypes: webhookEndpoints.eventTypes, createdAt: webhookEndpoints.createdAt })
    .from(webhookEndpoints)
    .where(and(isNull(webhookEndpoints.disabledAt), sql`${webhookEndpoints.eventTypes} && ${sql.raw(`array[${types.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}]::text[]`)}`))
  if (endpoints.length === 0) return 0
  const [vendor] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'vendor')).limit(1)
  const rows: { endpoint_id: string; org_id: string; event_id: number; event_type: string; message_id: string; payload: unknown; event_created_at: string }[] = []
  for (const e of relevant) {
    const listening = endpoints.filter((ep) => ep.eventTypes.includes(e.type))
    if (listening.length === 0) continue
    const message = webhookMessage(e)
    if (!message) continue
    // A community event: the organizations that see its space (the one rule of its pages and API), checked again when sent.
    const spaceId = isPerOrgWebhookType(e.type) ? String((e.payload as { spaceId?: unknown }).spaceId ?? '') : null
    const audience = spaceId === null ? new Set(await audienceOrgs(e, vendor?.id ?? null)) : null
    const createdAt = new Date(e.createdAt)
    for (const ep of listening) {
      // An endpoint gets the events of its organization's audience from its creation on, never older ones.
      if (createdAt < ep.createdAt) continue
      if (audience ? !audience.has(ep.orgId) : !(await orgSeesSpace(tx, { id: spaceId! }, ep.orgId))) continue
      rows.push({ endpoint_id: ep.id, org_id: ep.orgId, event_id: e.id, event_type: e.type, message_id: messageIdOf(e.id, ep.id), payload: message, event_created_at: createdAt.toISOString() })
    }
  }
  // One parameter per chunk (a JSON array), not one per column and row. Due since the event happened.
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.execute(sql`
      insert into webhook_deliveries (endpoint_id, org_id, event_id, event_type, message_id, payload, event_created_at, next_attempt_at)
      select endpoint_id, org_id, event_id, event_type, message_id, payload, event_created_at, event_created_at
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb)
        as x(endpoint_id text, org_id text, event_id bigint, event_type text, message_id text, payload jsonb, event_created_at timestamptz)
      on conflict (endpoint_id, event_id) do nothing`)
  }
  return rows.length
}

type ClaimedEndpoint = {
  id: string
  org_id: string
  url: string
  secret_encrypted: string | null
  previous_secret_encrypted: string | null
  secret: string | null
  previous_secret: string | null
  previous_secret_expires_at: Date | null
}
type PendingRow = { id: number; message_id: string; payload: unknown; attempts: number; next_attempt_at: Date; created_at: Date; event_type: string }

export type SenderOptions = { now?: Date; production?: boolean; maxEndpoints?: number; batchSize?: number; concurrency?: number; leaseMs?: number }
export type SenderResult = { delivered: number; retrying: number; failed: number; disabled: number }

/**
 * One pass of the delivery job: claims endpoints whose oldest pending delivery is due (a lease on
 * the endpoint row, so one sender per endpoint across nodes), reads the due deliveries of all of
 * them in one statement, and sends each endpoint's in order, stopping at the first failure: a
 * later event never overtakes an earlier one. Outcomes are written in shared batches and the
 * leases released in one statement, so a pass costs a few statements however many endpoints it
 * serves (a pass per few events, as in steady traffic, used to cost three per endpoint). A
 * failure is retried with exponential backoff; past the 24-hour window the delivery is given up
 * and the endpoint disabled, and its admins are notified.
 */
export async function sendDueWebhooks(options: SenderOptions = {}): Promise<SenderResult> {
  const { now = new Date(), production = isProduction(), maxEndpoints = 64, batchSize = 200, concurrency = 16, leaseMs = 5 * 60_000 } = options
  const result: SenderResult = { delivered: 0, retrying: 0, failed: 0, disabled: 0 }
  const leaseUntil = new Date(now.getTime() + leaseMs)
  const claimed = await queryRows<ClaimedEndpoint>(
    db,
    sql`update webhook_endpoints set lease_until = ${leaseUntil}
        where id in (
          select e.id from webhook_endpoints e
          where e.disabled_at is null and (e.lease_until is null or e.lease_until < ${now})
            and (select d.next_attempt_at from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'pending' order by d.id limit 1) <= ${now}
          limit ${maxEndpoints}
          for update skip locked)
        returning id, org_id, url, secret_encrypted, previous_secret_encrypted, secret, previous_secret, previous_secret_expires_at`,
  )
  if (claimed.length === 0) return result
  const ids = claimed.map((ep) => ep.id)
  try {
    // Each claimed endpoint's oldest pending deliveries, through the pending index, in one statement.
    const rows = await queryRows<PendingRow & { endpoint_id: string }>(
      db,
      sql`select d.id, d.endpoint_id, d.message_id, d.payload, d.attempts, d.next_attempt_at, d.created_at, d.event_type
          from unnest(${`{${ids.join(',')}}`}::text[]) as e(id)
          cross join lateral (
            select * from webhook_deliveries p where p.endpoint_id = e.id and p.status = 'pending' order by p.id limit ${batchSize}) d
          order by d.endpoint_id, d.id`,
    )
    const byEndpoint = new Map<string, PendingRow[]>()
    for (const row of rows) byEndpoint.set(row.endpoint_id, [...(byEndpoint.get(row.endpoint_id) ?? []), row])
    const writer = outcomeWriter(now)
    const queue = [...claimed]
    const worker = async () => {
      for (let ep = queue.shift(); ep; ep = queue.shift()) {
        try {
          await sendEndpoint(ep, byEndpoint.get(ep.id) ?? [], { now, production }, writer, result)
        } catch (error) {
          logger.error({ err: error, endpointId: ep.id }, 'webhook sending failed')
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker))
    await writer.flush()
  } finally {
    await db.execute(sql`update webhook_endpoints set lease_until = null where id = any(${`{${ids.join(',')}}`}::text[])`)
  }
  return result
}

type Outcome = { id: number; attempt: number; headers: Record<string, string>; sent: SendResult; status: 'pending' | 'delivered' | 'failed'; next: Date | null }

/** How many sends are written back in one statement (a crash resends at most these; receivers dedupe on webhook-id). */
const WRITE_BATCH = 100

/** The outcomes of a pass, written back in batches shared by its endpoints, one write at a time. */
function outcomeWriter(now: Date) {
  const outcomes: Outcome[] = []
  let writing: Promise<void> = Promise.resolve()
  const flush = () => {
    const batch = outcomes.splice(0)
    writing = writing.then(() => (batch.length ? writeOutcomes(db, batch, now) : undefined))
    return writing
  }
  return {
    add(outcome: Outcome) {
      outcomes.push(outcome)
      if (outcomes.length >= WRITE_BATCH) void flush().catch((error) => logger.error({ err: error }, 'writing webhook outcomes failed'))
    },
    flush,
  }
}

async function sendEndpoint(ep: ClaimedEndpoint, pending: PendingRow[], { now, production }: { now: Date; production: boolean }, writer: ReturnType<typeof outcomeWriter>, result: SenderResult) {
  // Decrypted once per pass. A key that cannot open them sends nothing (never a wrong signature): each
  // due delivery fails with the reason, in the delivery log, and is retried like any failure.
  let secrets: ReturnType<typeof openSecrets> | null = null
  let keyError: string | null = null
  try {
    secrets = openSecrets(
      {
        id: ep.id,
        secretEncrypted: ep.secret_encrypted,
        previousSecretEncrypted: ep.previous_secret_encrypted,
        secret: ep.secret,
        previousSecret: ep.previous_secret,
        previousSecretExpiresAt: ep.previous_secret_expires_at ? new Date(ep.previous_secret_expires_at) : null,
      },
      new Date(),
    )
  } catch (error) {
    if (!(error instanceof WebhookSecretKeyError)) throw error
    keyError = `Not sent: ${error.message}`
    logger.error({ endpointId: ep.id }, keyError)
  }
  const orgOf = orgLookup(ep.org_id)
  for (const d of pending) {
    if (new Date(d.next_attempt_at) > now) return
    let payload = d.payload
    if (isPerOrgWebhookType(d.event_type)) {
      const built = await messageForOrg(d.event_type, d.payload, await orgOf())
      if (!built) {
        // Not told: the organization no longer sees it, or the post is held or hidden. Given up, not retried; the endpoint is fine.
        const sent: SendResult = { statusCode: null, responseBody: null, error: 'Not sent: your organization does not see this post now.', durationMs: 0, ok: false }
        writer.add({ id: d.id, attempt: d.attempts + 1, headers: {}, sent, status: 'failed', next: null })
        result.failed++
        continue
      }
      payload = built
      await db.update(webhookDeliveries).set({ payload: built }).where(eq(webhookDeliveries.id, d.id))
    }
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
    // Signed with the wall clock (receivers check the timestamp); `now` only schedules.
    const headers = secrets ? signedHeaders(secrets, d.message_id, body, new Date()) : {}
    const sent: SendResult = secrets ? await postMessage(ep.url, headers, body, { production }) : { statusCode: null, responseBody: null, error: keyError, durationMs: 0, ok: false }
    const attempt = d.attempts + 1
    if (sent.ok) {
      writer.add({ id: d.id, attempt, headers, sent, status: 'delivered', next: null })
      result.delivered++
      continue
    }
    const next = new Date(now.getTime() + backoffMs(attempt))
    if (next.getTime() - new Date(d.created_at).getTime() <= RETRY_WINDOW_MS) {
      writer.add({ id: d.id, attempt, headers, sent, status: 'pending', next })
      result.retrying++
      return
    }
    // Past the window: give this delivery up and stop sending to the endpoint.
    await writer.flush()
    const reason = `Deliveries failed for 24 hours (the last ${d.event_type} message: ${sent.error ?? 'no answer'}).`
    await db.transaction(async (tx) => {
      await writeOutcomes(tx, [{ id: d.id, attempt, headers, sent, status: 'failed', next: null }], now)
      const [disabled] = await tx
        .update(webhookEndpoints)
        .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
        .where(and(eq(webhookEndpoints.id, ep.id), isNull(webhookEndpoints.disabledAt)))
        .returning({ id: webhookEndpoints.id })
      if (disabled)
        await recordEvent(tx, {
          type: 'webhook.endpoint_disabled',
          orgId: ep.org_id,
          subjectType: 'webhook_endpoint',
          subjectId: ep.id,
          payload: { endpointId: ep.id, url: ep.url, reason, automatic: true },
          audience: { orgs: [ep.org_id] },
        })
    })
    result.failed++
    result.disabled++
    return
  }
}

/** The endpoint's organization, read once per pass and only when a message needs it. */
function orgLookup(orgId: string) {
  let found: Promise<{ id: string; kind: OrgKind; status: OrgStatus; name: string } | null> | null = null
  return () =>
    (found ??= db
      .select({ id: organizations.id, kind: organizations.kind, status: organizations.status, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, orgId))
      .then((rows) => rows[0] ?? null))
}

/**
 * A message built for the receiving organization when it is sent (`perOrg` types: the community's),
 * through its documented schema; null when that organization may not be told.
 */
async function messageForOrg(eventType: string, payload: unknown, org: { id: string; kind: OrgKind; status: OrgStatus; name: string } | null): Promise<WebhookMessage | null> {
  if (!org) return null
  const stored = (typeof payload === 'string' ? JSON.parse(payload) : payload) as WebhookMessage
  const { communityWebhookData } = await import('#app/features/api/community.server.ts')
  const data = await communityWebhookData(eventType, stored.data, org)
  if (!data) return null
  const type = eventType as WebhookEventType
  return { type, timestamp: stored.timestamp, data: webhookDataSchema(type).strip().parse(data) }
}

/**
 * What a delivery sends now (a manual redelivery too): its stored message, or for a type built per
 * organization, the message built for the endpoint's organization now; null when it may not be told.
 */
export async function messageToSend(delivery: { eventType: string; payload: unknown }, orgId: string): Promise<unknown> {
  if (!isPerOrgWebhookType(delivery.eventType)) return delivery.payload
  return messageForOrg(delivery.eventType, delivery.payload, await orgLookup(orgId)())
}

/** Writes automatic attempts' outcomes: each delivery's state and its attempt log row, for many at once. */
async function writeOutcomes(q: Queryable, outcomes: Outcome[], at: Date) {
  const rows = outcomes.map((o) => ({
    id: o.id,
    status: o.status,
    attempt: o.attempt,
    next: o.next?.toISOString() ?? null,
    code: o.sent.statusCode,
    err: o.sent.error,
    dur: o.sent.durationMs,
    headers: o.headers,
    body: o.sent.responseBody,
  }))
  await q.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(id bigint, status text, attempt int, next timestamptz, code int, err text, dur int, headers jsonb, body text)),
    u as (
      update webhook_deliveries d set
        status = v.status, attempts = v.attempt, next_attempt_at = coalesce(v.next, d.next_attempt_at),
        last_status_code = v.code, last_error = v.err, last_duration_ms = v.dur,
        delivered_at = case when v.status = 'delivered' then coalesce(d.delivered_at, ${at}::timestamptz) else d.delivered_at end
      from v where d.id = v.id
      returning d.id)
    insert into webhook_attempts (delivery_id, attempt, manual, request_headers, status_code, response_body, error, duration_ms, created_at)
    select v.id, v.attempt, 0, v.headers, v.code, v.body, v.err, v.dur, ${at}::timestamptz from v join u on u.id = v.id`)
}

/** Writes the outcome of one attempt: the delivery's state and the attempt's log row, in one statement. */
export async function recordAttempt(
  q: Queryable,
  deliveryId: number,
  attempt: number,
  headers: Record<string, string>,
  sent: SendResult,
  outcome: { status: 'pending' | 'delivered' | 'failed'; at: Date; nextAttemptAt?: Date; manual?: boolean },
) {
  await q.execute(sql`
    with d as (
      update webhook_deliveries set
        status = ${outcome.status},
        attempts = attempts + ${outcome.manual ? 0 : 1},
        next_attempt_at = coalesce(${outcome.nextAttemptAt ?? null}::timestamptz, next_attempt_at),
        last_status_code = ${sent.statusCode},
        last_error = ${sent.error},
        last_duration_ms = ${sent.durationMs},
        delivered_at = case when ${outcome.status} = 'delivered' then coalesce(delivered_at, ${outcome.at}::timestamptz) else delivered_at end
      where id = ${deliveryId}
      returning id)
    insert into webhook_attempts (delivery_id, attempt, manual, request_headers, status_code, response_body, error, duration_ms, created_at)
    select id, ${attempt}, ${outcome.manual ? 1 : 0}, ${JSON.stringify(headers)}::jsonb, ${sent.statusCode}, ${sent.responseBody}, ${sent.error}, ${sent.durationMs}, ${outcome.at} from d`)
}

const senderState = () => remember('webhook-sender', () => ({ running: false, again: false, timer: null as NodeJS.Timeout | null }))

/**
 * Runs the sender in this process: soon, or, while a run is going, once more right after it. One
 * sender per process: the webhook consumer's kick after each committed batch and the periodic job
 * share it, so two senders never claim against each other in one process.
 */
export function kickWebhookSender(delayMs = 0) {
  const state = senderState()
  if (state.running) {
    state.again = true
    return
  }
  if (state.timer) return
  state.timer = setTimeout(() => {
    state.timer = null
    state.running = true
    void runWebhookSender()
      .catch((error) => logger.error({ err: error }, 'webhook sender failed'))
      .finally(() => {
        state.running = false
        if (state.again) {
          state.again = false
          kickWebhookSender(0)
        }
      })
  }, delayMs)
  state.timer.unref?.()
}

/** The periodic job, the backstop for retries that come due: a kick, so it never runs beside a kicked run. */
export async function webhookDeliveryJob() {
  kickWebhookSender(0)
}

/** Passes until nothing is due. */
export async function runWebhookSender(options: SenderOptions = {}) {
  const total: SenderResult = { delivered: 0, retrying: 0, failed: 0, disabled: 0 }
  for (;;) {
    const r = await sendDueWebhooks(options)
    for (const k of Object.keys(total) as (keyof SenderResult)[]) total[k] += r[k]
    if (r.delivered + r.retrying + r.failed === 0) return total
  }
}

/** Pending deliveries per endpoint of an org, for readiness and the settings page. */
export async function pendingCounts(q: Queryable, endpointIds: string[]) {
  if (endpointIds.length === 0) return new Map<string, number>()
  const rows = await q
    .select({ endpointId: webhookDeliveries.endpointId, n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.endpointId, endpointIds), eq(webhookDeliveries.status, 'pending')))
    .groupBy(webhookDeliveries.endpointId)
  return new Map(rows.map((r) => [r.endpointId, Number(r.n)]))
}
