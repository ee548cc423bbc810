import type { Socket } from 'socket.io-client'
import { z } from 'zod'
import type { CommunityClientEvent, CommunityLiveEvent, TypingNotice, ViewersNotice } from '#app/features/community/live-contract.ts'

/**
 * The browser's side of a live topic (also used by tests and the benchmark with real clients):
 * watches the topic from a cursor (the last event the page or the client has), asks again after
 * every reconnect, drops duplicates, and keeps the cursor at the newest event in the outbox's
 * (txid, id) order, so a reconnecting client receives exactly what it missed.
 */
const liveEvent = z.object({ id: z.number(), txid: z.number(), type: z.string(), subjectId: z.string(), payload: z.record(z.unknown()), at: z.string() })
const viewersNotice = z.object({ topicId: z.string(), count: z.number(), users: z.array(z.object({ userId: z.string(), name: z.string(), orgName: z.string() })) })
const typingNotice = z.object({ topicId: z.string(), userId: z.string(), name: z.string(), typing: z.boolean() })
const watchAck = z.object({ ok: z.literal(true), topicId: z.string(), events: z.array(liveEvent), hasMore: z.boolean(), viewers: viewersNotice })

export type Cursor = { id: number; txid: number }

/** Emits with an ack and a timeout; a timeout answers like a refusal. */
export function emitWithAck(socket: Socket, event: CommunityClientEvent, payload: unknown, timeoutMs = 10_000): Promise<{ ok: boolean; code?: string; error?: string; [k: string]: unknown }> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, response: unknown) => {
      if (err) return resolve({ ok: false, code: 'error', error: 'The server did not answer in time. Check your connection.' })
      resolve(response as { ok: boolean })
    })
  })
}

const after = (a: Cursor, b: Cursor) => a.txid > b.txid || (a.txid === b.txid && a.id > b.id)

export type TopicLiveOptions = {
  topicId: string
  cursor: Cursor
  onEvents: (events: CommunityLiveEvent[]) => void
  onViewers?: (viewers: ViewersNotice) => void
  onTyping?: (typing: TypingNotice) => void
  onError?: (error: string) => void
}

export class TopicLive {
  cursor: Cursor
  private seen = new Set<number>()
  private stopped = false
  private readonly listeners: [string, (...args: any[]) => void][]

  constructor(
    private readonly socket: Socket,
    private readonly options: TopicLiveOptions,
  ) {
    this.cursor = options.cursor
    this.listeners = [
      ['event', (raw: unknown) => this.receive([raw])],
      ['connect', () => void this.watch()],
      ['community:viewers', (raw: unknown) => this.viewers(raw)],
      [
        'community:typing',
        (raw: unknown) => {
          const parsed = typingNotice.safeParse(raw)
          if (parsed.success && parsed.data.topicId === options.topicId) options.onTyping?.(parsed.data)
        },
      ],
    ]
  }

  start() {
    for (const [name, fn] of this.listeners) this.socket.on(name, fn)
    if (this.socket.connected) void this.watch()
    return this
  }

  stop() {
    this.stopped = true
    for (const [name, fn] of this.listeners) this.socket.off(name, fn)
    if (this.socket.connected) this.socket.emit('community:unwatch', { topicId: this.options.topicId })
  }

  typing(typing: boolean) {
    if (this.socket.connected) this.socket.emit('community:typing', { topicId: this.options.topicId, typing }, () => {})
  }

  /** Joins the topic's room and applies what was missed since the cursor (pages through a long gap). */
  async watch(): Promise<boolean> {
    for (let round = 0; round < 50 && !this.stopped; round++) {
      const response = await emitWithAck(this.socket, 'community:watch', { topicId: this.options.topicId, afterEventId: this.cursor.id })
      const parsed = watchAck.safeParse(response)
      if (!parsed.success) {
        this.options.onError?.(typeof response.error === 'string' ? response.error : 'Live updates are unavailable for this topic.')
        return false
      }
      this.receive(parsed.data.events)
      this.options.onViewers?.(parsed.data.viewers)
      if (!parsed.data.hasMore) return true
    }
    return true
  }

  private viewers(raw: unknown) {
    const parsed = viewersNotice.safeParse(raw)
    if (parsed.success && parsed.data.topicId === this.options.topicId) this.options.onViewers?.(parsed.data)
  }

  private receive(raws: unknown[]) {
    const fresh: CommunityLiveEvent[] = []
    for (const raw of raws) {
      const parsed = liveEvent.safeParse(raw)
      if (!parsed.success) continue
      const e = parsed.data
      if (e.subjectId !== this.options.topicId || !e.type.startsWith('community.') || this.seen.has(e.id)) continue
      this.seen.add(e.id)
      if (after(e, this.cursor)) this.cursor = { id: e.id, txid: e.txid }
      fresh.push(e)
    }
    if (fresh.length) this.options.onEvents(fresh)
  }
}
