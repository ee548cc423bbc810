import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { logger } from '#app/core/logger.server.ts'
import { storage } from '#app/features/listings/storage.server.ts'

/**
 * Uploaded images that nothing shows any more: a draft's screenshot or logo replaced before it was
 * published, or an organization logo replaced. Published versions are kept forever, so their media
 * never become orphans. Rows go first (in one statement, safe on many nodes with SKIP LOCKED);
 * files after the commit, so a failure leaves at worst a stray file, never a broken image.
 */
export async function deleteOrphanedMedia({ graceHours = 24, limit = 500, now = new Date() } = {}) {
  const cutoff = new Date(now.getTime() - graceHours * 3_600_000).toISOString()
  const removed = await queryRows<{ key: string }>(
    db,
    sql`delete from listing_media where id in (
          select m.id from listing_media m
          where m.created_at < ${cutoff}::timestamptz
            and not exists (select 1 from listing_versions v where v.logo_key = m.key)
            and not exists (select 1 from listing_versions v where v.screenshots @> jsonb_build_array(jsonb_build_object('key', m.key)))
            and not exists (select 1 from organizations o where o.logo_url = '/uploads/' || m.key)
          order by m.created_at
          limit ${limit}
          for update skip locked)
        returning key`,
  )
  const store = storage()
  for (const { key } of removed) {
    await store.delete(key).catch((error: unknown) => logger.warn({ err: error, key }, 'could not delete an orphaned upload'))
  }
  if (removed.length) logger.info({ count: removed.length }, 'deleted orphaned uploads')
  return { deleted: removed.map((r) => r.key) }
}
