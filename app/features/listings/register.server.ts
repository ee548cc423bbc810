import { env } from '../../env.server.ts'
import { logger } from '../../http/logger.server.ts'
import { deleteOrphanedMedia } from './media-cleanup.server.ts'

/** Hourly: remove uploads nothing shows any more (safe on many nodes: rows are claimed with SKIP LOCKED). */
const holder = globalThis as { __peMediaCleanupTimer?: NodeJS.Timeout }
if (env().NODE_ENV !== 'test' && env().WORKERS && !holder.__peMediaCleanupTimer) {
  holder.__peMediaCleanupTimer = setInterval(() => {
    deleteOrphanedMedia().catch((error) => logger.error({ err: error, job: 'media-cleanup' }, 'orphaned upload cleanup failed'))
  }, 3_600_000)
  holder.__peMediaCleanupTimer.unref()
}
