import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Pager } from '#app/components/pager.tsx'
import { countNotifications, getPreferences, markNotificationRead, updatePreferences } from '#app/features/notifications/delivery.server.ts'
import { listNotifications, markAllRead } from '#app/features/notifications/notifications.server.ts'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { replyErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { formIdSchema, requireActor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { safeRedirectPath } from '#app/utils/safe-redirect.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { pageFromUrl, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Partner Hub' }]
const PAGE = 30

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = pageFromUrl(request)
  const [items, total, preferences] = await Promise.all([listNotifications(actor, { limit: PAGE, offset: (page - 1) * PAGE }), countNotifications(actor), getPreferences(actor)])
  return data({ items, total, page, preferences })
}

const NotificationForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: formIdSchema('notification'), to: z.string().max(2000).optional() }),
  z.object({ intent: z.literal('readAll') }),
  z.object({ intent: z.literal('preferences') }),
])

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const form = await readForm(request)
  const submission = parseSubmission(form, NotificationForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: NotificationForm, idFields: ['id'] })
  const value = submission.value
  try {
    if (value.intent === 'read') {
      await markNotificationRead(actor, value.id)
      return redirectWithToast(safeRedirectPath(value.to, '/notifications'), { type: 'info', title: 'Marked as read' })
    }
    if (value.intent === 'readAll') {
      await markAllRead(actor)
      return redirectWithToast('/notifications', { type: 'success', title: 'All notifications marked as read' })
    }
    // One field per notification kind (`<kind>.inApp`, `<kind>.email`): the domain checks them.
    await updatePreferences(actor, Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])))
    return redirectWithToast('/notifications#preferences', { type: 'success', title: 'Preferences saved' })
  } catch (error) {
    return domainReply(submission, error, { schema: NotificationForm })
  }
}

export default function Notifications() {
  const { items, total, page, preferences } = useLoaderData<typeof loader>()
  // Buttons and choices only: a refusal shows at the top.
  const errors = replyErrors(useActionData<typeof action>())
  useFocusFirstError(errors.length ? errors : null)
  const unread = items.some((n) => !n.readAt)
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <LiveRefresh types={['notification.created']} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Notifications</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button className="btn-secondary">Mark all as read</button>
          </Form>
        ) : null}
      </div>
      {errors.length ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.join(' ')}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600" data-testid="notifications-empty">
          Nothing yet. You will hear here about referrals, fees and endorsements.
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${n.readAt ? '' : 'bg-brand-50'}`} data-testid="notification">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {n.link ? (
                    <Link to={n.link} className="link">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body ? <p className="text-sm text-slate-600">{n.body}</p> : null}
                <time className="text-xs text-slate-600" dateTime={n.createdAt as unknown as string}>
                  {new Date(n.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC
                </time>
              </div>
              {n.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button className="btn-secondary text-xs">Mark read</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCountOf(total, PAGE)} />

      <section id="preferences" aria-labelledby="prefs" className="card mt-10">
        <h2 id="prefs" className="text-lg font-semibold">
          What you receive
        </h2>
        <p className="text-sm text-slate-600">For each kind of update: in the bell here, and by e-mail right away, in one daily digest, or not at all.</p>
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="preferences" />
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Update</th>
                  <th scope="col">In the bell</th>
                  <th scope="col">E-mail</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preferences.map((p) => (
                  <tr key={p.kind}>
                    <td>
                      <label htmlFor={`${p.kind}-email`}>{p.label}</label>
                    </td>
                    <td>
                      <input type="checkbox" name={`${p.kind}.inApp`} defaultChecked={p.inApp} aria-label={`${p.label}: in the bell`} />
                    </td>
                    <td>
                      <select id={`${p.kind}-email`} name={`${p.kind}.email`} defaultValue={p.email} className="input">
                        <option value="immediate">Right away</option>
                        <option value="daily">Daily digest</option>
                        <option value="off">Off</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button className="btn-primary mt-4">Save preferences</button>
        </Form>
      </section>
    </main>
  )
}
