import { Form } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { SafeText } from '#app/features/referrals/ui/components.tsx'
import { MESSAGE_MAX_LENGTH, type MessageDto } from '#app/features/messaging/contract.ts'
import { getSocket } from '#app/features/messaging/socket.ts'
import { ThreadSync } from '#app/features/messaging/thread-client.ts'
import { LocalTime } from '#app/components/local-time.tsx'

/**
 * A live conversation: the page renders the latest messages; the socket then keeps them in step
 * (exactly once, in order, gaps filled after a reconnect). Without JavaScript the form posts the
 * message to the page's action instead.
 */
export function Thread({ threadId, initial, lastSeq, meId }: { threadId: string; initial: MessageDto[]; lastSeq: number; meId: string }) {
  const [items, setItems] = useState<MessageDto[]>(initial)
  const [typing, setTyping] = useState<Record<string, string>>({})
  const [present, setPresent] = useState<{ userId: string; name: string }[]>([])
  const [error, setError] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [connected, setConnected] = useState(false)
  const syncRef = useRef<ThreadSync | null>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const typingSent = useRef(0)

  useEffect(() => {
    const socket = getSocket()
    const timers = new Map<string, ReturnType<typeof setTimeout>>()
    const sync = new ThreadSync(socket, {
      threadId,
      lastSeq,
      onMessages: (ms) => {
        setItems((prev) => [...prev, ...ms])
        void sync.markRead()
      },
      onTyping: (t) => {
        if (t.userId === meId) return
        clearTimeout(timers.get(t.userId))
        setTyping((prev) => {
          const next = { ...prev }
          if (t.typing) next[t.userId] = t.name
          else delete next[t.userId]
          return next
        })
        if (t.typing)
          timers.set(
            t.userId,
            setTimeout(
              () =>
                setTyping((p) => {
                  const n = { ...p }
                  delete n[t.userId]
                  return n
                }),
              4000,
            ),
          )
      },
      onPresence: (users) => setPresent(users.filter((u) => u.userId !== meId)),
      onError: setError,
    })
    syncRef.current = sync
    const onConnect = () => setConnected(true)
    const onDisconnect = () => setConnected(false)
    socket.on('connect', onConnect)
    socket.on('disconnect', onDisconnect)
    setConnected(socket.connected)
    void sync.markRead()
    return () => {
      socket.off('connect', onConnect)
      socket.off('disconnect', onDisconnect)
      timers.forEach(clearTimeout)
      sync.stop()
      syncRef.current = null
    }
  }, [threadId, lastSeq, meId])

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' })
  }, [items.length])

  const send = async (event: React.FormEvent<HTMLFormElement>) => {
    const sync = syncRef.current
    if (!sync || !connected) return // no socket: let the form post normally
    event.preventDefault()
    const body = text.trim()
    if (!body) return setError('Write a message first.')
    if (body.length > MESSAGE_MAX_LENGTH) return setError(`A message can be at most ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters.`)
    const ack = await sync.send(body, `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`)
    if (!ack.ok) return setError(ack.error)
    setError(null)
    setText('')
    sync.typing(false)
    typingSent.current = 0
  }

  /** Ctrl+Enter, or ⌘+Enter on a Mac, sends the message the same way the Send button does. */
  const sendOnCtrlEnter = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
    event.preventDefault()
    event.currentTarget.form?.requestSubmit()
  }

  const onInput = (value: string) => {
    setText(value)
    const now = Date.now()
    if (value && now - typingSent.current > 2000) {
      typingSent.current = now
      syncRef.current?.typing(true)
    }
  }

  const typingNames = Object.values(typing)
  return (
    <section aria-labelledby="thread-heading" className="card" data-testid="thread">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="thread-heading" className="text-lg font-semibold">
          Conversation
        </h2>
        <p className="text-xs text-slate-500" data-testid="presence">
          <span className={`mr-1 inline-block h-2 w-2 rounded-full ${connected ? 'bg-emerald-500' : 'bg-slate-300'}`} aria-hidden />
          {connected ? (present.length ? `Here now: ${present.map((p) => p.name).join(', ')}` : 'Live') : 'Offline: messages are sent with the form'}
        </p>
      </div>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500" data-testid="thread-empty">
          No messages yet. Say hello.
        </p>
      ) : null}
      <ol ref={listRef} className="mt-3 max-h-[28rem] space-y-3 overflow-y-auto" aria-live="polite" aria-labelledby="thread-heading" tabIndex={0} data-testid="messages">
        {items.map((m) => (
          <li key={m.id} className={`rounded-lg px-3 py-2 text-sm ${m.authorId === meId ? 'ml-8 bg-brand-50' : 'mr-8 bg-slate-100'}`} data-testid="message">
            <p className="text-xs text-slate-600">
              <span className="font-medium text-slate-700">{m.authorName ?? 'Someone'}</span> · {m.authorOrgName} · <LocalTime value={m.createdAt} />
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words" data-testid="message-body">
              <SafeText text={m.body} />
            </p>
          </li>
        ))}
      </ol>
      <p className="mt-2 h-5 text-xs italic text-slate-500" data-testid="typing" aria-live="polite">
        {typingNames.length ? `${typingNames.join(', ')} ${typingNames.length === 1 ? 'is' : 'are'} typing…` : ''}
      </p>
      <Form method="post" onSubmit={send} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="message" />
        <label htmlFor="message-body" className="sr-only">
          Message
        </label>
        <textarea
          id="message-body"
          name="body"
          rows={3}
          className="input"
          value={text}
          onChange={(e) => onInput(e.target.value)}
          onKeyDown={sendOnCtrlEnter}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          aria-describedby="message-shortcut"
          maxLength={MESSAGE_MAX_LENGTH}
          placeholder="Write a message (plain text; links are fine)"
        />
        {error ? (
          <p className="field-error" role="alert" data-testid="message-error">
            {error}
          </p>
        ) : null}
        <div className="flex items-center justify-between">
          <span className="text-xs text-slate-600">
            {text.length.toLocaleString('en-US')} / {MESSAGE_MAX_LENGTH.toLocaleString('en-US')}
            <span id="message-shortcut"> · Ctrl+Enter (⌘+Enter on a Mac) sends</span>
          </span>
          <button type="submit" className="btn-primary">
            Send
          </button>
        </div>
      </Form>
    </section>
  )
}
