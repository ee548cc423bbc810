import { rebuildSearchIndex } from '#search/sync.server.ts'
import type { SeedStep } from '#db/seed/step.ts'

/** Last step: build the search index from everything seeded (seed rows may not all come with events). */
export const searchStep: SeedStep = {
  name: 'search index',
  async run({ log }) {
    const { documents } = await rebuildSearchIndex()
    log(`Indexed ${documents} searchable documents`)
  },
}
