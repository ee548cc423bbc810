import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, TextField } from '#app/components/forms.tsx'
import { AuthCard } from '#app/features/auth/auth-card.tsx'
import { AcceptInvitationSchema, PASSWORD_MIN } from '#app/features/auth/schemas.ts'
import { endSession, startSession } from '#app/features/auth/session.server.ts'
import { ROLE_LABELS } from '#app/features/orgs/constants.ts'
import { acceptInvitation, getInvitation } from '#app/features/orgs/team.server.ts'
import { deviceOf, domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Join your team · Partner Hub' }, { name: 'referrer', content: 'no-referrer' }]

const HIDE = ['password', 'confirmPassword']

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await getInvitation(params.token ?? '')
  return { invitation, signedInAs: context.actor ? { email: context.actor.email, name: context.actor.name } : null }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readForm(request), AcceptInvitationSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: AcceptInvitationSchema, hideFields: HIDE })
  let joined: Awaited<ReturnType<typeof acceptInvitation>>
  try {
    joined = await acceptInvitation(params.token ?? '', submission.value, requestMeta(request, context))
  } catch (error) {
    return domainReply(submission, error, { schema: AcceptInvitationSchema, hideFields: HIDE })
  }
  // Whoever was signed in on this browser before is signed out; the new member is signed in.
  if (context.sessionId) await endSession(context.sessionId)
  const { cookie } = await startSession(joined.userId, deviceOf(request, context))
  return redirectWithToast('/', { type: 'success', title: `Welcome to ${joined.orgName}`, description: 'Your account is ready.' }, { headers: { 'Set-Cookie': cookie } })
}

export default function AcceptInvite() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'accept-invitation',
    lastResult,
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  })
  if (invitation.state !== 'valid') {
    return (
      <AuthCard title="This invitation can't be used">
        <p className="text-slate-700">{invitation.message}</p>
        <div className="mt-4 flex gap-3">
          <Link to="/login" className="btn-primary">
            Sign in
          </Link>
          <Link to="/" className="btn-secondary">
            Home
          </Link>
        </div>
      </AuthCard>
    )
  }
  if ('emailRegistered' in invitation && invitation.emailRegistered) {
    return (
      <AuthCard title={`Join ${invitation.orgName}`}>
        <p role="alert" className="text-slate-700">
          {invitation.message}
        </p>
        <Link to="/login" className="btn-primary mt-4">
          Sign in
        </Link>
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title={`Join ${invitation.orgName} on Partner Hub`}
      subtitle={
        <>
          You were invited as <strong>{ROLE_LABELS[invitation.role!]}</strong> with <strong>{invitation.email}</strong>. Set your name and a password to finish.
        </>
      }
    >
      {signedInAs ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You are signed in as {signedInAs.email}. Accepting signs you out of that account and into the new one.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="text" name="username" value={invitation.email} autoComplete="username" readOnly hidden />
        <TextField field={fields.name} label="Your name" autoComplete="name" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
        <TextField field={fields.confirmPassword} label="Password again" type="password" autoComplete="new-password" />
        <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
          Join {invitation.orgName}
        </button>
      </Form>
    </AuthCard>
  )
}
