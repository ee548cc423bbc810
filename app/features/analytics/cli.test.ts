import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { generateSnapshot } from '#app/features/analytics/testing/generate.ts'
import { referenceSummary } from '#app/features/analytics/testing/reference.ts'

const run = promisify(execFile)

// `npm run import` then `npm run analytics` as separate processes, on their own database (this
// file's PostgreSQL database, or a fresh PGlite data dir), compared with the reference.
describe('CLIs: import then analytics', () => {
  it('prints the same numbers as the independent calculation; a bad file is refused with exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-analytics-cli-'))
    const file = path.join(dir, 'snapshot.json')
    const doc = generateSnapshot(424242, { partners: 30, opportunities: 250, referrals: 200, coSell: 120 })
    fs.writeFileSync(file, JSON.stringify(doc))
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv
    if (process.env.TEST_FILE_DATABASE_URL) env.DATABASE_URL = process.env.TEST_FILE_DATABASE_URL
    else delete env.DATABASE_URL
    const tsx = path.resolve('node_modules/.bin/tsx')

    const imported = await run(tsx, ['scripts/import.ts', file], { env })
    expect(imported.stderr).toMatch(/Imported .* records/)
    const again = await run(tsx, ['scripts/import.ts', file], { env })
    expect(again.stderr).toMatch(/opportunities: 0 inserted, 0 updated, 250 unchanged/)

    const out = await run(tsx, ['scripts/analytics.ts', '--from', '2026-01-01', '--to', '2026-07-01'], { env })
    expect(JSON.parse(out.stdout)).toEqual(referenceSummary(doc, '2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'))
    const filtered = await run(tsx, ['scripts/analytics.ts', '--from', '2025-01-01', '--to', '2026-01-01', '--tier', 'gold,platinum', '--region', 'EMEA'], { env })
    expect(JSON.parse(filtered.stdout)).toEqual(referenceSummary(doc, '2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', { tiers: ['gold', 'platinum'], regions: ['EMEA'] }))

    const badFile = path.join(dir, 'bad.json')
    fs.writeFileSync(badFile, JSON.stringify({ ...doc, referrals: [...doc.referrals, { key: 'r-bad', from: 'p1', to: 'nobody', status: 'won', createdAt: 'soon' }] }))
    const refused = await run(tsx, ['scripts/import.ts', badFile], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(refused?.code).toBe(1)
    expect(refused?.stderr).toContain('referrals r-bad · to: refers to unknown organization "nobody"')
    expect(refused?.stderr).toContain('referrals r-bad · createdAt')
    expect(refused?.stderr).toContain('referrals r-bad · wonAmount: is required when the status is won')

    const badArgs = await run(tsx, ['scripts/analytics.ts', '--from', 'yesterday'], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(badArgs?.code).toBe(2)
    expect(badArgs?.stderr).toMatch(/--from: .*--to|--to: /s)
    fs.rmSync(dir, { recursive: true, force: true })
  }, 600_000)
})
