import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useFetcher, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { CheckboxGroup, ErrorList, FormErrors, SelectField, TextareaField, TextField } from '#app/components/forms.tsx'
import { INDUSTRY_OPTIONS, REGION_OPTIONS } from '#app/features/orgs/constants.ts'
import { LISTING_KINDS, PRICING_MODELS } from '#db/vocab.ts'
import { ALT_MAX, BODY_MAX, KIND_LABELS, ListingFormSchema, MAX_CATEGORIES, PRICING_LABELS, SUMMARY_MAX, TITLE_MAX } from '#app/features/listings/schemas.ts'
import { Prose } from '#app/features/listings/ui/components.tsx'

export type EditorDefaults = {
  kind: string
  title: string
  slug: string
  summary: string
  body: string
  categoryIds: string[]
  industries: string[]
  regions: string[]
  pricingModel: string
  pricingDetails: string
  counterpartOrgId: string
}

type Props = {
  defaults: EditorDefaults | null
  categories: { id: string; name: string }[]
  counterparts: { id: string; name: string; kind: string }[]
  logoKey: string | null
  screenshots: { key: string; alt: string }[]
  slugLocked: boolean
  kindLocked: boolean
  lastResult?: SubmissionResult<string[]> | null
  serverPreview?: string | null
  submitLabel: string
}

/** The listing editor: plain multipart form (works without JavaScript) with a live Markdown preview. */
export function ListingEditor(props: Props) {
  const { defaults, categories, counterparts, logoKey, screenshots, slugLocked, kindLocked, lastResult, serverPreview, submitLabel } = props
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'listing-editor',
    lastResult,
    defaultValue: defaults ?? { kind: 'service', pricingModel: 'contact_us' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ListingFormSchema }),
  })
  const [kind, setKind] = useState(defaults?.kind ?? 'service')
  const [live, setLive] = useState({ title: defaults?.title ?? '', summary: defaults?.summary ?? '' })
  const preview = useFetcher<{ html: string }>()
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const formRef = useRef<HTMLFormElement>(null)

  const refreshPreview = () => {
    const el = formRef.current
    if (!el) return
    const data = new FormData(el)
    setLive({ title: String(data.get('title') ?? ''), summary: String(data.get('summary') ?? '') })
    setKind(String(data.get('kind') ?? 'service'))
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      preview.submit({ body: String(data.get('body') ?? '') }, { method: 'post', action: '/api/listing-preview', encType: 'application/x-www-form-urlencoded' })
    }, 250)
  }
  useEffect(() => {
    refreshPreview()
    return () => clearTimeout(timer.current)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const html = preview.data?.html ?? serverPreview ?? ''
  const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') !== 'preview'
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} ref={formRef} onChange={refreshPreview} className="space-y-5" noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label="Kind"
          options={LISTING_KINDS.filter((k) => !kindLocked || k === defaults?.kind).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          hint={kindLocked ? 'The kind of a published listing cannot change.' : 'A service you deliver, a packaged solution, an app, or an integration with another company’s product.'}
        />
        <TextField field={fields.title} label="Title" hint={`Up to ${TITLE_MAX} characters. Say what it is, not every keyword it could match.`} />
        {slugLocked ? (
          <div>
            <p className="label">Address</p>
            <p className="text-sm text-slate-700">/listings/{defaults?.slug}</p>
            <input type="hidden" name="slug" value={defaults?.slug ?? ''} />
          </div>
        ) : (
          <TextField field={fields.slug} label="Address (slug)" hint="Lowercase letters, digits and hyphens. Leave empty to make one from the title." placeholder="cloud-migration-assessment" />
        )}
        <TextareaField field={fields.summary} label="Summary" rows={3} hint={`One or two sentences, up to ${SUMMARY_MAX} characters. Shown on cards and in search results.`} />
        <TextareaField
          field={fields.body}
          label="Description (Markdown)"
          rows={14}
          hint={`Headings, lists, links and tables. Up to ${BODY_MAX.toLocaleString('en')} characters. Scripts and unsafe links are removed.`}
        />
        <CheckboxGroup field={fields.categoryIds} label="Categories" hint={`Pick 1 to ${MAX_CATEGORIES}.`} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <CheckboxGroup field={fields.industries} label="Industries" options={INDUSTRY_OPTIONS} />
        <CheckboxGroup field={fields.regions} label="Regions" options={REGION_OPTIONS} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField field={fields.pricingModel} label="Pricing model" options={PRICING_MODELS.map((p) => ({ value: p, label: PRICING_LABELS[p] }))} />
          <TextField field={fields.pricingDetails} label="Pricing details" hint="Optional, e.g. “From $2,000 per month”." />
        </div>
        {kind === 'integration' ? (
          <SelectField
            field={fields.counterpartOrgId}
            label="Integrates with"
            placeholder="Choose a company"
            options={counterparts.map((c) => ({ value: c.id, label: c.kind === 'vendor' ? `${c.name} (vendor)` : c.name }))}
            hint="That company confirms the integration before it shows on both profiles."
          />
        ) : (
          <input type="hidden" name={fields.counterpartOrgId.name} value="" />
        )}

        <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
          <legend className="label px-1">Images</legend>
          <p className="text-xs text-slate-500">PNG, JPEG or WebP, up to 2 MB each. We check the content and re-encode every image.</p>
          {logoKey ? (
            <div className="flex items-center gap-3">
              <img src={`/uploads/${logoKey}`} alt="Current logo" width={48} height={48} className="rounded border border-slate-200" />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="removeLogo" className="h-4 w-4" /> Remove the logo
              </label>
            </div>
          ) : null}
          <div>
            <label htmlFor="logo" className="label">
              {logoKey ? 'Replace the logo' : 'Logo'}
            </label>
            <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" className="block w-full text-sm" />
          </div>
          {screenshots.length ? (
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              {screenshots.map((s, i) => (
                <li key={s.key} className="space-y-1">
                  <img src={`/uploads/${s.key}`} alt={s.alt} className="h-20 w-full rounded border border-slate-200 object-cover" />
                  <input type="hidden" name={`screenshotAlts[${i}].key`} value={s.key} />
                  <label htmlFor={`screenshot-alt-${i}`} className="block text-xs font-medium text-slate-700">
                    Describe screenshot {i + 1} (for screen readers)
                  </label>
                  <input id={`screenshot-alt-${i}`} name={`screenshotAlts[${i}].alt`} defaultValue={s.alt} maxLength={ALT_MAX} className="input text-xs" />
                  <ErrorList errors={form.allErrors[`screenshotAlts[${i}].alt`]} />
                  <label className="flex items-center gap-2 text-xs">
                    <input type="checkbox" name="removeScreenshots" value={s.key} className="h-4 w-4" /> Remove screenshot {i + 1}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <div>
            <label htmlFor="screenshots" className="label">
              Add screenshots (up to 6 in total)
            </label>
            <input id="screenshots" name="screenshots" type="file" multiple accept="image/png,image/jpeg,image/webp" className="block w-full text-sm" />
            <ErrorList errors={form.allErrors['screenshots']} />
          </div>
        </fieldset>

        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="save" className="btn-primary" disabled={saving}>
            {saving ? 'Saving…' : submitLabel}
          </button>
          <noscript>
            <button type="submit" name="intent" value="preview" className="btn-secondary">
              Preview description
            </button>
          </noscript>
        </div>
      </Form>

      <section aria-labelledby="preview-heading" aria-live="polite" className="lg:sticky lg:top-4 lg:self-start">
        <h2 id="preview-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Live preview
        </h2>
        <div className="card" data-testid="listing-preview">
          <p className="text-xl font-bold text-slate-900">{live.title || 'Your title'}</p>
          <p className="mt-1 text-slate-600">{live.summary || 'Your summary'}</p>
          <hr className="my-4 border-slate-200" />
          {html ? <Prose html={html} /> : <p className="text-sm text-slate-500">The description appears here as you type.</p>}
        </div>
      </section>
    </div>
  )
}
