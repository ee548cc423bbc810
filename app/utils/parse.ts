import type { z } from 'zod'
import { invalid } from '#app/utils/errors.ts'

export type ParseOptions = {
  /** The key of a problem with the input as a whole, which has no field of its own. */
  root?: string
  /** What a field the schema does not know is told (strict schemas). */
  unknownField?: string
}

/**
 * Parses input at a domain's edge with the same schema its form (or API) uses, so a caller that
 * skipped the form (a script, the API, a test) is refused the same way and nothing is written.
 * A failure is an `invalid` DomainError: each problem filed under its field's full path
 * (`items.0.name`), a problem with the whole input under `root`, each unknown field under its
 * own name; its message is `lead` followed by the first problem.
 */
export function parseOrThrow<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  lead = 'Please correct the highlighted fields.',
  { root = 'form', unknownField = 'This field is not expected here.' }: ParseOptions = {},
): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) (fieldErrors[key] ??= []).push(unknownField)
      continue
    }
    ;(fieldErrors[issue.path.join('.') || root] ??= []).push(issue.message)
  }
  const first = Object.values(fieldErrors)[0]?.[0]
  throw invalid(first ? `${lead} ${first}` : lead, fieldErrors)
}
