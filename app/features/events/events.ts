import { z } from 'zod'
import { defineEvents } from '#app/core/events.ts'

/**
 * A probe: carries any payload through the outbox so the suites can check delivery itself
 * (ordering, audiences, the relay) without a capability's side effects.
 */
export const probeEvents = defineEvents({ 'outbox.probe': z.object({}).passthrough() }, { publicPages: false })
