import type { z } from 'zod'
import { parseOrThrow } from '#app/utils/parse.ts'

/** Parses API input: a problem with the body as a whole is filed under `body`, an unknown field under its name. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown, message: string): z.output<T> {
  return parseOrThrow(schema, input, message, { root: 'body', unknownField: 'This field is not part of the request. Check its spelling against the API reference.' })
}
