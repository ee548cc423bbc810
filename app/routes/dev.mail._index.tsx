import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Pager } from '#app/components/pager.tsx'
import { listMail, mailLogEnabled } from '#app/features/mail/mail.server.ts'
import { pageParam, pageCountOf } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Mail log · Partner Hub' }, { name: 'robots', content: 'noindex' }]

const PAGE_SIZE = 50
const Query = z.object({
  page: pageParam,
  to: z.string().trim().max(254).optional().catch(undefined),
})

/** Every message the site would have sent, for development and the offline demo (no SMTP server). */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!mailLogEnabled()) throw new Response('The mail log is only available when no mail server is configured.', { status: 404 })
  const { page, to } = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const { rows, total } = await listMail({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, to: to || undefined })
  return {
    to: to ?? '',
    page,
    pageCount: pageCountOf(total, PAGE_SIZE),
    total,
    messages: rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, createdAt: m.createdAt, status: m.status })),
  }
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' })

export default function MailLog() {
  const { messages, to, page, pageCount, total } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Mail log</h1>
      <p className="mt-1 text-slate-600">No mail server is configured, so messages are kept here instead of being sent. Newest first.</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="to" className="label">
            Recipient
          </label>
          <input id="to" name="to" type="email" defaultValue={to} className="input" placeholder="name@company.com" />
        </div>
        <button type="submit" className="btn-secondary">
          Filter
        </button>
        {to ? (
          <Link to="/dev/mail" className="link text-sm">
            Show all
          </Link>
        ) : null}
      </Form>
      {messages.length === 0 ? (
        <p className="card mt-6 text-center text-slate-600">{to ? `No messages to ${to}.` : 'No messages yet. Mail appears here when someone applies, is invited or resets a password.'}</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="mail-log">
            <caption className="sr-only">{total} messages</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Queued</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {messages.map((m) => (
                <tr key={m.id}>
                  <td className="text-slate-600">{m.to}</td>
                  <td>
                    <Link to={`/dev/mail/${m.id}`} className="link">
                      {m.subject}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap text-slate-600">{dateTime.format(new Date(m.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} label="Mail pages" />
    </main>
  )
}
