import type { Socket } from 'socket.io-client'
import { acks, messageDto, serverEvents, type Ack, type ClientEventName, type ClientPayload, type MessageDto } from '#app/features/messaging/contract.ts'

/** Emits a client event and waits for its ack (typed by the contract), with a timeout. */
export function request<E extends ClientEventName>(socket: Socket, event: E, payload: ClientPayload<E>, timeoutMs = 10_000): Promise<Ack<E>> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, response: unknown) => {
      if (err) return resolve({ ok: false, code: 'error', error: 'The server did not answer in time. Check your connection.' })
      const parsed = acks[event].safeParse(response)
      resolve(parsed.success ? (parsed.data as Ack<E>) : (response as Ack<E>))
    })
  })
}

export type ThreadSyncOptions = {
  threadId: string
  /** The last message seq the client already has (e.g. from the page's loader). */
  lastSeq: number
  onMessages: (messages: MessageDto[]) => void
  onTyping?: (typing: { userId: string; name: string; typing: boolean }) => void
  onPresence?: (users: { userId: string; name: string; orgName: string }[]) => void
  onError?: (message: string) => void
}

/**
 * Keeps one thread in step with the server, exactly once and in order: every message is applied
 * only if its seq is the next one; a gap (a missed live message, a reconnect) is filled with
 * 'thread:sync' from the last applied seq; anything already applied is dropped.
 */
export class ThreadSync {
  lastSeq: number
  private pending = new Map<number, MessageDto>()
  private syncing: Promise<void> | null = null
  private resyncWanted = false
  private stopped = false
  private readonly cleanups: (() => void)[] = []

  constructor(
    private readonly socket: Socket,
    private readonly options: ThreadSyncOptions,
  ) {
    this.lastSeq = options.lastSeq
    const onConnect = () => void this.join()
    const onMessage = (raw: unknown) => {
      const parsed = messageDto.safeParse(raw)
      if (!parsed.success || parsed.data.threadId !== options.threadId) return
      this.offer([parsed.data])
    }
    const onTyping = (raw: unknown) => {
      const parsed = serverEvents.typing.safeParse(raw)
      if (parsed.success && parsed.data.threadId === options.threadId) options.onTyping?.(parsed.data)
    }
    const onPresence = (raw: unknown) => {
      const parsed = serverEvents.presence.safeParse(raw)
      if (parsed.success && parsed.data.threadId === options.threadId) options.onPresence?.(parsed.data.users)
    }
    const onEvent = (raw: unknown) => {
      const parsed = serverEvents.event.safeParse(raw)
      if (!parsed.success || parsed.data.type !== 'message.posted' || parsed.data.payload.threadId !== options.threadId) return
      if (Number(parsed.data.payload.seq) > this.lastSeq) void this.sync()
    }
    socket.on('connect', onConnect)
    socket.on('message:new', onMessage)
    socket.on('typing', onTyping)
    socket.on('presence', onPresence)
    socket.on('event', onEvent)
    this.cleanups.push(() => {
      socket.off('connect', onConnect)
      socket.off('message:new', onMessage)
      socket.off('typing', onTyping)
      socket.off('presence', onPresence)
      socket.off('event', onEvent)
    })
    if (socket.connected) void this.join()
  }

  private async join() {
    const ack = await request(this.socket, 'thread:join', { threadId: this.options.threadId, lastSeq: this.lastSeq })
    if (!ack.ok) return this.options.onError?.(ack.error)
    this.options.onPresence?.(ack.present)
    this.offer(ack.messages)
    if (ack.hasMore || ack.lastSeq > this.lastSeq) await this.sync()
  }

  /** Applies messages in seq order; buffers what comes after a gap and fetches the gap. */
  private offer(messages: MessageDto[]) {
    for (const m of messages) if (m.seq > this.lastSeq) this.pending.set(m.seq, m)
    const applied: MessageDto[] = []
    while (this.pending.has(this.lastSeq + 1)) {
      const next = this.pending.get(this.lastSeq + 1)!
      this.pending.delete(next.seq)
      this.lastSeq = next.seq
      applied.push(next)
    }
    if (applied.length) this.options.onMessages(applied)
    if (this.pending.size > 0) void this.sync()
  }

  /** Fetches everything after lastSeq (page by page) until caught up. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.resyncWanted = true
      return this.syncing
    }
    this.syncing = (async () => {
      try {
        do {
          this.resyncWanted = false
          let more = true
          while (more && !this.stopped && this.socket.connected) {
            const ack = await request(this.socket, 'thread:sync', { threadId: this.options.threadId, afterSeq: this.lastSeq, limit: 500 })
            if (!ack.ok) {
              this.options.onError?.(ack.error)
              return
            }
            const before = this.lastSeq
            this.offer(ack.messages)
            more = ack.hasMore && this.lastSeq > before
          }
        } while (this.resyncWanted && !this.stopped)
      } finally {
        this.syncing = null
      }
    })()
    return this.syncing
  }

  async send(body: string, clientId: string) {
    return request(this.socket, 'message:send', { threadId: this.options.threadId, body, clientId })
  }

  typing(typing: boolean) {
    this.socket.emit('typing', { threadId: this.options.threadId, typing }, () => {})
  }

  markRead(seq = this.lastSeq) {
    return request(this.socket, 'thread:read', { threadId: this.options.threadId, seq })
  }

  stop() {
    this.stopped = true
    this.cleanups.forEach((c) => c())
    if (this.socket.connected) this.socket.emit('thread:leave', { threadId: this.options.threadId }, () => {})
  }
}
