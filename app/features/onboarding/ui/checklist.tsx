import { Form, Link } from '@remix-run/react'
import type { OnboardingStep } from '#app/features/onboarding/steps.ts'

export type ChecklistData = {
  done: number
  total: number
  complete: boolean
  canConnect: boolean
  steps: { key: OnboardingStep; title: string; description: string; href: string; action: string; done: boolean; detail: string | null }[]
  suggestions: { name: string; slug: string; url: string; reason: string }[]
}

/**
 * The first-run checklist on a partner's home page. Every step's state comes from the product's
 * own data, so it turns done wherever the work happened; once all are done it can be put away.
 */
export function OnboardingChecklist({ data }: { data: ChecklistData }) {
  const fresh = data.done === 0
  return (
    <section aria-labelledby="onboarding-heading" className="card mt-8" data-testid="onboarding">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="onboarding-heading" className="text-lg font-semibold text-slate-900">
          {data.complete ? 'Your organization is all set up' : fresh ? 'Welcome to the partner program: get started in five steps' : 'Finish setting up your organization'}
        </h2>
        <p className="text-sm text-slate-600" data-testid="onboarding-progress">
          {data.done} of {data.total} done
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {data.complete
          ? 'Partners can find you, connect with you and send you customers. You can hide this checklist now.'
          : fresh
            ? 'Your organization was approved. These steps make you visible to the other partners and to the customers they refer; each one ticks itself off when it is done, wherever you do it.'
            : 'Each step ticks itself off when it is done, wherever you do it.'}
      </p>
      <progress className="mt-3 h-2 w-full overflow-hidden rounded accent-brand-600" max={data.total} value={data.done} aria-label={`Setup progress: ${data.done} of ${data.total} steps done`} />
      <ol className="mt-4 space-y-3">
        {data.steps.map((s) => (
          <li key={s.key} className="flex gap-3" data-testid={`onboarding-step-${s.key}`} data-done={s.done ? 'true' : 'false'}>
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full border text-sm ${s.done ? 'border-emerald-600 bg-emerald-600 text-white' : 'border-slate-300 text-slate-500'}`}
            >
              {s.done ? '✓' : ''}
            </span>
            <div className="min-w-0 flex-1">
              <p className={`font-medium ${s.done ? 'text-slate-500 line-through' : 'text-slate-900'}`}>
                {s.title}
                <span className="sr-only">{s.done ? ' (done)' : ' (to do)'}</span>
                {s.detail ? <span className="ml-2 text-sm font-normal text-slate-600 no-underline">({s.detail})</span> : null}
              </p>
              {s.done ? null : (
                <>
                  <p className="text-sm text-slate-600">{s.description}</p>
                  <Link to={s.href} className="link mt-1 inline-block text-sm font-medium">
                    {s.action} →
                  </Link>
                  {s.key === 'connections' && data.suggestions.length ? (
                    <div className="mt-2">
                      <p className="text-sm text-slate-700">Partners you could start with:</p>
                      <ul className="mt-1 space-y-1 text-sm" data-testid="onboarding-suggestions">
                        {data.suggestions.map((p) => (
                          <li key={p.slug}>
                            <Link to={p.url} className="link font-medium">
                              {p.name}
                            </Link>{' '}
                            <span className="text-slate-600">— {p.reason}.</span>{' '}
                            {data.canConnect ? (
                              <Link to={`/connections/request?partner=${encodeURIComponent(p.slug)}`} className="link">
                                Request a connection
                              </Link>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                      <Link to="/find-partner" className="link mt-1 inline-block text-sm">
                        Find more partners →
                      </Link>
                    </div>
                  ) : null}
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
      {data.complete ? (
        <Form method="post" action="/onboarding/dismiss" className="mt-4">
          <button type="submit" className="btn-secondary">
            Hide this checklist
          </button>
        </Form>
      ) : null}
    </section>
  )
}
