/**
 * `npm run analytics -- --from 2026-01-01 --to 2026-07-01 [--type t] [--tier t] [--region r]`
 * prints the summary document of docs/metrics.md as JSON on stdout for the period [from, to) (UTC).
 * Filters may repeat or take comma lists; they restrict the partner orgs considered (see
 * app/features/analytics/period.ts).
 *
 * `npm run analytics -- --partnership <key or id> --at <ISO time>` prints the health document of
 * one partnership instead (docs/metrics.md, "Partnership health").
 */
import { parseArgs } from 'node:util'
import { closeDb, dbRead, migrate } from '#db/client.server.ts'
import { computeSummary } from '#app/features/analytics/metrics.server.ts'
import { filtersOf, paramErrors, parseIsoTime, periodQuerySchema } from '#app/features/analytics/period.ts'
import { partnershipHealth, resolvePartnershipId } from '#app/features/partnerships/health.server.ts'

const USAGE = 'Usage: npm run analytics -- --from 2026-01-01 --to 2026-07-01 [--type …] [--tier …] [--region …]\n   or: npm run analytics -- --partnership <key or id> --at 2026-04-01T00:00:00Z'

let args
try {
  args = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      type: { type: 'string', multiple: true },
      tier: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      partnership: { type: 'string' },
      at: { type: 'string' },
    },
    allowPositionals: false,
  }).values
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}

if (args.partnership !== undefined || args.at !== undefined) await partnershipCommand(args)
const parsed = periodQuerySchema.safeParse(args)
if (!parsed.success) {
  for (const [param, messages] of Object.entries(paramErrors(parsed.error))) console.error(`--${param}: ${messages.join(' ')}`)
  console.error(USAGE)
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

/** `--partnership <key or id> --at <time>`: the health document; exits the process. */
async function partnershipCommand(a: { partnership?: string; at?: string; from?: string; to?: string; type?: string[]; tier?: string[]; region?: string[] }): Promise<never> {
  const problems: string[] = []
  if (!a.partnership?.trim()) problems.push("--partnership: is required (the partnership's import key or id).")
  const at = a.at === undefined ? null : parseIsoTime(a.at.trim())
  if (a.at === undefined) problems.push('--at: is required (an ISO 8601 time such as 2026-04-01T00:00:00Z).')
  else if (!at) problems.push(`--at: "${a.at}" is not an ISO 8601 time such as 2026-04-01T00:00:00Z.`)
  if (a.from !== undefined || a.to !== undefined || a.type || a.tier || a.region) problems.push('--partnership and --at cannot be combined with --from, --to or filters.')
  if (problems.length) {
    for (const p of problems) console.error(p)
    console.error(USAGE)
    process.exit(2)
  }
  let code = 0
  try {
    await migrate()
    const id = await resolvePartnershipId(dbRead, a.partnership!.trim())
    const health = id ? await partnershipHealth(dbRead, id, at!) : null
    if (!health) {
      console.error(`--partnership: no partnership has the key or id "${a.partnership!.trim()}".`)
      code = 2
    } else process.stdout.write(`${JSON.stringify(health, null, 2)}\n`)
  } catch (error) {
    console.error(`analytics failed: ${(error as Error).message}`, (error as { cause?: unknown }).cause ?? '')
    code = 1
  } finally {
    await closeDb()
  }
  process.exit(code)
}
