import type { Tx } from '#db/client.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import type { RequestMeta } from '#app/features/auth/auth.server.ts'
import type { EventPayloadInput } from '#app/features/events/catalog.ts'
import { recordEvent, type NewEvent } from '#app/features/events/outbox.server.ts'

type StandingEvent = 'org.approved' | 'org.rejected' | 'org.suspended' | 'org.reinstated'

/**
 * The vendor's team decided a partner organization's standing (approved, rejected, suspended,
 * reinstated): one event about that organization, for its people and the vendor's team,
 * audit-logged with where the decision came from.
 */
export async function recordStandingEvent<K extends StandingEvent>(tx: Tx, actor: Actor, org: { id: string }, type: K, payload: EventPayloadInput<K>, meta: RequestMeta) {
  await recordEvent(tx, {
    type,
    actorId: actor.userId,
    orgId: org.id,
    subjectType: 'organization',
    subjectId: org.id,
    payload,
    audience: { orgs: [org.id], vendor: true },
    ip: meta.ip ?? null,
  } as NewEvent<K>)
}
