import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, TextField } from '#app/components/forms.tsx'
import { AuthCard } from '#app/features/auth/auth-card.tsx'
import { requestPasswordReset } from '#app/features/auth/auth.server.ts'
import { ForgotPasswordSchema } from '#app/features/auth/schemas.ts'
import { mailLogEnabled } from '#app/features/mail/mail.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Partner Hub' }]

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get('sent') === '1', mailLog: mailLogEnabled() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), ForgotPasswordSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ForgotPasswordSchema })
  try {
    await requestPasswordReset(submission.value, requestMeta(request, context))
  } catch (error) {
    return domainReply(submission, error, { schema: ForgotPasswordSchema })
  }
  // The same answer whether or not the address has an account.
  return redirect('/forgot-password?sent=1')
}

export default function ForgotPassword() {
  const { sent, mailLog } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'forgot-password',
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  if (sent) {
    return (
      <AuthCard title="Check your email">
        <div role="status" className="space-y-3 text-slate-700">
          <p>If an account exists for that address, we have sent it a link to choose a new password. The link works once, for one hour.</p>
          <p>
            Nothing arrived after a few minutes? Check your spam folder, or{' '}
            <Link to="/forgot-password" className="link">
              ask again
            </Link>
            .
          </p>
          {mailLog ? (
            <p className="text-sm text-slate-500">
              This site has no mail server configured; messages are kept in the{' '}
              <Link to="/dev/mail" className="link">
                mail log
              </Link>
              .
            </p>
          ) : null}
        </div>
      </AuthCard>
    )
  }
  return (
    <AuthCard title="Reset your password" subtitle="Enter the email you sign in with and we'll send you a link to choose a new password.">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <div className="flex items-center justify-between gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
            Send the link
          </button>
          <Link to="/login" className="link text-sm">
            Back to sign in
          </Link>
        </div>
      </Form>
    </AuthCard>
  )
}
