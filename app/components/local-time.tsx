import { useEffect, useState } from 'react'

/**
 * A moment in the reader's own time zone and locale. The server does not know either, so it
 * renders UTC and the browser replaces it after hydration (no hydration mismatch).
 */
export function LocalTime({ value }: { value: string | Date }) {
  const iso = typeof value === 'string' ? value : value.toISOString()
  const [text, setText] = useState(() => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`)
  useEffect(() => {
    setText(new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }))
  }, [iso])
  return <time dateTime={iso}>{text}</time>
}
