import type { z } from 'zod'
import type { domainEvents } from '#db/schema/platform.ts'
import type { EventSpec } from '#app/core/events.ts'
import { accountEvents } from '#app/features/accounts/events.ts'
import { analyticsEvents, importedOrgEvents } from '#app/features/analytics/events.ts'
import { apiEvents } from '#app/features/api/events.ts'
import { authEvents } from '#app/features/auth/events.ts'
import { communityEvents } from '#app/features/community/events.ts'
import { communityPostEvents } from '#app/features/community/post-events.ts'
import { cosellEvents } from '#app/features/cosell/events.ts'
import { dealConflictEvents } from '#app/features/deals/events.ts'
import { leadEvents } from '#app/features/leads/events.ts'
import { listingEvents } from '#app/features/listings/events.ts'
import { messagingEvents } from '#app/features/messaging/events.ts'
import { notificationEvents } from '#app/features/notifications/events.ts'
import { partnershipEvents } from '#app/features/partnerships/events.ts'
import { onboardingEvents } from '#app/features/onboarding/events.ts'
import { orgStatusEvents, teamEvents } from '#app/features/orgs/events.ts'
import { programDecisionEvents, programProposalEvents } from '#app/features/programs/events.ts'
import { endorsementEvents, referralEvents } from '#app/features/referrals/events.ts'
import { registrationEvents } from '#app/features/registrations/events.ts'
import { settingsEvents } from '#app/features/settings/events.ts'
import { probeEvents } from '#app/features/events/events.ts'
import { webhookEvents } from '#app/features/webhooks/events.ts'

/**
 * Every domain event type the product records, from each capability's `events.ts` (pure schema
 * files, so this catalog imports no server code). A capability's module object lists the same
 * groups; a test checks that the two agree.
 */
export const EVENTS = {
  ...authEvents,
  ...orgStatusEvents,
  ...teamEvents,
  ...listingEvents,
  ...leadEvents,
  ...accountEvents,
  ...referralEvents,
  ...endorsementEvents,
  ...messagingEvents,
  ...cosellEvents,
  ...registrationEvents,
  ...dealConflictEvents,
  ...communityEvents,
  ...communityPostEvents,
  ...programProposalEvents,
  ...programDecisionEvents,
  ...analyticsEvents,
  ...importedOrgEvents,
  ...notificationEvents,
  ...settingsEvents,
  ...apiEvents,
  ...webhookEvents,
  ...onboardingEvents,
  ...partnershipEvents,
  ...probeEvents,
} satisfies Record<string, EventSpec>

type DomainEventRow = typeof domainEvents.$inferSelect

export type EventType = keyof typeof EVENTS
/** What a producer passes as the payload of an event of type K. */
export type EventPayloadInput<K extends EventType> = z.input<(typeof EVENTS)[K]['payload']>
/** What a consumer reads from an event of type K. */
export type EventPayload<K extends EventType> = z.output<(typeof EVENTS)[K]['payload']>

/** A recorded event, its payload typed by its type: narrow with `event.type === '…'` or a switch. */
export type DomainEvent<K extends EventType = EventType> = K extends EventType ? Omit<DomainEventRow, 'type' | 'payload'> & { type: K; payload: EventPayload<K> } : never

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENTS, type)
}

/** The declared payload of an event, parsed; a programming error (unknown type, wrong shape) throws. */
export function parseEventPayload<K extends EventType>(type: K, payload: unknown): EventPayload<K> {
  if (!isEventType(type)) throw new Error(`Unknown domain event type "${type}": declare it in its capability's events.ts.`)
  const parsed = EVENTS[type].payload.safeParse(payload ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')
    throw new Error(`Invalid payload for domain event "${type}": ${issues}`)
  }
  return parsed.data as EventPayload<K>
}

export function affectsPublicPages(type: string) {
  return isEventType(type) ? EVENTS[type].publicPages : true
}
