/**
 * `npm run analytics -- --from 2026-01-01 --to 2026-07-01 [--type t] [--tier t] [--region r]`
 * prints the summary document of docs/metrics.md as JSON on stdout for the period [from, to) (UTC).
 * Filters may repeat or take comma lists; they restrict the partner orgs considered (see
 * app/features/analytics/period.ts).
 */
import { parseArgs } from 'node:util'
import { closeDb, dbRead, migrate } from '#db/client.server.ts'
import { computeSummary } from '#app/features/analytics/metrics.server.ts'
import { filtersOf, paramErrors, periodQuerySchema } from '#app/features/analytics/period.ts'

let args
try {
  args = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', multiple: true },
      tier: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
    },
    allowPositionals: false,
  }).values
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run analytics -- --from 2026-01-01 --to 2026-07-01 [--type …] [--tier …] [--region …]`)
  process.exit(2)
}
const parsed = periodQuerySchema.safeParse(args)
if (!parsed.success) {
  for (const [param, messages] of Object.entries(paramErrors(parsed.error))) console.error(`--${param}: ${messages.join(' ')}`)
  console.error('Usage: npm run analytics -- --from 2026-01-01 --to 2026-07-01 [--type …] [--tier …] [--region …]')
  process.exit(2)
}

let exitCode = 0
try {
  await migrate()
  const summary = await computeSummary(dbRead, { from: parsed.data.from, to: parsed.data.to }, filtersOf(parsed.data))
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
} catch (error) {
  console.error(`analytics failed: ${(error as Error).message}`, (error as { cause?: unknown }).cause ?? '')
  exitCode = 1
} finally {
  await closeDb()
}
process.exit(exitCode)
