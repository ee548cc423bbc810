import { useEffect, useState } from 'react'
import { onLiveEvent } from '#app/features/messaging/socket.ts'

/** The bell's unread count, updated live from 'notification.created' events for this user. */
export function BellCount({ initial }: { initial: number }) {
  const [count, setCount] = useState(initial)
  useEffect(() => setCount(initial), [initial])
  useEffect(
    () =>
      onLiveEvent((e) => {
        if (e.type === 'notification.created' && typeof e.payload.unread === 'number') setCount(e.payload.unread)
      }),
    [],
  )
  return (
    <>
      <span className="sr-only" aria-live="polite">
        {count > 0 ? `${count} unread notifications` : ''}
      </span>
      {count > 0 ? (
        <span data-testid="bell-count" className="absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[10px] font-bold leading-4 text-white">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </>
  )
}
