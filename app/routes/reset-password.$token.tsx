import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, TextField } from '#app/components/forms.tsx'
import { AuthCard } from '#app/features/auth/auth-card.tsx'
import { checkPasswordResetToken, resetPassword } from '#app/features/auth/auth.server.ts'
import { PASSWORD_MIN, ResetPasswordSchema } from '#app/features/auth/schemas.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Partner Hub' }, { name: 'referrer', content: 'no-referrer' }]

const HIDE = ['password', 'confirmPassword']

export async function loader({ params }: LoaderFunctionArgs) {
  return checkPasswordResetToken(params.token ?? '')
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), ResetPasswordSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ResetPasswordSchema, hideFields: HIDE })
  try {
    await resetPassword(params.token ?? '', submission.value, requestMeta(request, context))
  } catch (error) {
    return domainReply(submission, error, { schema: ResetPasswordSchema, hideFields: HIDE })
  }
  return redirectWithToast('/login', {
    type: 'success',
    title: 'Password changed',
    description: 'Every session was signed out. Sign in with your new password.',
  })
}

export default function ResetPassword() {
  const state = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'reset-password',
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  })
  if (!state.valid) {
    return (
      <AuthCard title="This link no longer works">
        <p className="text-slate-700">{state.message}</p>
        <Link to="/forgot-password" className="btn-primary mt-4">
          Send me a new link
        </Link>
      </AuthCard>
    )
  }
  return (
    <AuthCard title="Choose a new password" subtitle={<>For {state.email}. Every device signed in to this account will be signed out.</>}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="text" name="username" value={state.email} autoComplete="username" readOnly hidden />
        <TextField field={fields.password} label="New password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
        <TextField field={fields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
        <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
          Change password
        </button>
      </Form>
    </AuthCard>
  )
}
