import { useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { getSocket } from '#app/features/messaging/socket.ts'
import { emitWithAck, TopicLive, type Cursor } from '#app/features/community/live-client.ts'
import type { PresentUser } from '#app/features/community/live-contract.ts'

/** Reloads the route's data at most once at a time (a burst of events is one reload, plus one after it). */
function useThrottledRevalidate() {
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  const pending = useRef(false)
  useEffect(() => {
    if (revalidator.state === 'idle' && pending.current) {
      pending.current = false
      revalidator.revalidate()
    }
  }, [revalidator.state, revalidator])
  return useCallback(() => {
    if (ref.current.state === 'idle') ref.current.revalidate()
    else pending.current = true
  }, [])
}

const TYPING_EXPIRES_MS = 6_000
const TYPING_IDLE_MS = 3_000

/**
 * A topic page, live: new replies, edits, reactions and accepted answers reload its data as they
 * happen (and after a reconnect, exactly those it missed since `cursor`); who else is viewing;
 * who is typing. `typing()` is called as the person types a reply.
 */
export function useTopicLive(topicId: string, cursor: Cursor) {
  const revalidate = useThrottledRevalidate()
  const [viewers, setViewers] = useState<{ count: number; users: PresentUser[] } | null>(null)
  const [typists, setTypists] = useState<Record<string, { name: string; at: number }>>({})
  const liveRef = useRef<TopicLive | null>(null)
  const cursorRef = useRef(cursor)
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null)
  const typingNow = useRef(false)

  useEffect(() => {
    const live = new TopicLive(getSocket(), {
      topicId,
      cursor: cursorRef.current,
      onEvents: () => revalidate(),
      onViewers: (v) => setViewers({ count: v.count, users: v.users }),
      onTyping: (t) =>
        setTypists((all) => {
          const next = { ...all }
          if (t.typing) next[t.userId] = { name: t.name, at: Date.now() }
          else delete next[t.userId]
          return next
        }),
    }).start()
    liveRef.current = live
    const sweep = setInterval(() => {
      setTypists((all) => {
        const fresh = Object.entries(all).filter(([, v]) => Date.now() - v.at < TYPING_EXPIRES_MS)
        return fresh.length === Object.keys(all).length ? all : Object.fromEntries(fresh)
      })
    }, 2_000)
    return () => {
      clearInterval(sweep)
      live.stop()
      liveRef.current = null
    }
  }, [topicId, revalidate])

  const typing = useCallback((active: boolean) => {
    if (idle.current) clearTimeout(idle.current)
    if (active) idle.current = setTimeout(() => typing(false), TYPING_IDLE_MS)
    if (active === typingNow.current) return
    typingNow.current = active
    liveRef.current?.typing(active)
  }, [])

  const names = Object.values(typists).map((t) => t.name)
  return { viewers, typingNames: names, typing }
}

/** Lists of spaces or topics, live: a new topic, reply or answer in one of these spaces reloads the counts. */
export function useSpacesLive(spaceIds: string[]) {
  const revalidate = useThrottledRevalidate()
  const key = spaceIds.join(',')
  useEffect(() => {
    if (!key) return
    const ids = new Set(key.split(','))
    const socket = getSocket()
    const watch = () => void emitWithAck(socket, 'community:watch-spaces', { spaceIds: [...ids].slice(0, 100) })
    const onEvent = (event: { type?: unknown; payload?: { spaceId?: unknown } }) => {
      if (typeof event?.type === 'string' && event.type.startsWith('community.') && ids.has(String(event.payload?.spaceId))) revalidate()
    }
    socket.on('connect', watch)
    socket.on('event', onEvent)
    if (socket.connected) watch()
    return () => {
      socket.off('connect', watch)
      socket.off('event', onEvent)
    }
  }, [key, revalidate])
}

/** "3 people are viewing" and "Ana is typing…", announced politely to screen readers. */
export function LivePresence({ viewers, typingNames }: { viewers: { count: number } | null; typingNames: string[] }) {
  const typingText =
    typingNames.length === 0
      ? ''
      : typingNames.length === 1
        ? `${typingNames[0]} is typing…`
        : typingNames.length === 2
          ? `${typingNames[0]} and ${typingNames[1]} are typing…`
          : `${typingNames.length} people are typing…`
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600" data-testid="live-presence">
      {viewers && viewers.count > 0 ? (
        <p role="status" data-testid="viewers">
          {viewers.count === 1 ? 'Only you are viewing' : `${viewers.count} people are viewing`}
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="typing" className="italic">
        {typingText}
      </p>
    </div>
  )
}
