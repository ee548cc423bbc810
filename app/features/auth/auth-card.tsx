import type { ReactNode } from 'react'

/** The narrow centered card used by sign-in, sign-up and reset pages. */
export function AuthCard({ title, subtitle, children, wide = false }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <main className={`mx-auto px-4 py-10 sm:py-16 ${wide ? 'max-w-3xl' : 'max-w-md'}`}>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
      {subtitle ? <div className="mt-2 text-slate-600">{subtitle}</div> : null}
      <div className="card mt-6">{children}</div>
    </main>
  )
}
