import { useEffect, useRef, useState } from 'react'
import { acknowledgeToast } from '#app/utils/toast.ts'

export type ToastData = { id: string; type: 'success' | 'error' | 'info'; title: string; description?: string }

const tone = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-slate-300 bg-white text-slate-900',
}

/**
 * Shows the flash toast from the root loader; stays readable without JavaScript. The server
 * delivers a toast with every load until the page acknowledges it (readToast), so each id is shown
 * once, and a later load without it (the acknowledged toast is not delivered again) does not hide it.
 */
export function Toaster({ toast }: { toast: ToastData | null }) {
  const [shown, setShown] = useState<ToastData | null>(toast)
  const seen = useRef<string | null>(null)
  useEffect(() => {
    if (!toast || toast.id === seen.current) return
    seen.current = toast.id
    acknowledgeToast(toast.id)
    setShown(toast)
  }, [toast])
  useEffect(() => {
    if (!shown) return
    const timer = setTimeout(() => setShown(null), 6000)
    return () => clearTimeout(timer)
  }, [shown])
  if (!shown) return null
  return (
    <div className="pointer-events-none fixed inset-x-0 top-3 z-50 flex justify-center px-3" aria-live="polite">
      <div role={shown.type === 'error' ? 'alert' : 'status'} className={`pointer-events-auto w-full max-w-md rounded-lg border px-4 py-3 shadow-lg ${tone[shown.type]}`}>
        <div className="flex items-start justify-between gap-3">
          <div>
            <p className="font-medium">{shown.title}</p>
            {shown.description ? <p className="mt-1 text-sm opacity-90">{shown.description}</p> : null}
          </div>
          <button type="button" className="text-sm opacity-70 hover:opacity-100" onClick={() => setShown(null)} aria-label="Dismiss notification">
            ✕
          </button>
        </div>
      </div>
    </div>
  )
}
