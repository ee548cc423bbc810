import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, replyFor, TextField } from '#app/components/forms.tsx'
import { changePassword, endOwnSession, getAccount, listOwnSessions, logoutEverywhere, logoutOtherSessions, updateAccountName } from '#app/features/auth/auth.server.ts'
import { AccountNameSchema, ChangePasswordFields, ChangePasswordSchema, PASSWORD_MIN, withPasswordConfirmation } from '#app/features/auth/schemas.ts'
import { lucia } from '#app/features/auth/lucia.server.ts'
import { ROLE_LABELS } from '#app/features/orgs/constants.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { requireActor, toResponse } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Account and sessions · Partner Hub' }]

const Intent = z.enum(['name', 'password', 'logout-session', 'logout-others', 'logout-everywhere'])
// Each form names itself (its hidden `intent`), so its reply echoes the intent and finds its way back.
const NameForm = AccountNameSchema.extend({ intent: z.literal('name') })
const PasswordForm = withPasswordConfirmation({ intent: z.literal('password'), ...ChangePasswordFields }, 'newPassword')
const HIDE_PASSWORDS = ['currentPassword', 'newPassword', 'confirmPassword']
const SessionKey = z.object({ key: z.string().regex(/^[0-9a-f]{16}$/, 'That session could not be found.') })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const [account, sessions] = await Promise.all([getAccount(actor), listOwnSessions(actor, context.sessionId)])
  return { account, sessions, orgName: actor.orgName, role: actor.role }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const meta = requestMeta(request, context)
  const formData = await readForm(request)
  const intent = Intent.safeParse(formData.get('intent'))
  if (!intent.success) throw new Response('Unknown action. Reload the page and try again.', { status: 400 })

  if (intent.data === 'logout-everywhere') {
    await logoutEverywhere(actor, meta)
    return redirectWithToast(
      '/login',
      { type: 'info', title: 'Signed out everywhere', description: 'Every device signed in to your account, this one included, was signed out.' },
      {
        headers: { 'Set-Cookie': lucia().createBlankSessionCookie().serialize() },
      },
    )
  }
  if (intent.data === 'logout-session') {
    const parsed = SessionKey.safeParse({ key: formData.get('key') })
    if (!parsed.success) return redirectWithToast('/settings/account', { type: 'error', title: 'That session could not be found; it may have ended already.' })
    try {
      const { sessionId } = await endOwnSession(actor, parsed.data.key, meta)
      if (sessionId === context.sessionId) {
        return redirectWithToast('/login', { type: 'info', title: 'Signed out' }, { headers: { 'Set-Cookie': lucia().createBlankSessionCookie().serialize() } })
      }
      return redirectWithToast('/settings/account', { type: 'success', title: 'Session signed out' })
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return redirectWithToast('/settings/account', { type: 'error', title: error.message })
      throw toResponse(error)
    }
  }
  if (intent.data === 'logout-others') {
    const n = await logoutOtherSessions(actor, context.sessionId, meta)
    return redirectWithToast('/settings/account', { type: 'success', title: n === 1 ? 'Signed out 1 other session' : `Signed out ${n} other sessions` })
  }

  if (intent.data === 'name') {
    const submission = parseSubmission(formData, NameForm)
    if (submission.status !== 'success') return invalidReply(submission, { schema: NameForm })
    try {
      await updateAccountName(actor, submission.value)
    } catch (error) {
      return domainReply(submission, error, { schema: NameForm })
    }
    return redirectWithToast('/settings/account', { type: 'success', title: 'Name saved' })
  }
  const submission = parseSubmission(formData, PasswordForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: PasswordForm, hideFields: HIDE_PASSWORDS })
  try {
    await changePassword(actor, submission.value, context.sessionId, meta)
  } catch (error) {
    return domainReply(submission, error, { schema: PasswordForm, hideFields: HIDE_PASSWORDS })
  }
  return redirectWithToast('/settings/account', { type: 'success', title: 'Password changed', description: 'Your other sessions were signed out.' })
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })

export default function Account() {
  const { account, sessions, orgName, role } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [nameForm, nameFields] = useForm({
    id: 'account-name',
    lastResult: replyFor(actionData, { intent: 'name' }),
    defaultValue: { name: account.name },
    constraint: getZodConstraint(AccountNameSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountNameSchema }),
  })
  const [passwordForm, passwordFields] = useForm({
    id: 'account-password',
    lastResult: replyFor(actionData, { intent: 'password' }),
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  const others = sessions.filter((s) => !s.current).length
  return (
    <main className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Account and sessions</h1>
        <p className="mt-1 text-slate-600">
          {account.email} · {ROLE_LABELS[role]} at {orgName}
        </p>
      </header>

      <section aria-labelledby="name-heading" className="card">
        <h2 id="name-heading" className="text-lg font-semibold">
          Your name
        </h2>
        <Form method="post" {...getFormProps(nameForm)} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
          <input type="hidden" name="intent" value="name" />
          <FormErrors id={nameForm.errorId} errors={nameForm.errors} />
          <TextField field={nameFields.name} label="Name" autoComplete="name" className="flex-1" />
          <button type="submit" className="btn-primary sm:mt-6">
            Save name
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <p className="mt-1 text-sm text-slate-600">Your other sessions are signed out when you change it.</p>
        <Form method="post" {...getFormProps(passwordForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" value={account.email} autoComplete="username" readOnly hidden />
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <TextField field={passwordFields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={passwordFields.newPassword} label="New password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
            <TextField field={passwordFields.confirmPassword} label="New password again" type="password" autoComplete="new-password" />
          </div>
          <button type="submit" className="btn-primary">
            Change password
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you&apos;re signed in
        </h2>
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium text-slate-900">{s.device}</span>
                {s.current ? <span className="badge ml-2 bg-emerald-100 text-emerald-800">this browser</span> : null}
                <span className="block text-slate-500">
                  Signed in {dateTime.format(new Date(s.createdAt))}
                  {s.ip ? ` from ${s.ip}` : ''} · expires {dateTime.format(new Date(s.expiresAt))} unless used
                </span>
              </span>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="logout-session" />
                  <input type="hidden" name="key" value={s.key} />
                  <button type="submit" className="btn-secondary px-2 py-1">
                    Sign out<span className="sr-only"> {s.device}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap gap-3">
          {others > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="logout-others" />
              <button type="submit" className="btn-secondary">
                Sign out {others === 1 ? 'the other session' : `the ${others} other sessions`}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="logout-everywhere" />
            <button type="submit" className="btn-danger">
              Log out everywhere
            </button>
          </Form>
        </div>
      </section>
    </main>
  )
}
