/**
 * Express → Remix, as `@remix-run/express` does it, with one difference: a rendered document is
 * sent as the one buffer the server entry made (`withDocumentBody`), written with `res.end`, instead
 * of being wrapped in a web ReadableStream and copied out of it chunk by chunk with a compression
 * flush after each (issue 20: that wrapping cost ~1 ms of CPU on every signed-in page). Every other
 * response (data requests, resource routes, redirects, streams) goes the stream way as before.
 */
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { createReadableStreamFromReadable, createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from '@remix-run/node'
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express'
import { documentBodyOf } from '#app/http/document-body.server.ts'

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
}): RequestHandler {
  const handle = createRemixHandler(build, mode)
  return async (req, res, next) => {
    try {
      const response = await handle(toFetchRequest(req, res), getLoadContext(req, res))
      await sendResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname has no port: take it from X-Forwarded-Host or Host.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10)
  const forwardedPort = portOf(req.get('X-Forwarded-Host'))
  const hostPort = portOf(req.get('host'))
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : null
  const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`

  const headers = new Headers()
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else headers.set(key, values)
  }
  // Loaders and actions are aborted when the response can no longer be written (close before finish).
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(url, init)
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  const document = documentBodyOf(response)
  if (document) {
    res.end(document)
    return
  }
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
