import { every } from '../../http/workers.server.ts'
import { deleteOrphanedMedia } from './media-cleanup.server.ts'

/** Hourly: remove uploads nothing shows any more (safe on many nodes: rows are claimed with SKIP LOCKED). */
every('media-cleanup', 3_600_000, () => deleteOrphanedMedia())
