import type { FieldMetadata } from '@conform-to/react'
import { ErrorList } from '#app/components/forms.tsx'
import { ReferenceText } from '#app/components/reference-text.tsx'
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_TYPE_LIST, type WebhookEventType } from '#app/features/webhooks/catalog.ts'

/** The event types in the catalog's groups (Referrals, Fees, Co-sell, …), in the catalog's order. */
const GROUPS = WEBHOOK_EVENT_TYPE_LIST.reduce<[string, WebhookEventType[]][]>((groups, type) => {
  const name = WEBHOOK_EVENT_TYPES[type].group
  const group = groups.find(([g]) => g === name)
  if (group) group[1].push(type)
  else groups.push([name, [type]])
  return groups
}, [])

/**
 * The "Events to send" checkboxes of an endpoint: one box per event type under its group, each
 * named by the event type alone (what arrives in `type`) and described by what it means, so the
 * list reads as a list instead of one wall of text.
 */
export function EventTypePicker({ field }: { field: FieldMetadata<string[] | undefined | null> }) {
  const initial = field.initialValue
  const selected = new Set(Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [])
  // Errors for one item (eventTypes.0) are shown with the group.
  const errors = [...new Set([...(field.errors ?? []), ...Object.entries(field.allErrors ?? {}).flatMap(([k, v]) => (k === field.name ? [] : v))])]
  return (
    <fieldset aria-describedby={errors.length ? field.errorId : undefined} aria-invalid={errors.length ? true : undefined}>
      <legend className="label">Events to send</legend>
      <p className="mb-2 text-xs text-slate-500">
        Each event&apos;s payload is described in{' '}
        <a className="link" href="/docs/webhooks">
          the webhook reference
        </a>
        .
      </p>
      <div className="space-y-3">
        {GROUPS.map(([group, types]) => (
          <fieldset key={group} className="rounded-md border border-slate-200 px-3 pb-3 pt-1">
            <legend className="px-1 text-sm font-semibold text-slate-800">{group}</legend>
            <ul className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
              {types.map((type) => {
                const id = `${field.id}-${type.replace(/[^a-z0-9]/gi, '-')}`
                return (
                  <li key={type} className="flex items-start gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      name={field.name}
                      value={type}
                      defaultChecked={selected.has(type)}
                      form={field.formId}
                      aria-describedby={`${id}-description`}
                      className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600"
                    />
                    <div className="min-w-0">
                      <label htmlFor={id} className="break-all font-mono text-sm font-medium text-slate-900">
                        {type}
                      </label>
                      <p id={`${id}-description`} className="text-xs text-slate-600">
                        <ReferenceText text={WEBHOOK_EVENT_TYPES[type].description} />
                      </p>
                    </div>
                  </li>
                )
              })}
            </ul>
          </fieldset>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={errors} />
    </fieldset>
  )
}
