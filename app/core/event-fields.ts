import { z } from 'zod'

/** Field shapes shared by event payloads. */
export const id = z.string().min(1)
/** Money as the database returns it (numeric columns come back as text) or as a number. */
export const amount = z.union([z.string(), z.number()])
export const nothing = z.object({})
