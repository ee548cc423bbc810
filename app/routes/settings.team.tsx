import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, SelectField, TextField } from '#app/components/forms.tsx'
import { Pager } from '#app/components/pager.tsx'
import { endSession } from '#app/features/auth/session.server.ts'
import { ROLE_LABELS } from '#app/features/orgs/constants.ts'
import { ChangeRoleSchema, InviteSchema, RemoveMemberSchema, RevokeInvitationSchema } from '#app/features/orgs/schemas.ts'
import { changeMemberRole, inviteMember, listTeam, removeMember, revokeInvitation } from '#app/features/orgs/team.server.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { safeRedirectPath } from '#app/utils/safe-redirect.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Team · Partner Hub' }]

/** The invite form, and each row's buttons (revoke an invitation, change a role, remove a member). */
const TeamAction = z.discriminatedUnion('intent', [
  InviteSchema.extend({ intent: z.literal('invite') }),
  RevokeInvitationSchema.extend({ intent: z.literal('revoke') }),
  ChangeRoleSchema.extend({ intent: z.literal('change-role') }),
  RemoveMemberSchema.extend({ intent: z.literal('remove') }),
])

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = pageFromUrl(request)
  const team = await orThrowResponse(listTeam(actor, actor.orgId, { page }))
  return { team, orgName: actor.orgName }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const meta = requestMeta(request, context)
  const submission = parseSubmission(await readForm(request), TeamAction)
  const url = new URL(request.url)
  const back = safeRedirectPath(url.pathname + url.search)
  if (submission.status !== 'success') {
    // A row's form is only hidden ids and a choice: a bad one is a stale or forged form (400).
    return invalidReply(submission, { schema: TeamAction, idFields: ['intent', 'invitationId', 'userId'] })
  }
  const input = submission.value
  try {
    switch (input.intent) {
      case 'invite': {
        await inviteMember(actor, actor.orgId, input, meta)
        return redirectWithToast(back, { type: 'success', title: `Invitation sent to ${input.email}`, description: 'The link in it works for 7 days.' })
      }
      case 'revoke': {
        const { email } = await revokeInvitation(actor, actor.orgId, input, meta)
        return redirectWithToast(back, { type: 'success', title: `Invitation to ${email} revoked` })
      }
      case 'change-role': {
        const { name, changed } = await changeMemberRole(actor, actor.orgId, input, meta)
        return redirectWithToast(back, { type: changed ? 'success' : 'info', title: changed ? `${name} is now ${ROLE_LABELS[input.role].toLowerCase()}` : `${name} already has that role` })
      }
      case 'remove': {
        const { name, self } = await removeMember(actor, actor.orgId, input, meta)
        if (self) {
          const blank = context.sessionId ? await endSession(context.sessionId) : undefined
          return redirectWithToast('/', { type: 'info', title: `You left ${actor.orgName}` }, blank ? { headers: { 'Set-Cookie': blank } } : {})
        }
        return redirectWithToast(back, { type: 'success', title: `${name} was removed from the team`, description: 'They have been signed out everywhere.' })
      }
    }
  } catch (error) {
    // A row's refusal (the last admin, say) has no field to sit beside: it comes back as a toast.
    if (input.intent !== 'invite' && isDomainError(error) && (error.code === 'conflict' || error.code === 'invalid')) {
      return redirectWithToast(back, { type: 'error', title: error.message })
    }
    return domainReply(submission, error, { schema: TeamAction })
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })

export default function Team() {
  const { team, orgName } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const roleOptions = team.roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))
  const [form, fields] = useForm({
    // A new id after each invitation sent empties the form.
    id: `invite-${team.invitations[0]?.id ?? 'none'}`,
    lastResult: navigation.state === 'idle' ? lastResult : undefined,
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    defaultValue: { role: team.roles[team.roles.length - 1] },
  })
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Team</h1>
        <p className="mt-1 text-slate-600">
          People who sign in for {orgName}. {team.canManage ? 'As an admin you can invite people, change roles and remove members.' : 'Ask an admin to invite someone or change a role.'}
        </p>
      </header>

      {team.canManage ? (
        <section aria-labelledby="invite-heading" className="card">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-start">
            <input type="hidden" name="intent" value="invite" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
            <SelectField field={fields.role} label="Role" options={roleOptions} />
            <button type="submit" className="btn-primary sm:mt-6" disabled={navigation.state === 'submitting'}>
              Send invitation
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members <span className="badge ml-1">{team.total}</span>
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table table-stack" data-testid="members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {team.canManage ? (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {team.members.map((m) => (
                <tr key={m.userId}>
                  <td className="font-medium text-slate-900">
                    {m.name} {m.isYou ? <span className="badge">you</span> : null}
                  </td>
                  <td data-label="Email" className="break-all text-slate-600">
                    {m.email}
                  </td>
                  <td data-label="Role">
                    {team.canManage ? (
                      <Form method="post" className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <label className="sr-only" htmlFor={`role-${m.userId}`}>
                          Role for {m.name}
                        </label>
                        <select id={`role-${m.userId}`} name="role" defaultValue={m.role} className="input w-auto py-1">
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="btn-secondary px-2 py-1">
                          Save<span className="sr-only"> role for {m.name}</span>
                        </button>
                      </Form>
                    ) : (
                      <span className="badge">{ROLE_LABELS[m.role]}</span>
                    )}
                  </td>
                  <td data-label="Joined" className="whitespace-nowrap text-slate-600">
                    {dateFormat.format(new Date(m.joinedAt))}
                  </td>
                  {team.canManage ? (
                    <td className="sm:text-right">
                      <Form
                        method="post"
                        onSubmit={(event) => {
                          const question = m.isYou ? `Leave ${orgName}? You will be signed out.` : `Remove ${m.name} from ${orgName}? They will be signed out everywhere.`
                          if (!window.confirm(question)) event.preventDefault()
                        }}
                      >
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" className="btn-danger px-2 py-1">
                          {m.isYou ? 'Leave' : 'Remove'}
                          <span className="sr-only"> {m.name}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager page={team.page} pageCount={team.pageCount} label="Member pages" />
      </section>

      {team.canManage ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Pending invitations
          </h2>
          {team.invitations.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No open invitations. People you invite appear here until they join.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="invitations">
              {team.invitations.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                  <div>
                    <p className="font-medium text-slate-900">{inv.email}</p>
                    <p className="text-slate-600">
                      {ROLE_LABELS[inv.role]} · invited {inv.invitedBy ? `by ${inv.invitedBy} ` : ''}on {dateFormat.format(new Date(inv.createdAt))} · expires{' '}
                      {dateFormat.format(new Date(inv.expiresAt))}
                    </p>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={inv.id} />
                    <button type="submit" className="btn-secondary px-2 py-1">
                      Revoke<span className="sr-only"> invitation to {inv.email}</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </main>
  )
}
