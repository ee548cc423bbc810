import type { Server } from 'socket.io'
import type { NotificationKind } from '#db/schema/referrals.ts'
import type { AppSocket } from '#realtime/server.ts'
import type { DomainEvent, EventType } from '#app/features/events/catalog.ts'
import type { EventHandler } from '#app/features/events/outbox.server.ts'
import type { EventSpec } from '#app/core/events.ts'

/** An outbox consumer: handles batches of events in order, idempotently (a crash replays a batch). */
export type Consumer = {
  name: string
  handle: EventHandler
  intervalMs?: number
  /** Called after a batch that handled events has committed (e.g. to start work on what the handler wrote). */
  afterCommit?: () => void
}

/**
 * A periodic job on nodes that run workers. Jobs must be safe on many nodes at once (claim rows
 * with UPDATE … RETURNING or SKIP LOCKED). `inTests` runs it in the test environment too.
 */
export type Job = { name: string; everyMs: number; run: () => Promise<unknown>; inTests?: boolean }

/** Registers a capability's socket.io event handlers on each authenticated connection. */
export type SocketHandler = (socket: AppSocket, io: Server) => void

/** Who hears of an event: every member of some orgs, only their admins, named people, the vendor's admins. */
export type Recipients = { members?: string[]; admins?: string[]; users?: string[]; vendorAdmins?: boolean }

/** What an event means for people: who hears of it (never its actor), under which preference, and how it reads. */
export type NotificationPlan = { kind: NotificationKind; to: Recipients; title: string; body?: string; link: string }

/** Per event type, the plan for it (or null when this occurrence notifies nobody). */
export type NotificationPlans = { [K in EventType]?: (event: DomainEvent<K>) => NotificationPlan | null }

/** What a public, read-only GET endpoint answers; the body is kept so an answer served again costs no serialization. */
export type PublicAnswer = { status: number; body: Buffer; headers: Record<string, string> }
/** A public route gets the query string and answers the same for everyone. */
export type PublicRoute = (query: string) => Promise<PublicAnswer>
/** A readiness check reported on /readyz. */
export type ReadinessCheck = () => Promise<Record<string, unknown>>

/**
 * One capability, declared in one place: the domain events it records, its outbox consumers,
 * periodic jobs, socket.io handlers, notification plans, public routes and readiness checks.
 * The server loads an explicit, ordered list of modules (`app/modules.server.ts`).
 */
export type CapabilityModule = {
  name: string
  /** One line on what the capability does (the README's module table is generated from it). */
  summary: string
  events?: Record<string, EventSpec>
  consumers?: Consumer[]
  jobs?: Job[]
  sockets?: SocketHandler[]
  notifications?: NotificationPlans
  publicRoutes?: Record<string, PublicRoute>
  readiness?: Record<string, ReadinessCheck>
}

export function defineModule<const M extends CapabilityModule>(module: M): M {
  return module
}
