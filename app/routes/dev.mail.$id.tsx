import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Linkified } from '#app/features/mail/linkify.tsx'
import { getMail, mailLogEnabled } from '#app/features/mail/mail.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? 'Mail'} · Mail log` }, { name: 'robots', content: 'noindex' }]

export async function loader({ params }: LoaderFunctionArgs) {
  if (!mailLogEnabled()) throw new Response('The mail log is only available when no mail server is configured.', { status: 404 })
  const id = params.id ?? ''
  const message = /^[a-z0-9]{1,64}$/.test(id) ? await getMail(id) : null
  if (!message) throw new Response('There is no message with that id in the mail log.', { status: 404 })
  return { message: { id: message.id, to: message.to, subject: message.subject, text: message.text, createdAt: message.createdAt } }
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' })

export default function MailMessage() {
  const { message } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/dev/mail?to=${encodeURIComponent(message.to)}`} className="link">
          ← Mail to {message.to}
        </Link>
      </p>
      <article className="card mt-4" data-testid="mail-message">
        <h1 className="text-xl font-semibold text-slate-900">{message.subject}</h1>
        <dl className="mt-2 grid grid-cols-[4rem_1fr] gap-1 text-sm text-slate-600">
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Queued</dt>
          <dd>{dateTime.format(new Date(message.createdAt))}</dd>
        </dl>
        <div className="mt-4 whitespace-pre-wrap border-t border-slate-100 pt-4 text-slate-800" data-testid="mail-body">
          <Linkified text={message.text} />
        </div>
      </article>
    </main>
  )
}
