import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { previewReferral, referralTargets, submitReferral } from '#app/features/referrals/lifecycle.server.ts'
import { programDefaults } from '#app/features/referrals/program-settings.server.ts'
import { recordRequestConversion } from '#app/features/community/requests.server.ts'
import { leadPrefill, recordLeadConversion } from '#app/features/leads/leads.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { errorHeaders, isDomainError } from '#app/utils/errors.ts'
import { orThrowResponse, requireActor, toResponse } from '#app/utils/guards.server.ts'
import { prefillFrom, ReferralPrefillSchema } from '#app/utils/start-links.ts'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { useFocusFirstError } from '#app/components/forms.tsx'

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

type ActionData =
  | { step: 'edit'; values: Record<string, string>; error: string; fieldErrors: Record<string, string[]> }
  | {
      step: 'confirm'
      values: Record<string, string>
      conflicts: { kind: string; explanation: string }[]
      review: string
      terms: string
      targetName: string
      domain: string
      estimatedValue: number | null
      error?: string
    }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const form = await readForm(request)
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<string, string>
  const intent = z.enum(['preview', 'submit', 'edit']).catch('preview').parse(form.get('intent'))
  if (intent === 'edit') return data<ActionData>({ step: 'edit', values, error: '', fieldErrors: {} })
  try {
    if (intent === 'submit') {
      const acknowledged = form.getAll('acknowledged').map(String).slice(0, 10)
      const referral = await submitReferral(actor, values, { acknowledged })
      // Started from a community partner request: the request records it (nothing if the link was not the asker's).
      await recordRequestConversion(actor, { fromTopic: values.fromTopic || undefined, fromReply: values.fromReply || undefined }, 'referral', referral.id)
      // Converted from an inbound lead: the lead links the referral (nothing if it is not the actor's).
      await recordLeadConversion(actor, values.fromLead || undefined, 'referral', referral.id)
      return redirectWithToast(`/referrals/${referral.id}`, { type: 'success', title: 'Referral sent', description: `${referral.accountName} was referred. You will be notified when they answer.` })
    }
    const preview = await previewReferral(actor, values)
    return data<ActionData>({
      step: 'confirm',
      values,
      conflicts: preview.conflicts,
      review: preview.review,
      terms: preview.terms,
      targetName: preview.target.name,
      domain: preview.data.accountDomain,
      estimatedValue: preview.data.estimatedValue ?? null,
    })
  } catch (error) {
    if (isDomainError(error) && error.code === 'conflict' && intent === 'submit') {
      // New conflicts appeared since the preview: show them and ask again.
      const preview = await previewReferral(actor, values).catch(() => null)
      if (preview)
        return data<ActionData>(
          {
            step: 'confirm',
            values,
            conflicts: preview.conflicts,
            review: preview.review,
            terms: preview.terms,
            targetName: preview.target.name,
            domain: preview.data.accountDomain,
            estimatedValue: preview.data.estimatedValue ?? null,
            error: error.message,
          },
          { status: 409 },
        )
    }
    if (isDomainError(error) && (error.code === 'invalid' || error.code === 'conflict' || error.code === 'rate_limited')) {
      return data<ActionData>({ step: 'edit', values, error: error.message, fieldErrors: error.fieldErrors ?? {} }, { status: error.status, headers: errorHeaders(error) })
    }
    throw toResponse(error)
  }
}

function Field({ name, label, errors, children, hint }: { name: string; label: string; errors?: string[]; children: React.ReactNode; hint?: string }) {
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${name}-error`} className="field-error" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}

export default function NewReferral() {
  const { targets, prefill, defaults } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionData | undefined
  useFocusFirstError(result && 'error' in result && result.error ? result : null)
  const busy = useNavigation().state !== 'idle'

  if (result?.step === 'confirm') {
    const v = result.values
    return (
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="text-2xl font-bold tracking-tight">Check and send the referral</h1>
        {result.error ? (
          <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {result.error}
          </p>
        ) : null}
        <dl className="card mt-6 grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <dt className="font-medium text-slate-600">To</dt>
          <dd className="sm:col-span-2" data-testid="confirm-to">
            {result.targetName}
          </dd>
          <dt className="font-medium text-slate-600">Customer</dt>
          <dd className="sm:col-span-2">
            {v.accountName} ({result.domain})
          </dd>
          <dt className="font-medium text-slate-600">Estimated value</dt>
          <dd className="sm:col-span-2">{formatMoney(result.estimatedValue ?? 0)}</dd>
          <dt className="font-medium text-slate-600">Proposed fee</dt>
          <dd className="sm:col-span-2" data-testid="confirm-terms">
            {result.terms}
          </dd>
        </dl>
        {result.conflicts.length ? (
          <section aria-labelledby="conflicts" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="conflicts">
            <h2 id="conflicts" className="font-semibold text-amber-900">
              Possible conflicts
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-900">
              {result.conflicts.map((c) => (
                <li key={c.kind}>{c.explanation}</li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-amber-900">You can still send it: the vendor's partner team will review the flag.</p>
          </section>
        ) : (
          <p className="mt-6 text-sm text-emerald-700" data-testid="no-conflicts">
            Nothing for you to confirm about {result.domain}.
          </p>
        )}
        {/* The same notice on every preview: hidden conflicts are the vendor's team's to check. */}
        <p className="mt-3 text-sm text-slate-600" data-testid="vendor-review">
          {result.review}
        </p>
        <Form method="post" className="mt-6 flex flex-wrap gap-3">
          {Object.entries(v).map(([k, val]) => (
            <input key={k} type="hidden" name={k} value={val} />
          ))}
          {result.conflicts.map((c) => (
            <input key={c.kind} type="hidden" name="acknowledged" value={c.kind} />
          ))}
          <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
            {result.conflicts.length ? 'Send anyway' : 'Send referral'}
          </button>
          <button type="submit" name="intent" value="edit" className="btn-secondary">
            Change something
          </button>
        </Form>
      </main>
    )
  }

  const v = result?.values
  const fe = result?.step === 'edit' ? result.fieldErrors : {}
  const defaultPercent = defaults.feePercentBps != null ? String(defaults.feePercentBps / 100) : ''
  const inputProps = (name: string) => ({ id: name, name, 'aria-invalid': fe[name]?.length ? true : undefined, 'aria-describedby': fe[name]?.length ? `${name}-error` : undefined })
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <p className="text-sm">
        <Link to="/referrals" className="link">
          ← Referrals
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Refer a customer</h1>
      <p className="mt-1 text-slate-600">Hand a customer to a partner who can help them. You will see any conflicts before it is sent.</p>
      {result?.step === 'edit' && result.error ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
          {result.error}
        </p>
      ) : null}
      {targets.length === 0 ? (
        <p className="card mt-6">There are no other active partners to refer a customer to yet.</p>
      ) : (
        <Form method="post" className="card mt-6 space-y-4" noValidate>
          {(v?.fromTopic ?? prefill.fromTopic) ? (
            <>
              <input type="hidden" name="fromTopic" value={v?.fromTopic ?? prefill.fromTopic} />
              <input type="hidden" name="fromReply" value={v?.fromReply ?? prefill.fromReply ?? ''} />
              <p className="text-sm text-slate-600" data-testid="from-request">
                Started from a partner request in the community: the details are filled in below.
              </p>
            </>
          ) : null}
          {(v?.fromLead ?? prefill.fromLead) ? (
            <>
              <input type="hidden" name="fromLead" value={v?.fromLead ?? prefill.fromLead} />
              <p className="text-sm text-slate-600" data-testid="from-lead">
                Converting an inbound lead: the customer, its contact and its need are filled in below. Sending the referral marks the lead converted.
              </p>
            </>
          ) : null}
          <PartnerPicker
            name="toOrg"
            id="toOrg"
            label="Partner"
            errors={fe.toOrg}
            defaultValue={v?.toOrg ?? prefill.to}
            defaultLabel={targets.find((t) => t.slug === (v?.toOrg ?? prefill.to))?.name}
            fallback={
              <select {...inputProps('toOrg')} className="input" defaultValue={v?.toOrg ?? prefill.to} required>
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
            <Field name="accountName" label="Customer company" errors={fe.accountName}>
              <input {...inputProps('accountName')} className="input" defaultValue={v?.accountName ?? prefill.accountName} required maxLength={200} />
            </Field>
            <Field name="accountDomain" label="Customer web domain" errors={fe.accountDomain} hint="Like acme.com; we use it to spot conflicts.">
              <input {...inputProps('accountDomain')} className="input" defaultValue={v?.accountDomain ?? prefill.accountDomain} required maxLength={300} placeholder="acme.com" />
            </Field>
            <Field name="contactName" label="Contact name (optional)" errors={fe.contactName}>
              <input {...inputProps('contactName')} className="input" defaultValue={v?.contactName ?? prefill.contactName} maxLength={200} />
            </Field>
            <Field name="contactEmail" label="Contact e-mail (optional)" errors={fe.contactEmail}>
              <input {...inputProps('contactEmail')} type="email" className="input" defaultValue={v?.contactEmail ?? prefill.contactEmail} maxLength={254} />
            </Field>
          </div>
          <Field name="need" label="What the customer needs" errors={fe.need}>
            <textarea {...inputProps('need')} className="input" rows={4} defaultValue={v?.need ?? prefill.need} required maxLength={4000} />
          </Field>
          <Field name="estimatedValue" label="Estimated value (USD, optional)" errors={fe.estimatedValue}>
            <input {...inputProps('estimatedValue')} inputMode="decimal" className="input" defaultValue={v?.estimatedValue} placeholder="25,000" />
          </Field>
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-700">Referral fee you propose</legend>
            <p className="text-xs text-slate-500">
              The receiving partner pays it to you when the deal is won. Program default:{' '}
              {defaults.feeType === 'percent' ? `${defaultPercent}%` : defaults.feeType === 'fixed' ? formatMoney(defaults.feeFixedAmount) : 'no fee'}.
            </p>
            <Field name="feeType" label="Kind of fee" errors={fe.feeType}>
              <select {...inputProps('feeType')} className="input" defaultValue={v?.feeType ?? defaults.feeType}>
                <option value="percent">A percentage of the won amount</option>
                <option value="fixed">A fixed amount</option>
                <option value="none">No fee</option>
              </select>
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field name="feePercent" label="Percentage" errors={fe.feePercent}>
                <input {...inputProps('feePercent')} inputMode="decimal" className="input" defaultValue={v?.feePercent ?? defaultPercent} placeholder="10" />
              </Field>
              <Field name="feeFixed" label="Fixed amount (USD)" errors={fe.feeFixed}>
                <input {...inputProps('feeFixed')} inputMode="decimal" className="input" defaultValue={v?.feeFixed ?? (defaults.feeFixedAmount ? String(defaults.feeFixedAmount / 100) : '')} />
              </Field>
              <Field name="feeCap" label="Cap (USD, optional)" errors={fe.feeCap}>
                <input {...inputProps('feeCap')} inputMode="decimal" className="input" defaultValue={v?.feeCap ?? (defaults.feeCapAmount ? String(defaults.feeCapAmount / 100) : '')} />
              </Field>
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
