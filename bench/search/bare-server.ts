/** The baseline: a bare Node HTTP server answering every request with one stored search response from memory. */
import fs from 'node:fs'
import http from 'node:http'

const body = fs.readFileSync(process.argv[2]!)
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length })
  res.end(body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('message', (m) => {
  if (m === 'stop') server.close(() => process.exit(0))
})
