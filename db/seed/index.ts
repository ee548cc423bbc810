import { faker } from '@faker-js/faker'
import { sql } from 'drizzle-orm'
import { db, queryRows } from '#db/client.server.ts'
import type { SeedStep } from '#db/seed/step.ts'
import { analyticsStep } from '#db/seed/steps/analytics.ts'
import { communityStep } from '#db/seed/steps/community.ts'
import { communityPostsStep } from '#db/seed/steps/community-posts.ts'
import { communitySearchStep } from '#db/seed/steps/community-search.ts'
import { apiStep } from '#db/seed/steps/api.ts'
import { cosellStep } from '#db/seed/steps/cosell.ts'
import { foundationStep } from '#db/seed/steps/foundation.ts'
import { leadsStep } from '#db/seed/steps/leads.ts'
import { marketplaceStep } from '#db/seed/steps/marketplace.ts'
import { partnershipBoardStep } from '#db/seed/steps/partnership-board.ts'
import { onboardingStep } from '#db/seed/steps/onboarding.ts'
import { partnershipsStep } from '#db/seed/steps/partnerships.ts'
import { programsStep } from '#db/seed/steps/programs.ts'
import { referralsStep } from '#db/seed/steps/referrals.ts'
import { registrationsStep } from '#db/seed/steps/registrations.ts'
import { searchStep } from '#db/seed/steps/search.ts'

/** The demo ecosystem, built step by step; each capability adds its step in dependency order. */
export const steps: SeedStep[] = [
  foundationStep,
  analyticsStep,
  marketplaceStep,
  cosellStep,
  referralsStep,
  registrationsStep,
  onboardingStep,
  leadsStep,
  communityStep,
  communityPostsStep,
  programsStep,
  partnershipsStep,
  partnershipBoardStep,
  apiStep,
  searchStep,
  communitySearchStep,
]

export async function isDatabaseEmpty() {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organizations`)
  return Number(row?.n ?? 0) === 0
}

export async function seedDemo({ log = console.log }: { log?: (message: string) => void } = {}) {
  faker.seed(20261122)
  const now = new Date()
  for (const step of steps) {
    const started = Date.now()
    log(`Seeding ${step.name} …`)
    await step.run({ faker, now, log })
    log(`Seeded ${step.name} in ${((Date.now() - started) / 1000).toFixed(1)}s`)
  }
  // The statistics a server's autovacuum gathers after a bulk load (PGlite has no autovacuum).
  await db.execute(sql`analyze`)
}
