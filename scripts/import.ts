/**
 * `npm run import -- <snapshot.json>`: loads an ecosystem snapshot (docs/import-format.md) into the database
 * DATABASE_URL or DATA_DIR names. Validates everything first; a snapshot with any problem is
 * refused whole (every problem listed on stderr, exit code 1) and nothing is written.
 */
import fs from 'node:fs'
import path from 'node:path'
import { closeDb, migrate } from '#db/client.server.ts'
import { importSnapshotFromCli } from '#app/features/analytics/import.server.ts'
import { formatProblem } from '#app/features/analytics/snapshot.ts'

const file = process.argv.slice(2).find((a) => !a.startsWith('-'))
if (!file) {
  console.error('Usage: npm run import -- <snapshot.json>')
  process.exit(2)
}
let text: string
try {
  text = fs.readFileSync(path.resolve(file), 'utf8')
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`)
  process.exit(2)
}

let exitCode = 0
try {
  await migrate()
  const quiet = process.argv.includes('--quiet') || !process.stderr.isTTY
  const result = await importSnapshotFromCli(text, {
    fileName: path.basename(file),
    onProgress: quiet ? undefined : (p) => void process.stderr.write(`\r${p.phase} ${p.done}/${p.total}   `),
  })
  if (!quiet) process.stderr.write('\n')
  if (!result.ok) {
    console.error(`Refused ${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was written.`)
    for (const p of result.problems) console.error(`  - ${formatProblem(p)}`)
    exitCode = 1
  } else {
    const c = result.counts
    const line = (name: string, t: { inserted: number; updated: number; unchanged: number }) => `  ${name}: ${t.inserted} inserted, ${t.updated} updated, ${t.unchanged} unchanged`
    console.error(`Imported ${file} (${result.records} records):`)
    console.error(line('organizations', c.organizations))
    console.error(line('opportunities', c.opportunities))
    console.error(line('referrals', c.referrals))
    console.error(line('co-sell', c.coSell))
    for (const section of ['partnerships', 'plans', 'commitments', 'reviews'] as const) if (c[section]) console.error(line(section, c[section]))
  }
} catch (error) {
  console.error(`Import failed: ${(error as Error).message}`)
  exitCode = 1
} finally {
  await closeDb()
}
process.exit(exitCode)
