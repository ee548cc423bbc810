import { useEffect, useState } from 'react'
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, type Key } from 'react-aria-components'

/**
 * A multi-select combobox for a GET filter form (React Aria's ComboBox in multiple-selection
 * mode): type to narrow the options, pick as many as wanted with a tap or Enter, and remove one
 * with its chip's button. Every chosen value is submitted under `name` (one hidden input each),
 * as a `<select multiple>` would. Without JavaScript (and until hydrated) it renders that
 * `<select multiple>` itself, so the form works the same.
 */
export function MultiSelect({
  name,
  id,
  label,
  options,
  selected,
  error,
}: {
  name: string
  id: string
  label: string
  /** [value, label] pairs. */
  options: [string, string][]
  selected: string[]
  error?: string[]
}) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const [values, setValues] = useState<Key[]>(selected)
  // A new loader result (e.g. "Reset") starts from what the address says.
  const selectedKey = selected.join('\u0000')
  useEffect(() => setValues(selectedKey ? selectedKey.split('\u0000') : []), [selectedKey])
  const errorId = `${id}-error`
  const errorText = error?.length ? (
    <p id={errorId} className="field-error">
      {error.join(' ')}
    </p>
  ) : null

  if (!hydrated) {
    return (
      <div>
        <label className="label" htmlFor={id}>
          {label}
        </label>
        <select className="input h-24" id={id} name={name} multiple defaultValue={selected} aria-invalid={error?.length ? true : undefined} aria-describedby={error?.length ? errorId : undefined}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        {errorText}
      </div>
    )
  }

  const labelOf = new Map(options)
  const items = options.map(([value, text]) => ({ id: value, text }))
  return (
    <div data-testid={`multi-${name}`}>
      <ComboBox<{ id: string; text: string }, 'multiple'>
        selectionMode="multiple"
        value={values}
        onChange={(next) => setValues([...next])}
        defaultItems={items}
        menuTrigger="focus"
        isInvalid={Boolean(error?.length)}
        className="relative"
      >
        <Label className="label">{label}</Label>
        <div className="relative">
          <Input id={id} className="input pr-8" placeholder={values.length ? `${values.length} chosen, type to add` : 'All, type to choose'} aria-describedby={error?.length ? errorId : undefined} />
          <Button className="absolute inset-y-0 right-0 flex items-center px-2 text-slate-500" aria-label={`Show ${label.toLowerCase()} options`}>
            <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
            </svg>
          </Button>
        </div>
        <Popover className="w-[--trigger-width] overflow-auto rounded-md border border-slate-200 bg-white shadow-lg">
          <ListBox className="max-h-64 p-1 outline-none">
            {(item: { id: string; text: string }) => (
              <ListBoxItem
                id={item.id}
                textValue={item.text}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-slate-800 outline-none data-[focused]:bg-brand-50 data-[selected]:font-medium"
              >
                {({ isSelected }) => (
                  <>
                    <span aria-hidden className="inline-block w-4 text-brand-700">
                      {isSelected ? '✓' : ''}
                    </span>
                    {item.text}
                  </>
                )}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      {values.map((value) => (
        <input key={String(value)} type="hidden" name={name} value={String(value)} />
      ))}
      {values.length ? (
        <ul className="mt-1.5 flex flex-wrap gap-1" aria-label={`Chosen ${label.toLowerCase()}`}>
          {values.map((value) => (
            <li key={String(value)} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2 pr-1 text-xs text-slate-800">
              {labelOf.get(String(value)) ?? String(value)}
              <button
                type="button"
                className="rounded-full px-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
                aria-label={`Remove ${labelOf.get(String(value)) ?? String(value)}`}
                onClick={() => setValues((current) => current.filter((v) => v !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {errorText}
    </div>
  )
}
