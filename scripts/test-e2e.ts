/**
 * `npm run test:e2e` (also the last part of `npm test`): the Playwright suite in Debian's
 * Chromium against the built app on the embedded defaults.
 *
 * Builds the app when stale, seeds a fresh PGlite database under tests/.tmp/, starts the
 * production server on a free port, waits for /healthz, runs `playwright test` (extra
 * arguments are passed through), stops the server and exits with Playwright's code.
 * Where no Chromium exists it prints a notice and exits 0. With E2E_MEILI=1 the site searches a
 * throwaway Meilisearch server (scripts/lib/meili.ts) instead of the embedded engine.
 *
 * `--serve` only builds, seeds and serves on E2E_PORT (default 4310) until stopped; that is
 * what playwright.config.ts starts when Playwright is run on its own.
 *
 * The server gets a fresh random E2E_SESSION_HOOK_SECRET, which turns on its test-only sign-in
 * shortcut (app/http/e2e-session-hook.server.ts) used by tests/e2e/fixtures.ts. Playwright gets
 * it in its environment; with `--serve` it is also written to tests/.tmp/e2e-<port>/session-hook-secret
 * so a Playwright run that reuses the server finds it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buildApp, freePort, ROOT, waitForUrl } from './lib/build.ts'
import { findMeiliBinary, meiliMissingLine, startMeili, type MeiliServer } from './lib/meili.ts'

process.chdir(ROOT)
const args = process.argv.slice(2)
const serveOnly = args.includes('--serve')
const playwrightArgs = args.filter((a) => a !== '--serve')

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!serveOnly && !fs.existsSync(chromium)) {
  console.log(['', `  Browser suite SKIPPED: no Chromium at ${chromium}.`, '  Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH, then run npm run test:e2e.', ''].join('\n'))
  process.exit(0)
}

// The browser suite runs on the embedded defaults whatever the shell has set.
for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'MEILI_HOST', 'MEILI_API_KEY', 'MEILI_SEARCH_KEY', 'SMTP_URL', 'APP_ORIGIN']) delete process.env[name]

// E2E_MEILI=1: the site searches a throwaway Meilisearch server instead (the seed indexes into it).
let meili: MeiliServer | null = null
if (process.env.E2E_MEILI === '1') {
  const found = findMeiliBinary()
  if (found.path === null) {
    console.log(`[e2e] ${meiliMissingLine(found.looked)}`)
    process.exit(0)
  }
  meili = await startMeili({ binary: found.path })
  process.env.MEILI_HOST = meili.host
  process.env.MEILI_API_KEY = meili.masterKey
  console.log(`[e2e] Searching Meilisearch at ${meili.host}`)
}

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`

buildApp({ log: (m) => console.log(`[e2e] ${m}`) })

const port = serveOnly ? Number(process.env.E2E_PORT || 4310) : await freePort()
const runDir = path.join(ROOT, 'tests/.tmp', `e2e-${port}`)
fs.rmSync(runDir, { recursive: true, force: true })
fs.mkdirSync(runDir, { recursive: true })
const dataDir = path.join(runDir, 'data')

// Seed in this process, then close PGlite so the server can open the same data directory.
process.env.DATA_DIR = dataDir
const { closeDb, migrate } = await import('#db/client.server.ts')
const { seedDemo } = await import('#db/seed/index.ts')
await migrate()
await seedDemo({ log: (m) => console.log(`[e2e] ${m}`) })
await closeDb()
console.log(`[e2e] Seeded a fresh database in ${path.relative(ROOT, dataDir)} (${elapsed()})`)

const sessionHookSecret = randomBytes(32).toString('hex')
if (serveOnly) fs.writeFileSync(path.join(runDir, 'session-hook-secret'), sessionHookSecret, { mode: 0o600 })

const logFile = path.join(runDir, 'server.log')
const log = fs.openSync(logFile, 'w')
const server: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
  cwd: ROOT,
  stdio: ['ignore', log, log],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DEMO: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL || 'info',
    E2E_SESSION_HOOK_SECRET: sessionHookSecret,
  },
})
let serverExited = false
const serverDone = new Promise<void>((resolve) =>
  server.on('exit', () => {
    serverExited = true
    resolve()
  }),
)

async function stopServer() {
  if (!serverExited) {
    server.kill('SIGTERM')
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000)
    await serverDone
    clearTimeout(timer)
  }
  await meili?.stop()
}

function printServerLog() {
  const text = fs.readFileSync(logFile, 'utf8')
  console.error(`[e2e] Last lines of the server log (${path.relative(ROOT, logFile)}):\n${text.split('\n').slice(-40).join('\n')}`)
}

const baseURL = `http://localhost:${port}`
try {
  await waitForUrl(`${baseURL}/healthz`, { timeoutMs: 120_000, isAlive: () => !serverExited })
} catch (error) {
  console.error(`[e2e] The server did not start: ${(error as Error).message}`)
  printServerLog()
  await stopServer()
  process.exit(1)
}
console.log(`[e2e] Server ready at ${baseURL} (${elapsed()})`)

if (serveOnly) {
  const stop = async () => {
    await stopServer()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  await serverDone
  process.exit(1)
}

const playwright = spawn(path.join(ROOT, 'node_modules/.bin/playwright'), ['test', ...playwrightArgs], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: baseURL, CHROMIUM_PATH: chromium, E2E_SESSION_HOOK_SECRET: sessionHookSecret },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => playwright.kill(signal))
const code = await new Promise<number>((resolve) => playwright.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))))
if (code !== 0) printServerLog()
await stopServer()
console.log(`[e2e] Playwright exited with ${code} (${elapsed()})`)
process.exit(code)
