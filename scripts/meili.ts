/**
 * `npm run meili` — starts a throwaway Meilisearch server (free 127.0.0.1 port, random master key,
 * temp data dir), prints MEILI_HOST and MEILI_API_KEY, and stops it on Ctrl-C.
 * `npm run meili -- <command …>` runs the command with MEILI_HOST and MEILI_API_KEY set instead,
 * stops the server afterwards and exits with the command's code, e.g.
 * `npm run meili -- npx vitest run search/contract.test.ts`.
 * Without a binary (MEILI_BIN, else the cache folder) it prints one line and exits 0.
 */
import { spawn } from 'node:child_process'
import { findMeiliBinary, meiliMissingLine, startMeili } from './lib/meili.ts'

const command = process.argv.slice(2)
const found = findMeiliBinary()
if (found.path === null) {
  console.log(meiliMissingLine(found.looked))
  process.exit(0)
}

let server: Awaited<ReturnType<typeof startMeili>>
try {
  server = await startMeili({ binary: found.path })
} catch (error) {
  console.error(`Could not start Meilisearch: ${(error as Error).message}`)
  process.exit(1)
}

let stopping = false
const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  await server.stop()
  process.exit(code)
}
process.on('SIGINT', () => void stop(130))
process.on('SIGTERM', () => void stop(143))

if (command.length === 0) {
  console.log(`Meilisearch ${found.path} is up (data in ${server.dataDir}); Ctrl-C stops it and deletes the data.`)
  console.log(`MEILI_HOST=${server.host} MEILI_API_KEY=${server.masterKey}`)
} else {
  console.log(`Meilisearch is up at ${server.host}; running: ${command.join(' ')}`)
  const child = spawn(command[0]!, command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, MEILI_HOST: server.host, MEILI_API_KEY: server.masterKey },
  })
  child.once('error', (error) => {
    console.error(`Could not run ${command[0]}: ${error.message}`)
    void stop(1)
  })
  child.once('exit', (code, signal) => void stop(code ?? (signal ? 1 : 0)))
}
