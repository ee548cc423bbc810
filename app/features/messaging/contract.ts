import { z } from 'zod'

/**
 * The typed contract of every socket event the messaging capability sends or receives. Shared
 * by the server (which parses every incoming payload with these schemas) and the browser.
 */
export const MESSAGE_MAX_LENGTH = 5000

const id = z.string().trim().min(1, 'is required').max(64, 'is too long')
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const messageBody = z
  .string({ required_error: 'Write a message first.', invalid_type_error: 'A message must be text.' })
  .transform((s) => s.replace(/\r\n/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'Write a message first.')
      .max(MESSAGE_MAX_LENGTH, `A message can be at most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters.`),
  )

/** Client → server events, with their payload schemas. */
export const clientEvents = {
  'thread:join': z.object({ threadId: id, lastSeq: seq.optional() }).strict(),
  'thread:leave': z.object({ threadId: id }).strict(),
  'thread:sync': z.object({ threadId: id, afterSeq: seq, limit: z.number().int().min(1).max(500).optional() }).strict(),
  'message:send': z.object({ threadId: id, body: messageBody, clientId: z.string().trim().min(1).max(64) }).strict(),
  typing: z.object({ threadId: id, typing: z.boolean() }).strict(),
  'thread:read': z.object({ threadId: id, seq }).strict(),
} as const
export type ClientEventName = keyof typeof clientEvents
export type ClientPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]>

export const messageDto = z.object({
  id: z.string(),
  threadId: z.string(),
  seq: z.number().int(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  authorOrgId: z.string().nullable(),
  authorOrgName: z.string().nullable(),
  body: z.string(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
})
export type MessageDto = z.infer<typeof messageDto>

const presentUser = z.object({ userId: z.string(), name: z.string(), orgName: z.string() })

/** Server → client events, with their payload schemas. */
export const serverEvents = {
  'message:new': messageDto,
  typing: z.object({ threadId: z.string(), userId: z.string(), name: z.string(), typing: z.boolean() }),
  presence: z.object({ threadId: z.string(), users: z.array(presentUser) }),
  /** A domain event relayed to the user's/org's rooms (see realtime/relay.server.ts). */
  event: z.object({ id: z.number(), type: z.string(), subjectType: z.string(), subjectId: z.string(), payload: z.record(z.unknown()), at: z.string() }),
  /** Sent when a client emits something the server cannot use without an ack callback. */
  'error:payload': z.object({ event: z.string(), error: z.string() }),
  /**
   * Sent just before the server closes a socket whose session ended or whose authority changed
   * (realtime/revocation.server.ts); `reconnect` says whether a new connection can succeed.
   */
  'session:revoked': z.object({ reason: z.enum(['signed_out', 'removed', 'changed', 'suspended']), reconnect: z.boolean() }),
} as const
export type ServerEventName = keyof typeof serverEvents
export type ServerPayload<E extends ServerEventName> = z.infer<(typeof serverEvents)[E]>

export const errorAck = z.object({
  ok: z.literal(false),
  code: z.enum(['invalid', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'unauthenticated', 'error']),
  error: z.string(),
  fieldErrors: z.record(z.array(z.string())).optional(),
  retryAfterSeconds: z.number().optional(),
})
export type ErrorAck = z.infer<typeof errorAck>

/** What each client event's ack carries on success. */
export const acks = {
  'thread:join': z.object({
    ok: z.literal(true),
    threadId: z.string(),
    lastSeq: z.number(),
    messages: z.array(messageDto),
    hasMore: z.boolean(),
    present: z.array(presentUser),
  }),
  'thread:leave': z.object({ ok: z.literal(true) }),
  'thread:sync': z.object({ ok: z.literal(true), threadId: z.string(), messages: z.array(messageDto), hasMore: z.boolean(), lastSeq: z.number() }),
  'message:send': z.object({ ok: z.literal(true), message: messageDto }),
  typing: z.object({ ok: z.literal(true) }),
  'thread:read': z.object({ ok: z.literal(true), unread: z.number() }),
} as const
export type Ack<E extends ClientEventName> = z.infer<(typeof acks)[E]> | ErrorAck

export const threadRoom = (threadId: string) => `thread:${threadId}`

/** Splits plain text into text and http(s) link parts; anything else stays text. */
export function linkify(text: string): { type: 'text' | 'link'; value: string }[] {
  const parts: { type: 'text' | 'link'; value: string }[] = []
  const re = /\bhttps?:\/\/[^\s<>"']+/gi
  let last = 0
  for (const match of text.matchAll(re)) {
    let url = match[0]
    // Trailing punctuation is almost always the sentence, not the link.
    const trimmed = url.replace(/[.,;:!?)\]]+$/, '')
    url = trimmed
    const start = match.index ?? 0
    let safe = false
    try {
      const parsed = new URL(url)
      safe = parsed.protocol === 'http:' || parsed.protocol === 'https:'
    } catch {
      safe = false
    }
    if (!safe) continue
    if (start > last) parts.push({ type: 'text', value: text.slice(last, start) })
    parts.push({ type: 'link', value: url })
    last = start + url.length
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) })
  return parts
}
