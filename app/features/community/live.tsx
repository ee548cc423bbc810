import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { getSocket } from '#app/features/messaging/socket.ts'

type LiveEvent = { id: number; type: string; subjectId: string }

/**
 * Reloads a topic page's data when a community event about the topic arrives (a reply, an
 * accepted answer, a pin), so everyone viewing it sees the change without reloading. The
 * realtime relay only sends an event to the organizations its audience names.
 */
export function useTopicLive(topicId: string) {
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  useEffect(() => {
    const socket = getSocket()
    const seen = new Set<number>()
    const onEvent = (event: LiveEvent) => {
      if (event.subjectId !== topicId || !event.type.startsWith('community.') || seen.has(event.id)) return
      seen.add(event.id)
      ref.current.revalidate()
    }
    socket.on('event', onEvent)
    return () => {
      socket.off('event', onEvent)
    }
  }, [topicId])
}
