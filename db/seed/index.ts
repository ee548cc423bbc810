import { faker } from '@faker-js/faker'
import { sql } from 'drizzle-orm'
import { db, queryRows } from '../client.server.ts'
import type { SeedStep } from './step.ts'
import { analyticsStep } from './steps/analytics.ts'
import { communityStep } from './steps/community.ts'
import { apiStep } from './steps/api.ts'
import { cosellStep } from './steps/cosell.ts'
import { foundationStep } from './steps/foundation.ts'
import { leadsStep } from './steps/leads.ts'
import { marketplaceStep } from './steps/marketplace.ts'
import { onboardingStep } from './steps/onboarding.ts'
import { referralsStep } from './steps/referrals.ts'
import { searchStep } from './steps/search.ts'

/** The demo ecosystem, built step by step; each capability adds its step in dependency order. */
export const steps: SeedStep[] = [
  foundationStep,
  analyticsStep,
  marketplaceStep,
  cosellStep,
  referralsStep,
  onboardingStep,
  leadsStep,
  communityStep,
  apiStep,
  searchStep,
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
}
