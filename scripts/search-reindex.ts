/**
 * npm run search:reindex — rebuilds the whole search index without downtime: a new index is
 * filled next to the live one and swapped in, with the live sync paused only for the final catch-up.
 * With the embedded database (no DATABASE_URL) stop the app first: PGlite's data directory belongs
 * to one process at a time.
 */
import cliProgress from 'cli-progress'
import { closeDb, dbHandle, migrate } from '#db/client.server.ts'
import { searchEngine } from '#search/engine.server.ts'
import { rebuildSearchIndex } from '#search/sync.server.ts'

const handle = dbHandle()
const engine = searchEngine()
console.log(
  `Rebuilding the ${engine.name === 'meilisearch' ? `Meilisearch index at ${process.env.MEILI_HOST}` : 'embedded PostgreSQL search index'} from ${
    handle.driver === 'postgres' ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${handle.dataDir} (make sure the app is not running on it)`
  } …`,
)
await migrate(handle)
const bar = new cliProgress.SingleBar(
  { format: ' {bar} {percentage}% | {value}/{total} documents | {phase} | {duration_formatted}', hideCursor: true, clearOnComplete: false },
  cliProgress.Presets.shades_classic,
)
let started = false
const startedAt = Date.now()
try {
  const result = await rebuildSearchIndex({
    onProgress({ done, total, phase }) {
      if (!started) {
        bar.start(Math.max(total, 1), 0, { phase })
        started = true
      }
      if (done > bar.getTotal()) bar.setTotal(done)
      bar.update(done, { phase })
    },
  })
  bar.stop()
  console.log(`Done: ${result.documents} documents indexed and swapped in (${((Date.now() - startedAt) / 1000).toFixed(1)} s).`)
} catch (error) {
  bar.stop()
  console.error(`Reindex failed; the live index was left as it was. ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await closeDb()
}
