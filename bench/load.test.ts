import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { benchEntries, readBenchScript, ROOT, type LoadReport } from './lib/load-check.ts'

const run = promisify(execFile)

/**
 * Every benchmark still loads: bench/lib/load-check.ts, in a Node process of its own (outside
 * vitest, as `npm run bench:*` runs them), imports every module each bench script imports and
 * checks the names it takes from them. A bench once imported a module that imported `vitest` and
 * so threw anywhere but under vitest; nothing noticed until someone ran the bench.
 */
async function loadCheck(files: string[] = []): Promise<{ code: number; report: LoadReport }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: scratch }
  // As from a shell: not under vitest, and no database, Redis or Meilisearch to connect to on import.
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name.startsWith('TEST_')) delete env[name]
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'MEILI_HOST', 'MEILI_API_KEY']) delete env[name]
  const result = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['bench/lib/load-check.ts', '--json', ...files], { cwd: ROOT, env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  )
  return { code: result.code, report: JSON.parse(result.stdout.trim().split('\n').at(-1)!) as LoadReport }
}

const scratch = fs.mkdtempSync(path.join(ROOT, 'tests/.tmp/bench-load-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('the benchmarks', () => {
  test('every script a bench:* script runs, and the bench scripts they start, load outside vitest', async () => {
    const { code, report } = await loadCheck()
    expect(report.problems).toEqual([])
    expect(code).toBe(0)
    const checked = report.scripts.map((s) => s.file)
    expect(checked).toEqual(expect.arrayContaining(benchEntries()))
    expect(checked).toEqual(expect.arrayContaining(['bench/realtime/node.ts', 'bench/api/webhook-receiver.ts', 'bench/search/app-server.ts']))
    for (const s of report.scripts) expect(s.imports, s.file).toBeGreaterThan(0)
  })

  test('the check finds a module that throws outside vitest, a missing export and a missing module', async () => {
    const dir = path.relative(ROOT, scratch)
    fs.writeFileSync(path.join(scratch, 'vitest-only.ts'), "import { expect } from 'vitest'\nexport const check = expect\n")
    fs.writeFileSync(path.join(scratch, 'fine.ts'), 'export const there = 1\n')
    fs.writeFileSync(
      path.join(scratch, 'bench.ts'),
      [
        "import { there } from './fine.ts'",
        "const { check } = await import('./vitest-only.ts')",
        "const { gone } = await import('./fine.ts')",
        "const missing = (await import('#app/no-such-module.ts')).x",
        'console.log(there, check, gone, missing)',
        '',
      ].join('\n'),
    )
    expect(readBenchScript(`${dir}/bench.ts`).imports).toEqual([
      { specifier: './fine.ts', names: ['there'], line: 1 },
      { specifier: './vitest-only.ts', names: ['check'], line: 2 },
      { specifier: './fine.ts', names: ['gone'], line: 3 },
      { specifier: '#app/no-such-module.ts', names: ['x'], line: 4 },
    ])
    const { code, report } = await loadCheck([`${dir}/bench.ts`])
    expect(code).toBe(1)
    expect(report.problems.map((p) => [p.line, p.problem.replace(/:.*/s, '')])).toEqual([
      [2, 'throws when imported'],
      [3, 'does not export gone'],
      [4, 'throws when imported'],
    ])
    expect(report.problems[0]!.problem).toMatch(/Vitest failed to access its internal state/)
  })
})
