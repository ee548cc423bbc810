import type { z } from 'zod'
import { invalid } from '#app/utils/errors.ts'

/** Parses API input; every issue is named by its full path (an unknown field by its own name). */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown, message: string): z.output<T> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) (fieldErrors[key] ??= []).push('This field is not part of the request. Check its spelling against the API reference.')
      continue
    }
    ;(fieldErrors[issue.path.join('.') || 'body'] ??= []).push(issue.message)
  }
  const named = Object.keys(fieldErrors).join(', ')
  throw invalid(`${message} Fix: ${named}.`, fieldErrors)
}
