import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { createVendor } from '#tests/factories/index.ts'
import { createCategory } from '#app/features/listings/categories.server.ts'
import { FileStorage, setStorage } from '#app/features/listings/storage.server.ts'

/** A throwaway uploads directory for one test file. */
export function useTempStorage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-uploads-'))
  setStorage(new FileStorage(dir))
  return {
    dir,
    files() {
      const out: string[] = []
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name))
          else out.push(path.join(d, e.name))
        }
      }
      walk(dir)
      return out
    },
  }
}

export async function pngImage(width = 640, height = 400, color = '#3366cc') {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer()
}

export async function vendorWithCategories() {
  const vendor = await createVendor()
  const saas = await createCategory(vendor.admin, { name: 'Cloud migration', slug: undefined, position: 1 })
  const security = await createCategory(vendor.admin, { name: 'Security', position: 2 })
  return { vendor, categories: { saas, security } }
}

export function listingInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'service',
    title: 'Cloud migration assessment',
    summary: 'A two-week assessment of your estate with a migration plan and cost model.',
    body: '## What you get\n\n- An inventory\n- A plan\n\n[Learn more](https://example.com)',
    categoryIds: [] as string[],
    industries: ['healthcare'],
    regions: ['EMEA'],
    pricingModel: 'one_time',
    pricingDetails: 'From €9,000',
    removeLogo: false,
    removeScreenshots: [],
    ...overrides,
  }
}
