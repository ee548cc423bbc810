import type { Faker } from '@faker-js/faker'

export type SeedContext = {
  /** Seeded with a fixed value, so the demo is the same on every machine. */
  faker: Faker
  /** "Now" for the whole seed run: history is laid out before it. */
  now: Date
  log: (message: string) => void
}

export type SeedStep = { name: string; run: (ctx: SeedContext) => Promise<void> }
