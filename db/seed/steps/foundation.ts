import type { SeedStep } from '../step.ts'

// Placeholder replaced by the foundation seed (vendor, 60+ partners, demo users).
export const foundationStep: SeedStep = {
  name: 'organizations and users',
  async run() {
    throw new Error('foundation seed not written yet')
  },
}
