import { Form } from '@remix-run/react'
import { ErrorList } from '#app/components/forms.tsx'
import { PARTNER_TYPE_LABELS, PARTNER_TYPES, REGIONS, TIERS } from '#db/vocab.ts'

type FieldErrors = Record<string, string[] | null | undefined>

/** A `segment` space's lists: partner types, tiers and regions (checkboxes; used only when the visibility is "segment"). */
export function SegmentFields({ idPrefix, space, errors }: { idPrefix: string; space?: { partnerTypes: string[]; tiers: string[]; regions: string[] }; errors?: string[] | null }) {
  const group = (name: string, legend: string, values: readonly string[], chosen: string[] = [], label: (v: string) => string = (v) => v) => (
    <fieldset className="mt-1">
      <legend className="text-xs font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {values.map((v) => (
          <label key={v} className="inline-flex items-center gap-1 text-xs">
            <input type="checkbox" name={name} value={v} defaultChecked={chosen.includes(v)} id={`${idPrefix}-${name}-${v}`} />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  )
  return (
    <div className="sm:col-span-2 rounded-md border border-slate-200 p-2" data-testid={`segment-${idPrefix}`}>
      <p className="text-xs text-slate-600">For “Partners of the chosen types, tiers or regions”: a partner sees the space when it matches every list you fill (an empty list matches any).</p>
      {group('partnerTypes', 'Partner types', PARTNER_TYPES, space?.partnerTypes, (v) => PARTNER_TYPE_LABELS[v as keyof typeof PARTNER_TYPE_LABELS] ?? v)}
      {group('tiers', 'Tiers', TIERS, space?.tiers, (v) => v[0]!.toUpperCase() + v.slice(1))}
      {group('regions', 'Regions', REGIONS, space?.regions)}
      <ErrorList errors={errors} />
    </div>
  )
}

/** Reputation beside a name: the person's (when known) and their organization's. */
export function ReputationBadge({ reputation }: { reputation: { user: number | null; org: number } }) {
  const label = reputation.user === null ? `Organization reputation ${reputation.org}` : `Reputation ${reputation.user}, organization reputation ${reputation.org}`
  return (
    <span className="ml-1 text-xs text-slate-500" title={label} data-testid="reputation">
      <span className="sr-only">{label}</span>
      <span aria-hidden="true">
        ★ {reputation.user ?? '–'} · org {reputation.org}
      </span>
    </span>
  )
}

/** A post's moderation state for readers: hidden, or awaiting review (its author and the moderators see that). */
export function PostStateNote({ state }: { state: string }) {
  if (state === 'hidden') {
    return (
      <p className="mt-2 rounded-md bg-slate-100 p-2 text-sm text-slate-700" data-testid="post-hidden">
        This post was hidden by the moderators.
      </p>
    )
  }
  if (state === 'held') {
    return (
      <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900" data-testid="post-held">
        This post awaits review by the moderators before others can see it.
      </p>
    )
  }
  return null
}

/** "Report" (members) and "Hide"/"Restore" (the vendor's team) for one post, as forms of the topic page. */
export function PostModeration({ postId, label, state, can, errors }: { postId: string; label: string; state: string; can: { report: boolean; moderate: boolean }; errors: FieldErrors }) {
  return (
    <div className="mt-2 flex flex-wrap items-start gap-3 text-xs">
      {can.report && state === 'published' ? (
        <details>
          <summary className="cursor-pointer text-slate-600">Report {label}</summary>
          <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="report" />
            <input type="hidden" name="postId" value={postId} />
            <label className="label" htmlFor={`report-${postId}`}>
              Why should the moderators look at it?
            </label>
            <input id={`report-${postId}`} name="reason" className="input" required minLength={3} maxLength={500} />
            <ErrorList errors={errors.reason} />
            <button type="submit" className="btn-secondary">
              Send report
            </button>
          </Form>
        </details>
      ) : null}
      {can.moderate ? (
        <details>
          <summary className="cursor-pointer text-slate-600">Moderate {label}</summary>
          <Form method="post" className="mt-1 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="moderate" />
            <input type="hidden" name="postId" value={postId} />
            <input type="hidden" name="decision" value={state === 'published' ? 'hide' : 'restore'} />
            <label className="label" htmlFor={`moderate-${postId}`}>
              Reason
            </label>
            <input id={`moderate-${postId}`} name="reason" className="input" required minLength={3} maxLength={500} />
            <ErrorList errors={errors.reason} />
            <button type="submit" className="btn-secondary">
              {state === 'published' ? 'Hide post' : state === 'held' ? 'Publish post' : 'Restore post'}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  )
}

/** The vendor's tools for a topic: lock/unlock and move, each with a reason. */
export function TopicModeration({ locked, targets, errors }: { locked: boolean; targets: { id: string; name: string }[]; errors: (intent: string) => FieldErrors }) {
  return (
    <details className="mt-3 text-sm" data-testid="topic-moderation">
      <summary className="cursor-pointer text-slate-600">Lock or move this topic</summary>
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="lock" />
        {locked ? null : <input type="hidden" name="locked" value="on" />}
        <div>
          <label className="label" htmlFor="lock-reason">
            Reason to {locked ? 'unlock' : 'lock'}
          </label>
          <input id="lock-reason" name="reason" className="input" required minLength={3} maxLength={500} />
          <ErrorList errors={errors('lock').reason} />
        </div>
        <button type="submit" className="btn-secondary">
          {locked ? 'Unlock topic' : 'Lock topic'}
        </button>
      </Form>
      {targets.length ? (
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="move" />
          <div>
            <label className="label" htmlFor="move-space">
              Move to
            </label>
            <select id="move-space" name="spaceId" className="input">
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <ErrorList errors={errors('move').spaceId} />
          </div>
          <div>
            <label className="label" htmlFor="move-reason">
              Reason to move
            </label>
            <input id="move-reason" name="reason" className="input" required minLength={3} maxLength={500} />
            <ErrorList errors={errors('move').reason} />
          </div>
          <button type="submit" className="btn-secondary">
            Move topic
          </button>
        </Form>
      ) : null}
    </details>
  )
}
