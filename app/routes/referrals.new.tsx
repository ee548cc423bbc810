import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState, type ReactNode } from 'react'
import { z } from 'zod'
import { previewReferral, referralTargets, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { programDefaults } from '#app/features/referrals/program-settings.server.ts'
import { ReferralInputSchema } from '#app/features/referrals/schemas.ts'
import { recordRequestConversion } from '#app/features/community/requests.server.ts'
import { leadPrefill, recordLeadConversion } from '#app/features/leads/leads.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { prefillFrom, ReferralPrefillSchema } from '#app/utils/start-links.ts'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, echoReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { ErrorList, FormErrors, useFocusFirstError } from '#app/components/forms.tsx'

export const meta: MetaFunction = () => [{ title: 'Refer a customer · Partner Hub' }]

const FIELDS = [
  'toOrg',
  'accountName',
  'accountDomain',
  'contactName',
  'contactEmail',
  'need',
  'estimatedValue',
  'opportunityId',
  'feeType',
  'feePercent',
  'feeFixed',
  'feeCap',
  'fromTopic',
  'fromReply',
  'fromLead',
] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const fromUrl = prefillFrom(ReferralPrefillSchema, request.url)
  const [targets, defaults, lead] = await Promise.all([orThrowResponse(referralTargets(actor)), programDefaults(), leadPrefill(actor, fromUrl.fromLead)])
  // Converting an inbound lead: the customer, its contact and its need come from the lead.
  const prefill = lead
    ? { ...fromUrl, accountName: lead.accountName, accountDomain: lead.accountDomain, need: lead.need, contactName: lead.contactName, contactEmail: lead.contactEmail, fromLead: lead.leadId }
    : { ...fromUrl, contactName: '', contactEmail: '', fromLead: undefined }
  return data({ targets, prefill, defaults })
}

/**
 * The form, in both steps: the referral (checked in the browser and here with the domain's own
 * schema), where it was started from, what the button asks for, and on "send" the conflicts the
 * sender saw and acknowledged.
 */
const ReferralForm = ReferralInputSchema.and(
  z.object({
    intent: z.enum(['preview', 'submit', 'edit']).catch('preview'),
    fromTopic: z.string().trim().max(64).optional(),
    fromReply: z.string().trim().max(64).optional(),
    fromLead: z.string().trim().max(64).optional(),
    acknowledged: z.array(z.string().max(40)).max(10).optional(),
  }),
)
const REPLY = { schema: ReferralForm }

type Confirm = {
  step: 'confirm'
  values: Record<string, string>
  conflicts: { kind: string; explanation: string }[]
  review: string
  terms: string
  targetName: string
  domain: string
  estimatedValue: number | null
  /** Why it was not sent (new conflicts since the preview). */
  message?: string
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), ReferralForm)
  const payload = submission.payload as Record<string, unknown>
  // Back to the form with what was entered ("Change something"), checked or not.
  if (payload.intent === 'edit') return echoReply(submission, REPLY)
  if (submission.status !== 'success') return invalidReply(submission, REPLY)
  const { intent } = submission.value
  // The domain reads the fields itself (amounts become cents there): it gets them as typed.
  const values = Object.fromEntries(FIELDS.map((f) => [f, typeof payload[f] === 'string' ? payload[f] : ''])) as Record<string, string>
  const confirm = async (message?: string): Promise<Confirm> => {
    const preview = await previewReferral(actor, values)
    return {
      step: 'confirm',
      values,
      conflicts: preview.conflicts,
      review: preview.review,
      terms: preview.terms,
      targetName: preview.target.name,
      domain: preview.data.accountDomain,
      estimatedValue: preview.data.estimatedValue ?? null,
      message,
    }
  }
  try {
    if (intent === 'submit') {
      const referral = await submitReferral(actor, values, { acknowledged: submission.value.acknowledged ?? [] })
      // Started from a community partner request: the request records it (nothing if the link was not the asker's).
      await recordRequestConversion(actor, { fromTopic: values.fromTopic || undefined, fromReply: values.fromReply || undefined }, 'referral', referral.id)
      // Converted from an inbound lead: the lead links the referral (nothing if it is not the actor's).
      await recordLeadConversion(actor, values.fromLead || undefined, 'referral', referral.id)
      return redirectWithToast(`/referrals/${referral.id}`, { type: 'success', title: 'Referral sent', description: `${referral.accountName} was referred. You will be notified when they answer.` })
    }
    return data(await confirm())
  } catch (error) {
    if (isDomainError(error) && error.code === 'conflict' && intent === 'submit') {
      // New conflicts appeared since the preview: show them and ask again.
      const again = await confirm(error.message).catch(() => null)
      if (again) return data(again, { status: 409 })
    }
    return domainReply(submission, error, REPLY)
  }
}

type Field = FieldMetadata<string | undefined>

/** A labelled control with its hint and errors beside it. */
function Field({ field, label, children, hint }: { field: Field; label: string; children: ReactNode; hint?: string }) {
  return (
    <div>
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${field.id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export default function NewReferral() {
  const { targets, prefill, defaults } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const confirm = result && 'step' in result ? result : undefined
  const reply = result && !('step' in result) ? result : undefined
  useFocusFirstError(confirm?.message ? confirm : null)
  const defaultPercent = defaults.feePercentBps != null ? String(defaults.feePercentBps / 100) : ''
  const [form, fields] = useForm({
    id: 'referral',
    lastResult: navigation.state === 'idle' ? reply : undefined,
    constraint: getZodConstraint(ReferralInputSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReferralForm }),
    defaultValue: {
      toOrg: prefill.to,
      accountName: prefill.accountName,
      accountDomain: prefill.accountDomain,
      need: prefill.need,
      feeType: defaults.feeType,
      feePercent: defaultPercent,
      feeFixed: defaults.feeFixedAmount ? String(defaults.feeFixedAmount / 100) : '',
      feeCap: defaults.feeCapAmount ? String(defaults.feeCapAmount / 100) : '',
      contactName: prefill.contactName,
      contactEmail: prefill.contactEmail,
      fromTopic: prefill.fromTopic,
      fromReply: prefill.fromReply,
      fromLead: prefill.fromLead,
    },
  })
  const f = fields as unknown as Record<(typeof FIELDS)[number], Field>
  // Once the page runs its script, the fee shows only the fields of the kind chosen (a percentage, a
  // fixed amount, no fee); without it (or before hydration) all three stay, as a plain form needs.
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const feeType = hydrated ? (f.feeType.value ?? defaults.feeType) : null

  if (confirm) {
    const v = confirm.values
    return (
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="text-2xl font-bold tracking-tight">Check and send the referral</h1>
        {confirm.message ? (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {confirm.message}
          </p>
        ) : null}
        <dl className="card mt-6 grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <dt className="font-medium text-slate-600">To</dt>
          <dd className="sm:col-span-2" data-testid="confirm-to">
            {confirm.targetName}
          </dd>
          <dt className="font-medium text-slate-600">Customer</dt>
          <dd className="sm:col-span-2">
            {v.accountName} ({confirm.domain})
          </dd>
          <dt className="font-medium text-slate-600">Estimated value</dt>
          <dd className="sm:col-span-2">{formatMoney(confirm.estimatedValue ?? 0)}</dd>
          <dt className="font-medium text-slate-600">Proposed fee</dt>
          <dd className="sm:col-span-2" data-testid="confirm-terms">
            {confirm.terms}
          </dd>
        </dl>
        {confirm.conflicts.length ? (
          <section aria-labelledby="conflicts" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="conflicts">
            <h2 id="conflicts" className="font-semibold text-amber-900">
              Possible conflicts
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-900">
              {confirm.conflicts.map((c) => (
                <li key={c.kind}>{c.explanation}</li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-amber-900">You can still send it: the vendor's partner team will review the flag.</p>
          </section>
        ) : (
          <p className="mt-6 text-sm text-emerald-700" data-testid="no-conflicts">
            Nothing for you to confirm about {confirm.domain}.
          </p>
        )}
        {/* The same notice on every preview: hidden conflicts are the vendor's team's to check. */}
        <p className="mt-3 text-sm text-slate-600" data-testid="vendor-review">
          {confirm.review}
        </p>
        <Form method="post" className="mt-6 flex flex-wrap gap-3">
          {Object.entries(v).map(([k, val]) => (
            <input key={k} type="hidden" name={k} value={val} />
          ))}
          {confirm.conflicts.map((c) => (
            <input key={c.kind} type="hidden" name="acknowledged" value={c.kind} />
          ))}
          <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
            {confirm.conflicts.length ? 'Send anyway' : 'Send referral'}
          </button>
          <button type="submit" name="intent" value="edit" className="btn-secondary">
            Change something
          </button>
        </Form>
      </main>
    )
  }

  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <p className="text-sm">
        <Link to="/referrals" className="link">
          ← Referrals
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Refer a customer</h1>
      <p className="mt-1 text-slate-600">Hand a customer to a partner who can help them. You will see any conflicts before it is sent.</p>
      <div className="mt-4" data-testid="form-error">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      {targets.length === 0 ? (
        <p className="card mt-6">There are no other active partners to refer a customer to yet.</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
          {f.fromTopic.initialValue ? (
            <>
              <input type="hidden" name="fromTopic" value={f.fromTopic.initialValue} />
              <input type="hidden" name="fromReply" value={f.fromReply.initialValue ?? ''} />
              <p className="text-sm text-slate-600" data-testid="from-request">
                Started from a partner request in the community: the details are filled in below.
              </p>
            </>
          ) : null}
          {f.fromLead.initialValue ? (
            <>
              <input type="hidden" name="fromLead" value={f.fromLead.initialValue} />
              <p className="text-sm text-slate-600" data-testid="from-lead">
                Converting an inbound lead: the customer, its contact and its need are filled in below. Sending the referral marks the lead converted.
              </p>
            </>
          ) : null}
          <PartnerPicker
            name={f.toOrg.name}
            id={f.toOrg.id}
            label="Partner"
            errors={f.toOrg.errors}
            defaultValue={f.toOrg.initialValue}
            defaultLabel={targets.find((t) => t.slug === f.toOrg.initialValue)?.name}
            fallback={
              <select {...getSelectProps(f.toOrg)} key={f.toOrg.key} className="input">
                <option value="">Choose a partner…</option>
                {targets.map((t) => (
                  <option key={t.id} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </select>
            }
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field field={f.accountName} label="Customer company">
              <input {...getInputProps(f.accountName, { type: 'text' })} key={f.accountName.key} className="input" />
            </Field>
            <Field field={f.accountDomain} label="Customer web domain" hint="Like acme.com; we use it to spot conflicts.">
              <input {...getInputProps(f.accountDomain, { type: 'text', ariaDescribedBy: `${f.accountDomain.id}-hint` })} key={f.accountDomain.key} className="input" placeholder="acme.com" />
            </Field>
            <Field field={f.contactName} label="Contact name (optional)">
              <input {...getInputProps(f.contactName, { type: 'text' })} key={f.contactName.key} className="input" />
            </Field>
            <Field field={f.contactEmail} label="Contact e-mail (optional)">
              <input {...getInputProps(f.contactEmail, { type: 'email' })} key={f.contactEmail.key} className="input" />
            </Field>
          </div>
          <Field field={f.need} label="What the customer needs">
            <textarea {...getTextareaProps(f.need)} key={f.need.key} className="input" rows={4} />
          </Field>
          <Field field={f.estimatedValue} label="Estimated value (USD, optional)">
            <input {...getInputProps(f.estimatedValue, { type: 'text' })} key={f.estimatedValue.key} inputMode="decimal" className="input" placeholder="25,000" />
          </Field>
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-700">Referral fee you propose</legend>
            <p className="text-xs text-slate-500">
              The receiving partner pays it to you when the deal is won. Program default:{' '}
              {defaults.feeType === 'percent' ? `${defaultPercent}%` : defaults.feeType === 'fixed' ? formatMoney(defaults.feeFixedAmount) : 'no fee'}.
            </p>
            <Field field={f.feeType} label="Kind of fee">
              <select {...getSelectProps(f.feeType)} key={f.feeType.key} className="input">
                <option value="percent">A percentage of the won amount</option>
                <option value="fixed">A fixed amount</option>
                <option value="none">No fee</option>
              </select>
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              {feeType === null || feeType === 'percent' ? (
                <Field field={f.feePercent} label="Percentage">
                  <input {...getInputProps(f.feePercent, { type: 'text' })} key={f.feePercent.key} inputMode="decimal" className="input" placeholder="10" />
                </Field>
              ) : null}
              {feeType === null || feeType === 'fixed' ? (
                <Field field={f.feeFixed} label="Fixed amount (USD)">
                  <input {...getInputProps(f.feeFixed, { type: 'text' })} key={f.feeFixed.key} inputMode="decimal" className="input" />
                </Field>
              ) : null}
              {feeType !== 'none' ? (
                <Field field={f.feeCap} label="Cap (USD, optional)">
                  <input {...getInputProps(f.feeCap, { type: 'text' })} key={f.feeCap.key} inputMode="decimal" className="input" />
                </Field>
              ) : null}
            </div>
          </fieldset>
          <button type="submit" name="intent" value="preview" className="btn-primary" disabled={busy}>
            Check for conflicts
          </button>
        </Form>
      )}
    </main>
  )
}
