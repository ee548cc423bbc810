import { afterAll, beforeAll } from 'vitest'
import { releaseDatabase, useFreshDatabase } from './test-db.ts'

process.env.NODE_ENV = 'test'
process.env.LOG_LEVEL ??= 'silent'

beforeAll(async () => {
  await useFreshDatabase()
})

afterAll(async () => {
  await releaseDatabase()
})
