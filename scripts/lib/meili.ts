/**
 * A real Meilisearch server for tests, CI, benchmarks and `npm run meili`: finds the binary
 * (MEILI_BIN, else the cache folder), starts it on a free 127.0.0.1 port with a random master key
 * and a temp data dir, waits for /health, and stops it. Meilisearch is never part of the
 * repository: the binary is built from its source (README, "Search with Meilisearch").
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './build.ts'

/** The Meilisearch release the project is tested against. */
export const MEILI_VERSION = 'v1.50.0'

/** Where the project's scripts look for the binary when MEILI_BIN is not set. */
export function meiliCachePath(version = MEILI_VERSION) {
  return path.join(os.homedir(), '.cache', 'partner-hub', 'meilisearch', version, 'meilisearch')
}

/** The binary to run, or null (with where it looked) when there is none. */
export function findMeiliBinary(): { path: string; looked?: undefined } | { path: null; looked: string } {
  const fromEnv = process.env.MEILI_BIN
  const candidate = fromEnv || meiliCachePath()
  try {
    fs.accessSync(candidate, fs.constants.X_OK)
    return { path: candidate }
  } catch {
    return { path: null, looked: fromEnv ? `MEILI_BIN=${fromEnv}` : `MEILI_BIN (unset) and ${candidate}` }
  }
}

/** The one line printed when the binary is absent. */
export function meiliMissingLine(looked: string) {
  return `Meilisearch binary not found (looked at ${looked}); skipping. Build it from source (README, "Search with Meilisearch") or set MEILI_BIN.`
}

export type MeiliServer = {
  host: string
  port: number
  masterKey: string
  dataDir: string
  /** Server output (stdout and stderr) goes here. */
  logFile: string
  /** Whether the process is running. */
  readonly running: boolean
  /** Kills the process at once (SIGKILL), as a crash would; the data dir stays. */
  kill(): Promise<void>
  /** Starts the process again on the same port and data dir and waits for /health. */
  restart(): Promise<void>
  /** Stops the process (SIGTERM, then SIGKILL) and removes the data dir unless it was given. */
  stop(): Promise<void>
}

export type StartMeiliOptions = {
  binary?: string
  port?: number
  masterKey?: string
  /** Kept after stop() when given; otherwise a temp dir removed by stop(). */
  dataDir?: string
  timeoutMs?: number
  /** Indexing threads (default 1: the machines are shared). */
  indexingThreads?: number
  /**
   * `--max-indexing-memory` (default 256MiB). Meilisearch's default is two thirds of the RAM, and
   * every batch sizes its buffers from it: on a 23 GiB machine a one-document update took 0.8 s,
   * with 256MiB 0.15 s (README, "Search with Meilisearch").
   */
  indexingMemory?: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function healthy(host: string) {
  try {
    const res = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) })
    return res.ok
  } catch {
    return false
  }
}

function tail(file: string, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no output)'
  }
}

/** Starts a Meilisearch server; throws (with its last output) if it does not become healthy. */
export async function startMeili(options: StartMeiliOptions = {}): Promise<MeiliServer> {
  const found = options.binary ? { path: options.binary } : findMeiliBinary()
  if (found.path === null) throw new Error(meiliMissingLine(found.looked))
  const binary = found.path
  const port = options.port ?? (await freePort())
  const masterKey = options.masterKey ?? randomBytes(24).toString('hex')
  const ownDir = !options.dataDir
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'partner-hub-meili-'))
  fs.mkdirSync(dataDir, { recursive: true })
  const logFile = path.join(dataDir, 'meilisearch.log')
  const host = `http://127.0.0.1:${port}`
  const timeoutMs = options.timeoutMs ?? 60_000
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()

  const launch = async () => {
    const out = fs.openSync(logFile, 'a')
    const args = [
      '--http-addr',
      `127.0.0.1:${port}`,
      '--db-path',
      path.join(dataDir, 'data.ms'),
      '--dump-dir',
      path.join(dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(dataDir, 'snapshots'),
      `--master-key=${masterKey}`,
      '--no-analytics',
      '--env',
      'development',
      '--max-indexing-threads',
      String(options.indexingThreads ?? 1),
      '--max-indexing-memory',
      options.indexingMemory ?? '256MiB',
    ]
    const proc = spawn(binary, args, { stdio: ['ignore', out, out], cwd: dataDir })
    fs.closeSync(out)
    child = proc
    let gone = false
    exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        gone = true
        resolve()
      })
      proc.once('error', () => {
        gone = true
        resolve()
      })
    })
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      if (gone) throw new Error(`Meilisearch (${binary}) exited before it was healthy:\n${tail(logFile)}`)
      if (await healthy(host)) return
      await sleep(100)
    }
    proc.kill('SIGKILL')
    throw new Error(`Meilisearch did not answer ${host}/health within ${timeoutMs} ms:\n${tail(logFile)}`)
  }

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    proc.kill(signal)
    const killer = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), 10_000)
    await exited
    if (killer) clearTimeout(killer)
  }

  try {
    await launch()
  } catch (error) {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const onExit = () => child?.kill('SIGKILL')
  process.once('exit', onExit)

  return {
    host,
    port,
    masterKey,
    dataDir,
    logFile,
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null
    },
    kill: () => halt('SIGKILL'),
    async restart() {
      await halt('SIGTERM')
      await launch()
    },
    async stop() {
      process.removeListener('exit', onExit)
      await halt('SIGTERM')
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
