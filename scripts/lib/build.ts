import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Inputs of the Remix build: when none is newer than build/server/index.js, the build is current. */
const BUILD_INPUTS = ['app', 'public', 'db/schema', 'remix.config.js', 'vite.config.ts', 'tailwind.config.ts', 'postcss.config.js', 'package-lock.json']

function newestMtime(target: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(target)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

export function buildIsCurrent(root = ROOT) {
  const output = path.join(root, 'build/server/index.js')
  if (!fs.existsSync(output) || !fs.existsSync(path.join(root, 'build/client'))) return false
  const built = fs.statSync(output).mtimeMs
  return BUILD_INPUTS.every((input) => newestMtime(path.join(root, input)) <= built)
}

/** Runs `remix vite:build` unless the build is newer than its sources (or `force`). */
export function buildApp({ force = false, log = console.log }: { force?: boolean; log?: (message: string) => void } = {}) {
  if (!force && buildIsCurrent()) {
    log('The build is up to date; skipping `remix vite:build`.')
    return
  }
  log('Building the app (remix vite:build) …')
  const started = Date.now()
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/remix'), ['vite:build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '')
    process.stderr.write(result.stderr ?? '')
    throw new Error(`remix vite:build failed (exit ${result.status ?? result.signal})`)
  }
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)}s.`)
}

/** Resolves true when nothing listens on the port. */
export function portIsFree(port: number, host = '0.0.0.0') {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, host, () => probe.close(() => resolve(true)))
  })
}

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Polls a URL until it answers 200, or throws after `timeoutMs`. */
export async function waitForUrl(url: string, { timeoutMs = 60_000, isAlive }: { timeoutMs?: number; isAlive?: () => boolean } = {}) {
  const deadline = Date.now() + timeoutMs
  let lastError = ''
  while (Date.now() < deadline) {
    if (isAlive && !isAlive()) throw new Error(`the server exited before ${url} answered`)
    try {
      const res = await fetch(url)
      if (res.ok) return
      lastError = `HTTP ${res.status}`
    } catch (error) {
      lastError = (error as Error).message
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${lastError})`)
}
