import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { type ReactNode, useEffect } from 'react'

/**
 * Labelled form controls for Conform fields: label, control, hint and the field's errors, wired
 * with ids and aria attributes so screen readers announce the message next to the field.
 */

/**
 * On a page with several forms, the action's reply belongs to the form whose hidden fields
 * (its `intent`, the row's id) it echoes: pass those, get the reply or undefined.
 */
export function replyFor<R extends SubmissionResult<string[]>>(result: R | undefined, match: Record<string, string>): R | undefined {
  const sent = result?.initialValue as Record<string, unknown> | null | undefined
  return sent && Object.entries(match).every(([k, v]) => sent[k] === v) ? result : undefined
}

/** Every error of a reply, for a form whose fields are all hidden (a row's button). */
export function replyErrors(result: SubmissionResult<string[]> | undefined): string[] {
  return [...new Set(Object.values(result?.error ?? {}).flatMap((e) => e ?? []))]
}

type Common = { label: ReactNode; hint?: ReactNode; className?: string }

/**
 * For forms that do not use Conform (Conform already does this): when an action answers with
 * errors, move focus to what to fix, in the page's main content: the first invalid field
 * (`aria-invalid="true"`), else the control next to the first error message, else the first
 * error message (`role="alert"`) itself. Pass the action data only when it carries errors; each
 * new answer moves the focus once.
 */
export function useFocusFirstError(result: unknown) {
  useEffect(() => {
    if (!result || typeof document === 'undefined') return
    const main = document.querySelector('main') ?? document.body
    const field = main.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (field) {
      // A fieldset or group is not focusable itself: focus its first control.
      const target = field.matches('input, select, textarea, button') ? field : (field.querySelector<HTMLElement>('input, select, textarea, button') ?? field)
      target.focus()
      return
    }
    // An error message next to its control (no aria-invalid on it): focus that control.
    const CONTROL = 'input:not([type="hidden"]), select, textarea'
    for (const message of main.querySelectorAll<HTMLElement>('[role="alert"]')) {
      const control = message.parentElement?.querySelector<HTMLElement>(CONTROL)
      if (control) return control.focus()
    }
    const alert = main.querySelector<HTMLElement>('[role="alert"]')
    if (alert) {
      if (!alert.hasAttribute('tabindex')) alert.setAttribute('tabindex', '-1')
      alert.focus()
    }
  }, [result])
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null
  return (
    <div id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  )
}

export function TextField({
  field,
  label,
  hint,
  className,
  type = 'text',
  autoComplete,
  placeholder,
}: Common & {
  field: FieldMetadata<string | undefined | null>
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'tel' | 'number'
  autoComplete?: string
  placeholder?: string
}) {
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getInputProps(field, { type, ariaDescribedBy: hintId })
  return (
    <div className={className}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} className="input" autoComplete={autoComplete} placeholder={placeholder} />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** A date field (`YYYY-MM-DD`, the browser's date picker). */
export function DateField({ field, label, hint, className }: Common & { field: FieldMetadata<unknown> }) {
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getInputProps(field as FieldMetadata<string | undefined>, { type: 'date', ariaDescribedBy: hintId })
  return (
    <div className={className}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <input {...props} key={props.key} className="input" />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function TextareaField({ field, label, hint, className, rows = 4 }: Common & { field: FieldMetadata<string | undefined | null>; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getTextareaProps(field, { ariaDescribedBy: hintId })
  return (
    <div className={className}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={rows} className="input" />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function SelectField({
  field,
  label,
  hint,
  className,
  options,
  placeholder,
}: Common & { field: FieldMetadata<string | undefined | null>; options: readonly { value: string; label: string }[]; placeholder?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined
  const props = getSelectProps(field, { ariaDescribedBy: hintId })
  return (
    <div className={className}>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <select {...props} key={props.key} className="input">
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** A group of checkboxes for an array field, in a fieldset whose legend is the label. */
export function CheckboxGroup({ field, label, hint, className, options }: Common & { field: FieldMetadata<string[] | undefined | null>; options: readonly { value: string; label: string }[] }) {
  const initial = field.initialValue
  const selected = new Set(Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [])
  // Errors for one item (industries.0) are shown with the group.
  const errors = [...(field.errors ?? []), ...Object.entries(field.allErrors ?? {}).flatMap(([k, v]) => (k === field.name ? [] : v))]
  return (
    <fieldset className={className} aria-describedby={errors.length ? field.errorId : undefined} aria-invalid={errors.length ? true : undefined}>
      <legend className="label">{label}</legend>
      {hint ? <p className="mb-2 text-xs text-slate-500">{hint}</p> : null}
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={selected.has(o.value)} form={field.formId} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={[...new Set(errors)]} />
    </fieldset>
  )
}
