import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ComponentProps, ReactNode } from 'react'
import { CheckboxGroup, FormErrors, SelectField, TextField } from '#app/components/forms.tsx'
import { isVendorAdmin } from '#app/features/auth/actor.ts'
import { STEP_OPTIONS } from '#app/features/onboarding/steps.ts'
import { VendorSettingsSchema } from '#app/features/settings/schemas.ts'
import { getVendorSettings, updateVendorSettings } from '#app/features/settings/vendor-settings.server.ts'
import { ApiRateLimitsSchema } from '#app/features/api/rate-limit-schema.ts'
import { getApiRateLimits, updateApiRateLimits } from '#app/features/api/rate-limits.server.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Program settings · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const settings = await orThrowResponse(getVendorSettings(actor))
  const apiLimits = await orThrowResponse(getApiRateLimits(actor))
  return {
    apiLimits: { perKeyPerMinute: String(apiLimits.perKeyPerMinute), perOrgPerMinute: String(apiLimits.perOrgPerMinute) },
    settings: {
      ...settings,
      remindAfterHours: String(settings.remindAfterHours),
      expireAfterHours: String(settings.expireAfterHours),
      registrationProtectionDays: String(settings.registrationProtectionDays),
      asymmetryWarningPercent: String(settings.asymmetryWarningPercent),
      exchangeRates: settings.exchangeRates,
    },
    canEdit: isVendorAdmin(actor),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const formData = await readForm(request)
  if (formData.get('intent') === 'api-limits') {
    const limits = parseSubmission(formData, ApiRateLimitsSchema)
    if (limits.status !== 'success') return invalidReply(limits, { schema: ApiRateLimitsSchema })
    try {
      await updateApiRateLimits(actor, limits.value)
    } catch (error) {
      return domainReply(limits, error, { schema: ApiRateLimitsSchema })
    }
    return redirectWithToast('/admin/settings', { type: 'success', title: 'API limits saved', description: 'The API applies them from the next request.' })
  }
  const submission = parseSubmission(formData, VendorSettingsSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: VendorSettingsSchema })
  const raw = { ...Object.fromEntries(formData), onboardingSteps: formData.getAll('onboardingSteps') }
  try {
    await updateVendorSettings(actor, raw)
  } catch (error) {
    return domainReply(submission, error, { schema: VendorSettingsSchema })
  }
  return redirectWithToast('/admin/settings', {
    type: 'success',
    title: 'Program settings saved',
    description: 'New referrals, the referral form, the onboarding checklist and partnership health use them from now on.',
  })
}

type TextSetting = Pick<ComponentProps<typeof TextField>, 'field' | 'label' | 'hint' | 'type' | 'placeholder'>
const GRID_COLUMNS = { 2: 'grid gap-4 sm:grid-cols-2', 3: 'grid gap-4 sm:grid-cols-3' } as const

/**
 * One card of settings: its heading (labelling the section when `headingId` is given), an optional
 * introduction, any other controls, then its text fields (side by side in `columns` from small screens up).
 */
function SettingsSection({
  title,
  headingId,
  intro,
  columns,
  fields = [],
  children,
}: {
  title: string
  headingId?: string
  intro?: ReactNode
  columns?: keyof typeof GRID_COLUMNS
  fields?: TextSetting[]
  children?: ReactNode
}) {
  const inputs = fields.map((setting) => <TextField key={setting.field.name} {...setting} />)
  return (
    <section className="card space-y-4" aria-labelledby={headingId}>
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {intro ? <p className="text-sm text-slate-600">{intro}</p> : null}
      {children}
      {columns ? <div className={GRID_COLUMNS[columns]}>{inputs}</div> : inputs}
    </section>
  )
}

const FEE_OPTIONS = [
  { value: 'percent', label: 'A percentage of the won amount' },
  { value: 'fixed', label: 'A fixed amount' },
  { value: 'none', label: 'No fee' },
]

export default function ProgramSettings() {
  const { settings, apiLimits, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const lastIntent = actionData && 'initialValue' in actionData && actionData.initialValue && 'intent' in actionData.initialValue ? 'api-limits' : 'program'
  const [limitsForm, limitsFields] = useForm({
    id: 'api-limits',
    lastResult: lastIntent === 'api-limits' ? actionData : undefined,
    defaultValue: apiLimits,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiRateLimitsSchema }),
  })
  const [form, fields] = useForm({
    id: 'program-settings',
    lastResult: lastIntent === 'program' ? actionData : undefined,
    defaultValue: settings,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VendorSettingsSchema }),
  })
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Program settings</h1>
      <p className="mt-1 text-slate-600">
        How referrals expire, the fee terms a new referral starts with, how long an approved deal registration protects the partner, when partnership health warns of asymmetry, and the steps of a new
        partner&apos;s onboarding checklist. Every change is kept in the audit log.
      </p>
      {canEdit ? null : (
        <p className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="read-only">
          You can read these settings; only the vendor&apos;s admins can change them.
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="mt-6" noValidate>
        <fieldset disabled={!canEdit} className="space-y-6">
          <FormErrors id={form.errorId} errors={form.errors} />
          <SettingsSection
            title="Referral reminders and expiry"
            columns={2}
            fields={[
              { field: fields.remindAfterHours, label: 'Remind the receiver after (hours)', type: 'number', hint: 'A referral nobody answered gets one reminder after this long.' },
              {
                field: fields.expireAfterHours,
                label: 'Expire unanswered referrals after (hours)',
                type: 'number',
                hint: 'Then it is declined as “expired”. 120 hours is 5 days; at most 180 days.',
              },
            ]}
          />
          <SettingsSection
            title="Default fee terms"
            intro="A new referral starts with these terms; the partner sending it can change them."
            columns={3}
            fields={[
              { field: fields.feePercent, label: 'Percentage (%)', hint: 'For a percentage fee, up to 50.' },
              { field: fields.feeFixed, label: 'Fixed amount (USD)', hint: 'For a fixed fee.' },
              { field: fields.feeCap, label: 'Cap (USD)', hint: 'Optional; leave empty for no cap.' },
            ]}
          >
            <SelectField field={fields.feeType} label="Fee" options={FEE_OPTIONS} />
          </SettingsSection>
          <SettingsSection
            title="Deal registration"
            fields={[
              {
                field: fields.registrationProtectionDays,
                label: 'Registration protection period (days)',
                type: 'number',
                hint: 'An approved deal registration protects the partner this long (7 to 365 days; 90 by default). Registrations approved before a change keep their end date.',
              },
              {
                field: fields.exchangeRates,
                label: 'Exchange rates to USD',
                placeholder: 'EUR 1.08, GBP 1.27',
                hint: 'USD per unit of each program currency partners may register deals in. A registration keeps the rate it was submitted at; a currency without a rate cannot be chosen.',
              },
            ]}
          />
          <SettingsSection
            title="Partnership health"
            fields={[
              {
                field: fields.asymmetryWarningPercent,
                label: 'Warn of asymmetry at a fulfilment gap of (percentage points)',
                type: 'number',
                hint: "A partnership is flagged asymmetric when one side met this many points fewer of its commitments on time than the other (5 to 100; 30 by default). The portfolio and every partnership's health page use it.",
              },
            ]}
          />
          <SettingsSection title="Onboarding checklist">
            <CheckboxGroup
              field={fields.onboardingSteps}
              label="Steps a newly approved partner sees on its home page"
              hint="Progress on the onboarding page counts only the steps that are on. With none on, partners see no checklist."
              options={STEP_OPTIONS}
            />
          </SettingsSection>
          {canEdit ? (
            <button type="submit" className="btn-primary">
              Save settings
            </button>
          ) : null}
        </fieldset>
      </Form>
      <Form method="post" {...getFormProps(limitsForm)} className="mt-8" noValidate>
        <input type="hidden" name="intent" value="api-limits" />
        <fieldset disabled={!canEdit} className="space-y-4">
          <SettingsSection
            title="Public API rate limits"
            headingId="api-limits-heading"
            intro={
              <>
                Requests a minute the{' '}
                <Link to="/docs/api" className="link">
                  public API
                </Link>{' '}
                answers before it asks a caller to wait (429 with Retry-After). The API applies a change from the next request.
              </>
            }
            columns={2}
            fields={[
              { field: limitsFields.perKeyPerMinute, label: 'Per API key (requests a minute)', type: 'number', hint: '10 to 1,000,000; 1,200 by default.' },
              { field: limitsFields.perOrgPerMinute, label: 'Per organization, all its keys (requests a minute)', type: 'number', hint: 'At least the per-key limit; 1,200 by default.' },
            ]}
          >
            <FormErrors id={limitsForm.errorId} errors={limitsForm.errors} />
          </SettingsSection>
          {canEdit ? (
            <button type="submit" className="btn-primary">
              Save API limits
            </button>
          ) : null}
        </fieldset>
      </Form>
    </main>
  )
}
