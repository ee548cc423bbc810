import fs from 'node:fs'
import postgres from 'postgres'
import { createId } from '#app/utils/id.ts'
import { closeDb, openDatabase, setDbHandle } from '#db/client.server.ts'
import { inject } from 'vitest'
import { withDatabase } from '#tests/setup/global-setup.ts'

/** Gives this test file its own freshly migrated database and makes it the process-wide one. */
export async function useFreshDatabase() {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = `${inject('pgPrefix')}${createId(10)}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database "${name}" template "${inject('pgTemplate')}"`)
    await admin.end()
    const fileUrl = withDatabase(url, name)
    process.env.TEST_FILE_DATABASE_URL = fileUrl
    setDbHandle(openDatabase({ databaseUrl: fileUrl }))
    return
  }
  const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))])
  const handle = openDatabase({ inMemory: true, loadDataDir: blob })
  if (handle.driver === 'pglite') await handle.pglite.waitReady
  setDbHandle(handle)
}

export async function releaseDatabase() {
  await closeDb()
}
