import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { onLiveEvent } from '#app/features/messaging/socket.ts'

/** Reloads the page's data when a relayed event of one of these types (prefixes) arrives. */
export function LiveRefresh({ types, subjectId }: { types: string[]; subjectId?: string }) {
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  const key = types.join('|')
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = onLiveEvent((e) => {
      if (!key.split('|').some((t) => e.type.startsWith(t))) return
      if (subjectId && e.subjectId !== subjectId && e.payload.subjectId !== subjectId) return
      clearTimeout(timer)
      timer = setTimeout(() => ref.current.revalidate(), 150)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [key, subjectId])
  return null
}
