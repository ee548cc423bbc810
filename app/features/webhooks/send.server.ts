import http from 'node:http'
import https from 'node:https'
import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { remember } from '#app/core/remember.ts'
import { assertPublicHost, publicOnlyLookup } from '#app/features/webhooks/url.server.ts'

/** A new signing secret in the Standard Webhooks format: `whsec_` and 24 random bytes in base64. */
export function newSigningSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/** How long the previous secret keeps signing after a rotation, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000

type Secrets = { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }

/** The secrets that sign right now: the current one, and the previous one during the overlap window. */
export function activeSecrets(e: Secrets, now = new Date()) {
  return e.previousSecret && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? [e.secret, e.previousSecret] : [e.secret]
}

/** The Standard Webhooks headers for one message: `webhook-signature` holds one `v1,…` per active secret. */
export function signedHeaders(e: Secrets, messageId: string, body: string, now = new Date()): Record<string, string> {
  const signature = activeSecrets(e, now)
    .map((secret) => new Webhook(secret).sign(messageId, now, body))
    .join(' ')
  return {
    'content-type': 'application/json',
    'user-agent': 'PartnerHub-Webhooks/1.0',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signature,
  }
}

export type SendResult = { statusCode: number | null; responseBody: string | null; error: string | null; durationMs: number; ok: boolean }

const agents = () =>
  remember('webhook-agents', () => ({
    http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 8 }),
    httpPublic: new http.Agent({ keepAlive: true, maxSockets: 8, lookup: publicOnlyLookup } as http.AgentOptions),
    httpsPublic: new https.Agent({ keepAlive: true, maxSockets: 8, lookup: publicOnlyLookup } as https.AgentOptions),
  }))

const RESPONSE_KEEP = 2000
export const SEND_TIMEOUT_MS = 15_000

/**
 * POSTs one message. Any 2xx is success; anything else (another status, a refused connection, a
 * timeout after 15 s) is a failure to retry. In production the destination is checked again at
 * send time and the socket's own DNS lookup refuses non-public addresses.
 */
export async function postMessage(
  url: string,
  headers: Record<string, string>,
  body: string,
  { production, timeoutMs = SEND_TIMEOUT_MS }: { production: boolean; timeoutMs?: number },
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const target = new URL(url)
  if (production) {
    try {
      if (target.protocol !== 'https:') throw new Error('production endpoints must use https')
      await assertPublicHost(target.hostname, (message) => new Error(message))
    } catch (error) {
      return { statusCode: null, responseBody: null, error: `Refused: ${(error as Error).message}`, durationMs: elapsed(), ok: false }
    }
  }
  const a = agents()
  const secure = target.protocol === 'https:'
  const agent = secure ? (production ? a.httpsPublic : a.https) : production ? a.httpPublic : a.http
  return new Promise<SendResult>((resolve) => {
    const request = (secure ? https : http).request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = []
      let kept = 0
      response.on('data', (chunk: Buffer) => {
        if (kept < RESPONSE_KEEP) {
          chunks.push(chunk)
          kept += chunk.length
        }
      })
      response.on('end', () => {
        const statusCode = response.statusCode ?? null
        const ok = statusCode !== null && statusCode >= 200 && statusCode < 300
        resolve({ statusCode, responseBody: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEEP), error: ok ? null : `The endpoint answered ${statusCode}.`, durationMs: elapsed(), ok })
      })
      response.on('error', (error) => resolve({ statusCode: response.statusCode ?? null, responseBody: null, error: error.message, durationMs: elapsed(), ok: false }))
    })
    request.on('timeout', () => request.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} s.`)))
    request.on('error', (error) => resolve({ statusCode: null, responseBody: null, error: error.message || String(error), durationMs: elapsed(), ok: false }))
    request.end(body)
  })
}
