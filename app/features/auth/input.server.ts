import type { z } from 'zod'
import { invalid } from '#app/utils/errors.ts'

/**
 * Parses input at the domain's edge with the same schema the form uses, so a caller that skipped
 * the form (a script, an API, a test) gets the same field errors and nothing is written.
 */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, input: unknown, message = 'Please correct the highlighted fields.'): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fieldErrors: Record<string, string[]> = {}
  const formErrors: string[] = []
  for (const issue of result.error.issues) {
    const key = issue.path.join('.')
    if (!key) formErrors.push(issue.message)
    else (fieldErrors[key] ??= []).push(issue.message)
  }
  throw invalid(formErrors[0] ?? message, fieldErrors)
}
