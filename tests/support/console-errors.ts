import { format } from 'node:util'

/**
 * A test fails when it writes to console.error without saying it expects to (tests/setup/per-file.ts
 * watches every test). A test whose behaviour under test is an error being reported calls
 * `allowConsoleError()` first; the messages it returns let the test check what was reported.
 */

type Watch = { allowed: string[] | null; unexpected: string[] }
let current: Watch | null = null

/** Called by tests/setup/per-file.ts before each test. */
export function startWatchingConsoleErrors() {
  current = { allowed: null, unexpected: [] }
}

/** Called by tests/setup/per-file.ts for every console.error while a test runs. */
export function recordConsoleError(args: unknown[]): 'allowed' | 'unexpected' {
  const message = format(...args)
  if (current?.allowed) {
    current.allowed.push(message)
    return 'allowed'
  }
  current?.unexpected.push(message)
  return 'unexpected'
}

/** Called by tests/setup/per-file.ts after each test: the messages no test allowed. */
export function stopWatchingConsoleErrors(): string[] {
  const unexpected = current?.unexpected ?? []
  current = null
  return unexpected
}

/**
 * Lets this test write to console.error (it is not printed); returns the messages written from
 * now on, so the test can assert on them.
 */
export function allowConsoleError(): string[] {
  if (!current) throw new Error('allowConsoleError() is for use inside a test')
  current.allowed ??= []
  return current.allowed
}
