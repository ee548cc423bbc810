import type { z } from 'zod'

/** One domain event type: the shape of its payload, and whether it can change a public page. */
export type EventSpec<P extends z.AnyZodObject = z.AnyZodObject> = {
  payload: P
  /** False when the event never changes what an anonymous visitor sees (it then keeps cached public pages). */
  publicPages: boolean
}

/**
 * Declares a capability's domain events: a zod object per event type. `recordEvent` accepts only
 * a declared type with a payload that parses (unknown keys refused), and consumers and
 * notification plans read payloads typed from the same schema. `publicPages` is stated once per
 * group: events that never change what an anonymous visitor sees say `false`.
 */
export function defineEvents<const S extends Record<string, z.AnyZodObject>>(schemas: S, { publicPages }: { publicPages: boolean }): { [K in keyof S]: EventSpec<S[K]> } {
  // Unknown keys are refused, so a payload cannot carry what its schema does not name.
  const strict = (payload: z.AnyZodObject) => (payload._def.unknownKeys === 'strip' ? payload.strict() : payload)
  return Object.fromEntries(Object.entries(schemas).map(([type, payload]) => [type, { payload: strict(payload), publicPages }])) as never
}
