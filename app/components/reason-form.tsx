import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { replyErrors } from '#app/components/forms.tsx'

type Props = {
  /** The row's id, sent in the hidden field `idField`. */
  rowId: string
  idField: string
  intent: string
  /** The action's reply when it answered this row's form (see `replyFor`), else undefined. */
  reply: SubmissionResult<string[]> | undefined
  summary: string
  label: string
  button: string
  /** Appended to the button for screen readers ("Reject Acme"). */
  buttonContext?: string
  busy: boolean
  className?: string
}

/**
 * A decision on a row that needs a written reason (reject an application, suspend a partner):
 * folded behind a summary, opened again with the reason kept and the error beside it when the
 * server refused it. Works without JavaScript.
 */
export function ReasonForm({ rowId, idField, intent, reply, summary, label, button, buttonContext, busy, className }: Props) {
  const fieldId = `reason-${rowId}`
  const reasonError = reply?.error?.reason?.[0]
  const otherErrors = replyErrors(reply).filter((e) => e !== reasonError)
  const echoed = reply?.initialValue?.reason
  return (
    <details className={className} open={reply ? true : undefined}>
      <summary className="cursor-pointer text-sm text-slate-700">{summary}</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name={idField} value={rowId} />
        {otherErrors.length ? (
          <p className="text-sm text-red-700" role="alert">
            {otherErrors.join(' ')}
          </p>
        ) : null}
        <label htmlFor={fieldId} className="label">
          {label}
        </label>
        <textarea
          id={fieldId}
          name="reason"
          rows={3}
          maxLength={2000}
          required
          minLength={10}
          className="input"
          defaultValue={typeof echoed === 'string' ? echoed : ''}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${fieldId}-error` : undefined}
        />
        {reasonError ? (
          <p id={`${fieldId}-error`} className="field-error" role="alert">
            {reasonError}
          </p>
        ) : null}
        <button type="submit" name="intent" value={intent} className="btn-danger" disabled={busy}>
          {button}
          {buttonContext ? <span className="sr-only"> {buttonContext}</span> : null}
        </button>
      </Form>
    </details>
  )
}
