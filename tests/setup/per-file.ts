import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { recordConsoleError, startWatchingConsoleErrors, stopWatchingConsoleErrors } from '#tests/support/console-errors.ts'
import { releaseDatabase, useFreshDatabase } from '#tests/setup/test-db.ts'

process.env.NODE_ENV = 'test'
// The suites run on the embedded site origin (http://localhost:<PORT>, and the port a test server
// listens on): a shell's APP_ORIGIN would make the Origin check refuse their requests.
delete process.env.APP_ORIGIN
process.env.LOG_LEVEL ??= 'silent'

beforeAll(async () => {
  await useFreshDatabase()
})

afterAll(async () => {
  await releaseDatabase()
})

// An unexpected console.error fails the test that wrote it (allowConsoleError() opts a test in).
const printError = console.error.bind(console)
beforeEach(() => {
  startWatchingConsoleErrors()
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (recordConsoleError(args) === 'unexpected') printError(...args)
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  const unexpected = stopWatchingConsoleErrors()
  if (unexpected.length > 0) {
    throw new Error(
      `console.error was called ${unexpected.length} time(s) unexpectedly (call allowConsoleError() in a test that expects it):\n${unexpected.map((m) => `  ${m.split('\n')[0]}`).join('\n')}`,
    )
  }
})
