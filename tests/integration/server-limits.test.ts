import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { env } from '#app/env.server.ts'
import { createAppServer } from '#app/http/app.server.ts'
import { createLimitedServer, type ServerLimits } from '#app/http/request-limits.server.ts'

/**
 * The Node server's limits on real sockets: slow or idle clients are disconnected, connections
 * past the cap are dropped, and requests the guard refuses never reach the handler. No wall-time
 * assertions: each test waits for the server to act, and would hang (and time out) if it never did.
 */

const LIMITS: ServerLimits = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, maxConnections: 3 }

let server: http.Server | null = null
let handled = 0

async function start(limits = LIMITS) {
  handled = 0
  server = createLimitedServer((req, res) => {
    handled++
    req.resume()
    req.on('end', () => res.end('ok'))
  }, limits)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return (server.address() as net.AddressInfo).port
}

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

/** A raw socket: what it received until the server closed it. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (d: string) => (received += d))
  socket.on('error', () => undefined)
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()))
  return { socket, closed, connected }
}

describe('the HTTP server limits', () => {
  it('disconnects a client that never finishes its headers (408)', async () => {
    const port = await start()
    const client = connect(port)
    await client.connected
    client.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ')
    expect(await client.closed).toMatch(/^HTTP\/1\.1 408/)
    expect(handled).toBe(0)
  })

  it('disconnects a client that never finishes its body (408)', async () => {
    const port = await start()
    const client = connect(port)
    await client.connected
    client.socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=slo')
    expect(await client.closed).toMatch(/408/)
  })

  it('closes an idle keep-alive connection', async () => {
    const port = await start()
    const client = connect(port)
    await client.connected
    client.socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')
    expect(await client.closed).toMatch(/^HTTP\/1\.1 200[\s\S]*ok$/)
  })

  it('drops connections past the cap as they arrive', async () => {
    const port = await start()
    const held = [connect(port), connect(port), connect(port)]
    await Promise.all(held.map((c) => c.connected))
    // The server counts a connection once it has accepted it: make sure all three are in.
    await new Promise<void>((resolve) => {
      const check = () => server!.getConnections((_e, n) => (n >= 3 ? resolve() : setTimeout(check, 10)))
      check()
    })
    const extra = connect(port)
    expect(await extra.closed).toBe('')
    for (const c of held) expect(c.socket.destroyed).toBe(false)
    for (const c of held) c.socket.destroy()
  })

  it('answers a declared oversized body with 413 without calling the handler or reading the body', async () => {
    const port = await start({ ...LIMITS, requestTimeoutMs: 60_000, headersTimeoutMs: 60_000 })
    const client = connect(port)
    await client.connected
    client.socket.write(`POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\nemail=`)
    const reply = await client.closed
    expect(reply).toMatch(/^HTTP\/1\.1 413/)
    expect(reply).toMatch(/A form may send at most 1 MB/)
    expect(handled).toBe(0)
  })

  it('refuses a NUL character in the address with 400', async () => {
    const port = await start()
    const reply = await fetch(`http://127.0.0.1:${port}/api/v1/search?q=a%00b`)
    expect(reply.status).toBe(400)
    expect(await reply.text()).toMatch(/NUL character/)
    expect(handled).toBe(0)
  })

  it('the app server takes its limits from the environment', async () => {
    const app = await createAppServer({ workers: false })
    try {
      expect(app.server.headersTimeout).toBe(env().HTTP_HEADERS_TIMEOUT_MS)
      expect(app.server.requestTimeout).toBe(env().HTTP_REQUEST_TIMEOUT_MS)
      expect(app.server.keepAliveTimeout).toBe(env().HTTP_KEEP_ALIVE_TIMEOUT_MS)
      expect(app.server.maxConnections).toBe(env().HTTP_MAX_CONNECTIONS)
    } finally {
      await app.close()
    }
  })
})
