import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import { DEMO_ACCOUNTS } from '#db/seed/steps/foundation.ts'
import { reindexCommunity } from '#app/features/community/search.server.ts'
import type { SeedStep } from '#db/seed/step.ts'

/**
 * After the community is seeded: its topics and accepted answers in the community search index,
 * and read positions that show unread counts in the demo (Northwind's admin has read every topic
 * of the open spaces but its newest reply; the other demo people have read nothing yet).
 */
export const communitySearchStep: SeedStep = {
  name: 'community search index and read positions',
  async run({ log }) {
    const topics = await reindexCommunity()
    const [reader] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${DEMO_ACCOUNTS.northwindAdmin.email}`)
    let reads = 0
    if (reader) {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`insert into community_topic_reads (user_id, topic_id, read_count, read_at)
            select ${reader.id}, t.id, greatest(t.reply_count - 1, 0), now()
            from community_topics t join community_spaces s on s.id = t.space_id
            where s.visibility = 'partners' and t.reply_count > 0
            on conflict do nothing returning topic_id as id`,
      )
      reads = rows.length
    }
    log(`Indexed ${topics} community topics and their accepted answers; ${reads} read positions for ${DEMO_ACCOUNTS.northwindAdmin.email}`)
  },
}
