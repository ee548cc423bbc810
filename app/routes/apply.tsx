import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { CheckboxGroup, FormErrors, SelectField, TextField } from '#app/components/forms.tsx'
import { AuthCard } from '#app/features/auth/auth-card.tsx'
import { applyAsPartner } from '#app/features/auth/auth.server.ts'
import { ApplySchema, PASSWORD_MIN } from '#app/features/auth/schemas.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import { INDUSTRY_OPTIONS, PARTNER_TYPE_OPTIONS, REGION_OPTIONS } from '#app/features/orgs/constants.ts'
import { requireAnonymous } from '#app/utils/guards.server.ts'
import { deviceOf, domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Apply to become a partner · Partner Hub' }]

const HIDE = ['password', 'confirmPassword']

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const formData = await readForm(request)
  const submission = parseSubmission(formData, ApplySchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ApplySchema, hideFields: HIDE })
  let userId: string
  try {
    ;({ userId } = await applyAsPartner(submission.value, requestMeta(request, context)))
  } catch (error) {
    return domainReply(submission, error, { schema: ApplySchema, hideFields: HIDE })
  }
  const { cookie } = await startSession(userId, deviceOf(request, context))
  return redirectWithToast(
    '/',
    { type: 'success', title: 'Application received', description: "The partner team will review it; we'll email you the decision." },
    { headers: { 'Set-Cookie': cookie } },
  )
}

export default function Apply() {
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'apply',
    lastResult,
    constraint: getZodConstraint(ApplySchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
  })
  return (
    <AuthCard
      wide
      title="Apply to become a partner"
      subtitle={
        <>
          Tell us about your company. The partner team reviews every application, usually within two business days. Already a partner?{' '}
          <Link to="/login" className="link">
            Sign in
          </Link>
          .
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-8">
        <FormErrors id={form.errorId} errors={form.errors} />
        <section aria-labelledby="company-heading" className="space-y-4">
          <h2 id="company-heading" className="text-lg font-semibold text-slate-900">
            Your company
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.companyName} label="Company name" autoComplete="organization" />
            <TextField field={fields.website} label="Website" type="text" autoComplete="url" placeholder="https://example.com" />
          </div>
          <SelectField field={fields.partnerType} label="Partner type" options={PARTNER_TYPE_OPTIONS} placeholder="Choose one…" className="sm:max-w-sm" />
          <CheckboxGroup field={fields.regions} label="Regions you sell or deliver in" options={REGION_OPTIONS} />
          <CheckboxGroup field={fields.industries} label="Industries you serve" options={INDUSTRY_OPTIONS} />
        </section>
        <section aria-labelledby="admin-heading" className="space-y-4">
          <h2 id="admin-heading" className="text-lg font-semibold text-slate-900">
            You, as your company&apos;s admin
          </h2>
          <p className="text-sm text-slate-600">You can invite your colleagues once you&apos;re in.</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.name} label="Your name" autoComplete="name" />
            <TextField field={fields.email} label="Work email" type="email" autoComplete="email" />
            <TextField field={fields.password} label="Password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
            <TextField field={fields.confirmPassword} label="Password again" type="password" autoComplete="new-password" />
          </div>
        </section>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Sending…' : 'Send application'}
        </button>
      </Form>
    </AuthCard>
  )
}
