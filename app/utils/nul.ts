/**
 * PostgreSQL stores neither U+0000 in text nor the `\u0000` escape in jsonb, so every edge that
 * takes structured input (API bodies, socket events, JSON uploads) refuses it up front instead of
 * failing at the insert. Forms and addresses have their own checks (app/utils/form.server.ts,
 * app/http/request-limits.server.ts).
 */

/**
 * Where the first NUL character sits in a parsed JSON value, as a dotted path (`title`,
 * `touchingPartners.0.partner`; `''` for the value itself), or null when there is none. Object
 * keys count too. Iterative, so no nesting depth can overflow the stack.
 */
export function findNul(value: unknown): string | null {
  type Step = { value: unknown; key: string | number | null; parent: Step | null }
  const pathOf = (step: Step, lastKey?: string) => {
    const keys: (string | number)[] = lastKey === undefined ? [] : [lastKey]
    for (let at: Step | null = step; at && at.key !== null; at = at.parent) keys.push(at.key)
    return keys.reverse().join('.')
  }
  const stack: Step[] = [{ value, key: null, parent: null }]
  while (stack.length) {
    const step = stack.pop()!
    const current = step.value
    if (typeof current === 'string') {
      if (current.includes('\0')) return pathOf(step)
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: step })
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!
        if (key.includes('\0')) return pathOf(step, key.replaceAll('\0', '\\u0000'))
        stack.push({ value: item, key, parent: step })
      }
    }
  }
  return null
}

/** The sentence a person reads when a value holds a NUL character. */
export const nulMessage = (path: string) => `${path ? `“${path}”` : 'The value'} contains a NUL character (\\u0000), which cannot be stored. Remove it and send again.`
