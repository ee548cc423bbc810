/**
 * `npm run demo`: the whole product on the embedded defaults, nothing to configure.
 * Migrates the database (PGlite in DATA_DIR, default ./.data), seeds the demo ecosystem when it
 * is empty, builds the Remix app when the build is older than its sources, and starts the
 * production server on PORT (default 3000).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { closeDb, migrate } from '#db/client.server.ts'
import { isDatabaseEmpty, seedDemo } from '#db/seed/index.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#db/seed/steps/foundation.ts'
import { buildApp, portIsFree, ROOT, waitForUrl } from './lib/build.ts'

process.chdir(ROOT)
const port = Number(process.env.PORT || 3000)
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a number between 1 and 65535 (got ${JSON.stringify(process.env.PORT)}).`)
  process.exit(1)
}
if (!(await portIsFree(port))) {
  console.error(`Port ${port} is already in use. Stop whatever is using it, or pick another port: PORT=${port + 1} npm run demo`)
  process.exit(1)
}

const where = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${path.resolve(process.env.DATA_DIR || './.data')}`
console.log(`Database: ${where}`)
await migrate()
if (await isDatabaseEmpty()) {
  console.log('The database is empty: seeding the demo ecosystem …')
  await seedDemo()
} else {
  console.log('The database already has data; keeping it (delete the data directory to start over).')
}
// PGlite allows one process per data directory: hand it over to the server.
await closeDb()

buildApp({ force: process.argv.includes('--rebuild') })

const server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', DEMO: '1', PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL || 'warn' },
})
let exited = false
server.on('exit', (code, signal) => {
  exited = true
  process.exit(code ?? (signal ? 0 : 1))
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!exited) server.kill(signal)
  })
}

const url = `http://localhost:${port}`
try {
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 120_000, isAlive: () => !exited })
} catch (error) {
  console.error(`The server did not start: ${(error as Error).message}`)
  server.kill('SIGTERM')
  process.exit(1)
}

const logins = Object.values(DEMO_ACCOUNTS)
const width = Math.max(...logins.map((a) => a.email.length))
console.log(
  [
    '',
    `  Partner Hub demo is running at ${url}`,
    '',
    `  Sign in with any of these (password ${DEMO_PASSWORD}):`,
    ...logins.map((a) => `    ${a.email.padEnd(width)}  ${a.role.replace('_', ' ').padEnd(14)}  ${a.org}`),
    '',
    `  Mail the app sends (invitations, password resets) is listed at ${url}/dev/mail`,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n'),
)
