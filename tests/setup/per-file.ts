import { afterAll, beforeAll } from 'vitest'
import { releaseDatabase, useFreshDatabase } from './test-db.ts'

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
