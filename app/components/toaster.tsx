import { useEffect, useState } from 'react'

export type ToastData = { type: 'success' | 'error' | 'info'; title: string; description?: string }

const tone = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  error: 'border-red-300 bg-red-50 text-red-900',
  info: 'border-slate-300 bg-white text-slate-900',
}

/** Shows the flash toast from the root loader; stays readable without JavaScript. */
export function Toaster({ toast }: { toast: ToastData | null }) {
  const [visible, setVisible] = useState(Boolean(toast))
  useEffect(() => {
    setVisible(Boolean(toast))
    if (!toast) return
    const timer = setTimeout(() => setVisible(false), 6000)
    return () => clearTimeout(timer)
  }, [toast])
  if (!toast || !visible) return null
  return (
    <div className="pointer-events-none fixed inset-x-0 top-3 z-50 flex justify-center px-3" aria-live="polite">
      <div role={toast.type === 'error' ? 'alert' : 'status'} className={`pointer-events-auto w-full max-w-md rounded-lg border px-4 py-3 shadow-lg ${tone[toast.type]}`}>
        <div className="flex items-start justify-between gap-3">
          <div>
            <p className="font-medium">{toast.title}</p>
            {toast.description ? <p className="mt-1 text-sm opacity-90">{toast.description}</p> : null}
          </div>
          <button type="button" className="text-sm opacity-70 hover:opacity-100" onClick={() => setVisible(false)} aria-label="Dismiss notification">
            ✕
          </button>
        </div>
      </div>
    </div>
  )
}
