import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components'

/**
 * The one partner picker: a searchable, accessible combobox (React Aria's ComboBox) that asks
 * GET /search/partners as you type, and submits the partner's marketplace address (slug) under
 * `name`, as the forms always did. Without JavaScript (and until the page is hydrated) it renders
 * `fallback` — the form's previous control, a `<select>` or a text input for the slug — so the
 * form works, and the server reads the same field either way.
 */
export type PickerOption = { id: string; slug: string; name: string; typeLabel: string | null }

export function PartnerPicker({
  name,
  id,
  label,
  defaultValue,
  defaultLabel,
  hint,
  errors,
  placeholder = 'Type a partner’s name',
  fallback,
  className,
}: {
  name: string
  id: string
  label: ReactNode
  /** The slug to start with (a prefilled partner). */
  defaultValue?: string
  /** Its name, when known, to show instead of the slug. */
  defaultLabel?: string
  hint?: ReactNode
  errors?: string[] | null
  placeholder?: string
  /** The control rendered without JavaScript; defaults to a text input for the slug. */
  fallback?: ReactNode
  className?: string
}) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(' ') || undefined
  const messages = (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={errorId} className="field-error" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  )
  if (!hydrated) {
    return (
      <div className={className}>
        <label htmlFor={id} className="label">
          {label}
        </label>
        {fallback ?? (
          <input
            id={id}
            name={name}
            type="text"
            className="input"
            defaultValue={defaultValue ?? ''}
            placeholder="marketplace address, e.g. bluepeak-cloud"
            autoComplete="off"
            maxLength={200}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={describedBy}
          />
        )}
        {messages}
      </div>
    )
  }
  return <Combo {...{ name, id, label, defaultValue, defaultLabel, placeholder, className, describedBy, invalid: Boolean(errors?.length), messages }} />
}

function Combo({
  name,
  id,
  label,
  defaultValue,
  defaultLabel,
  placeholder,
  className,
  describedBy,
  invalid,
  messages,
}: {
  name: string
  id: string
  label: ReactNode
  defaultValue?: string
  defaultLabel?: string
  placeholder: string
  className?: string
  describedBy?: string
  invalid: boolean
  messages: ReactNode
}) {
  const initial = defaultValue ? { id: defaultValue, slug: defaultValue, name: defaultLabel ?? defaultValue, typeLabel: null } : null
  const [selected, setSelected] = useState<PickerOption | null>(initial)
  const [text, setText] = useState(initial?.name ?? '')
  const [items, setItems] = useState<PickerOption[]>(initial ? [initial] : [])
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const abort = useRef<AbortController>()

  const load = (q: string) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      abort.current?.abort()
      const controller = new AbortController()
      abort.current = controller
      setStatus('loading')
      fetch(`/search/partners?${new URLSearchParams({ q: q.slice(0, 200), limit: '8' })}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ partners: PickerOption[] }>) : Promise.reject(new Error(String(r.status)))))
        .then(({ partners }) => {
          setItems(partners)
          setStatus('idle')
        })
        .catch((e: unknown) => {
          if ((e as Error).name !== 'AbortError') setStatus('error')
        })
    }, 150)
  }
  useEffect(() => () => (clearTimeout(timer.current), abort.current?.abort()), [])

  // The slug of the chosen partner; typed text goes through as it is (a slug typed by hand still works).
  const value = selected && selected.name === text ? selected.slug : text.trim()
  const shown = selected && !items.some((i) => i.slug === selected.slug) ? [selected, ...items] : items
  return (
    <div className={className}>
      <ComboBox
        id={`${id}-combobox`}
        aria-describedby={describedBy}
        items={shown}
        inputValue={text}
        onInputChange={(t) => {
          setText(t)
          if (!selected || t !== selected.name) load(t)
        }}
        selectedKey={selected?.slug ?? null}
        onSelectionChange={(key) => {
          const option = shown.find((i) => i.slug === key) ?? null
          setSelected(option)
          if (option) setText(option.name)
        }}
        onOpenChange={(open) => {
          if (open && items.length <= 1) load(selected && selected.name === text ? '' : text)
        }}
        allowsCustomValue
        menuTrigger="focus"
        isInvalid={invalid}
        className="group"
      >
        <Label className="label">{label}</Label>
        <div className="relative">
          <Input id={id} className="input pr-10" placeholder={placeholder} maxLength={200} data-testid={`${name}-picker`} />
          <Button className="absolute inset-y-0 right-0 flex items-center px-3 text-slate-500 hover:text-slate-800" aria-label="Show partners">
            <span aria-hidden="true">▾</span>
          </Button>
        </div>
        <Popover className="w-[--trigger-width] overflow-auto rounded-md border border-slate-200 bg-white shadow-lg" offset={4}>
          <ListBox<PickerOption>
            className="max-h-72 overflow-auto py-1 outline-none"
            renderEmptyState={() => (
              <p className="px-3 py-2 text-sm text-slate-600">
                {status === 'loading' ? 'Searching…' : status === 'error' ? 'Could not load partners; type the marketplace address.' : 'No partner matches.'}
              </p>
            )}
          >
            {(item) => (
              <ListBoxItem id={item.slug} textValue={item.name} className="cursor-pointer px-3 py-2 text-sm text-slate-800 outline-none data-[focused]:bg-sky-100 data-[selected]:font-semibold">
                <Text slot="label">{item.name}</Text>
                {item.typeLabel ? (
                  <Text slot="description" className="ml-2 text-xs text-slate-600">
                    {item.typeLabel}
                  </Text>
                ) : null}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <input type="hidden" name={name} value={value} />
      <span className="sr-only" aria-live="polite">
        {status === 'loading' ? 'Searching partners' : ''}
      </span>
      {messages}
    </div>
  )
}
