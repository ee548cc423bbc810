import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { healthFixture } from '#app/features/partnerships/testing/fixture.ts'
import { referenceHealth } from '#app/features/partnerships/testing/reference.ts'

const run = promisify(execFile)
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: number; stderr: string }) => e,
  )

// `npm run import` then `npm run analytics -- --partnership … --at …` as separate processes on
// their own database, compared with the independent calculation.
describe('CLI: partnership health', () => {
  it('prints the health document of an imported partnership; usage errors exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pe-ps-cli-'))
    const file = path.join(dir, 'snapshot.json')
    const doc = healthFixture()
    fs.writeFileSync(file, JSON.stringify(doc))
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv
    if (process.env.TEST_FILE_DATABASE_URL) env.DATABASE_URL = process.env.TEST_FILE_DATABASE_URL
    else delete env.DATABASE_URL
    const tsx = path.resolve('node_modules/.bin/tsx')

    const imported = await run(tsx, ['scripts/import.ts', file], { env })
    expect(imported.stderr).toMatch(/partnerships: 4 inserted/)

    const out = await run(tsx, ['scripts/analytics.ts', '--partnership', 'hv-ps1', '--at', '2026-04-10T00:00:00Z'], { env })
    expect(JSON.parse(out.stdout)).toEqual(referenceHealth(doc, 'hv-ps1', '2026-04-10T00:00:00.000Z'))
    const p2p = await run(tsx, ['scripts/analytics.ts', '--partnership', 'hv-ps2', '--at', '2026-07-01T00:00:00Z'], { env })
    expect(JSON.parse(p2p.stdout)).toEqual(referenceHealth(doc, 'hv-ps2', '2026-07-01T00:00:00.000Z'))

    const unknown = await failure(run(tsx, ['scripts/analytics.ts', '--partnership', 'ghost', '--at', '2026-04-10T00:00:00Z'], { env }))
    expect(unknown?.code).toBe(2)
    expect(unknown?.stderr).toContain('no partnership has the key or id "ghost"')
    const noAt = await failure(run(tsx, ['scripts/analytics.ts', '--partnership', 'hv-ps1'], { env }))
    expect(noAt?.code).toBe(2)
    expect(noAt?.stderr).toContain('--at: is required')
    const badAt = await failure(run(tsx, ['scripts/analytics.ts', '--partnership', 'hv-ps1', '--at', 'soon', '--from', '2026-01-01'], { env }))
    expect(badAt?.code).toBe(2)
    expect(badAt?.stderr).toContain('--at: "soon" is not an ISO 8601 time')
    expect(badAt?.stderr).toContain('cannot be combined with --from')
    fs.rmSync(dir, { recursive: true, force: true })
  }, 600_000)
})
