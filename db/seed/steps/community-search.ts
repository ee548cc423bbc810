import { reindexCommunity } from '#app/features/community/search.server.ts'
import type { SeedStep } from '#db/seed/step.ts'

/** After the community is seeded: its topics and accepted answers in the community search index. */
export const communitySearchStep: SeedStep = {
  name: 'community search index',
  async run({ log }) {
    const topics = await reindexCommunity()
    log(`Indexed ${topics} community topics and their accepted answers`)
  },
}
