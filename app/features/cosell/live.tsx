import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { MessageDto } from '#app/features/messaging/contract.ts'
import { reconnectWhenRescoped } from '#app/features/messaging/socket.ts'
import { ThreadSync } from '#app/features/messaging/thread-client.ts'

type LiveEvent = { id: number; type: string; subjectType: string; subjectId: string; payload: Record<string, unknown> }

/** One socket.io connection for the page (the session cookie authenticates it). */
export function usePageSocket() {
  const [socket, setSocket] = useState<Socket | null>(null)
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    const s = io({ path: '/socket.io', transports: ['websocket', 'polling'] })
    reconnectWhenRescoped(s)
    s.on('connect', () => setConnected(true))
    s.on('disconnect', () => setConnected(false))
    setSocket(s)
    return () => {
      s.disconnect()
    }
  }, [])
  return { socket, connected }
}

/** Reloads the page's data when a domain event about the subject arrives (another party changed it). */
export function useLiveRevalidate(socket: Socket | null, subjectId: string) {
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  useEffect(() => {
    if (!socket) return
    const onEvent = (event: LiveEvent) => {
      if (event.subjectId === subjectId && event.type.startsWith('cosell.')) ref.current.revalidate()
    }
    socket.on('event', onEvent)
    return () => {
      socket.off('event', onEvent)
    }
  }, [socket, subjectId])
}

/** The co-sell's realtime thread: messages in order, exactly once, with a send box. */
export function CosellThread({ socket, threadId, initial, lastSeq }: { socket: Socket | null; threadId: string; initial: MessageDto[]; lastSeq: number }) {
  const [messages, setMessages] = useState<MessageDto[]>(initial)
  const [error, setError] = useState<string | null>(null)
  const [draft, setDraft] = useState('')
  const sync = useRef<ThreadSync | null>(null)
  useEffect(() => {
    if (!socket) return
    const s = new ThreadSync(socket, {
      threadId,
      lastSeq,
      onMessages: (added) => setMessages((prev) => [...prev, ...added.filter((m) => !prev.some((p) => p.id === m.id))]),
      onError: setError,
    })
    sync.current = s
    return () => s.stop()
  }, [socket, threadId, lastSeq])

  async function send(e: React.FormEvent) {
    e.preventDefault()
    const body = draft.trim()
    if (!body || !sync.current) return
    setError(null)
    const ack = await sync.current.send(body, crypto.randomUUID())
    if (ack.ok) setDraft('')
    else setError(ack.error)
  }

  return (
    <section className="card" aria-labelledby="thread-heading">
      <h2 id="thread-heading" className="text-lg font-semibold">
        Conversation
      </h2>
      <ol className="mt-3 max-h-96 space-y-3 overflow-y-auto" aria-live="polite" data-testid="thread-messages">
        {messages.length === 0 ? <li className="text-sm text-slate-500">No messages yet. Say hello to the team.</li> : null}
        {messages.map((m) => (
          <li key={m.id} className="text-sm">
            <p className="text-xs text-slate-500">
              <strong className="text-slate-700">{m.authorName ?? 'Someone'}</strong> · {m.authorOrgName} · {new Date(m.createdAt).toLocaleString('en-US')}
            </p>
            <p className="whitespace-pre-wrap">{m.body}</p>
          </li>
        ))}
      </ol>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <form onSubmit={send} className="mt-3 flex gap-2">
        <label htmlFor="thread-message" className="sr-only">
          Message
        </label>
        <input id="thread-message" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={5000} className="input" placeholder={socket ? 'Write a message' : 'Connecting…'} />
        <button type="submit" className="btn-primary" disabled={!socket || !draft.trim()}>
          Send
        </button>
      </form>
    </section>
  )
}
