import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { FormErrors, TextField } from '#app/components/forms.tsx'
import { AuthCard } from '#app/features/auth/auth-card.tsx'
import { login } from '#app/features/auth/auth.server.ts'
import { LoginSchema } from '#app/features/auth/schemas.ts'
import { startSession } from '#app/features/auth/session.server.ts'
import { safeRedirectPath } from '#app/utils/safe-redirect.ts'
import { hasSignedInBefore } from '#app/features/auth/first-sign-in.server.ts'
import { deviceOf, domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const submission = parseSubmission(formData, LoginSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: LoginSchema, hideFields: ['password'] })
  let userId: string
  try {
    ;({ userId } = await login(submission.value, requestMeta(request, context)))
  } catch (error) {
    return domainReply(submission, error, { schema: LoginSchema, hideFields: ['password'] })
  }
  const { cookie } = await startSession(userId, deviceOf(request, context))
  const welcome = (await hasSignedInBefore(userId)) ? 'Welcome back.' : 'Welcome to Partner Hub.'
  return redirectWithToast(safeRedirectPath(submission.value.redirectTo), { type: 'success', title: 'Signed in', description: welcome }, { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'login',
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <AuthCard
      title="Sign in"
      subtitle={
        <>
          New here?{' '}
          <Link to="/apply" className="link">
            Apply to become a partner
          </Link>
          .
        </>
      }
    >
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <div className="flex items-center justify-between gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Signing in…' : 'Sign in'}
          </button>
          <Link to="/forgot-password" className="link text-sm">
            Forgot your password?
          </Link>
        </div>
      </Form>
    </AuthCard>
  )
}
