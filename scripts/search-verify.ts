/**
 * npm run search:verify [-- --fix] — compares what the search index holds with what the database
 * says it should hold (either engine: Meilisearch when MEILI_HOST is set, else the embedded
 * PostgreSQL index) and prints the drift; `--fix` re-writes the drifted documents from the
 * database. Exit code 0 when the index equals the database (or was fixed), 1 on drift or failure.
 * With the embedded database (no DATABASE_URL) stop the app first: PGlite's data directory belongs
 * to one process at a time.
 */
import { closeDb, dbHandle, migrate } from '#db/client.server.ts'
import { searchEngine } from '#search/engine.server.ts'
import { describeDrift, verifySearchIndex } from '#search/verify.server.ts'

const fix = process.argv.includes('--fix')
const handle = dbHandle()
const engine = searchEngine()
const where = engine.name === 'meilisearch' ? `the Meilisearch index at ${process.env.MEILI_HOST}` : 'the embedded PostgreSQL search index'
const from = handle.driver === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${handle.dataDir}`
console.log(`Verifying ${where} against ${from} …`)
try {
  await migrate(handle)
  const report = await verifySearchIndex(engine, { fix })
  const counts = `${report.indexed} documents in the index, ${report.expected} searchable in the database`
  if (report.drift.length === 0) {
    console.log(`No drift: ${counts}.`)
  } else {
    const n = (problem: string) => report.drift.filter((d) => d.problem === problem).length
    console.log(`Drift in ${report.drift.length} documents (${n('missing')} missing, ${n('extra')} extra, ${n('stale')} stale); ${counts}:`)
    for (const line of describeDrift(report)) console.log(line)
    if (report.fixed) {
      const again = await verifySearchIndex(engine)
      if (again.drift.length === 0) console.log(`Fixed: the index now equals the database.`)
      else {
        console.log(`Fixed what was found, but ${again.drift.length} documents differ again (changes committed meanwhile?); run it once more.`)
        process.exitCode = 1
      }
    } else {
      console.log('Run `npm run search:verify -- --fix` to re-write these documents from the database (or `npm run search:reindex` to rebuild everything).')
      process.exitCode = 1
    }
  }
} catch (error) {
  console.error(`Verify failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await closeDb()
}
