/** A signing secret shown once, right after it was made (creation or rotation). */
export function SecretNotice({ title, secret, children }: { title: string; secret: string; children?: React.ReactNode }) {
  return (
    <section aria-labelledby="secret-heading" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="webhook-secret">
      <h2 id="secret-heading" className="font-semibold text-emerald-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-emerald-900">
        Your receiver verifies each message&apos;s <code>webhook-signature</code> with this secret. It is shown only this once.
      </p>
      {children}
      <label htmlFor="new-secret" className="sr-only">
        The signing secret
      </label>
      <input id="new-secret" readOnly value={secret} className="input mt-3 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
    </section>
  )
}

export const STATUS_LABELS = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' } as const
