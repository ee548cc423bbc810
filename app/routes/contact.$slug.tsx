import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { FormErrors, TextareaField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { contactTarget, submitLead } from '#app/features/leads/leads.server.ts'
import { HONEYPOT_FIELD, LEAD_MESSAGE_MAX, LeadSchema } from '#app/features/leads/schemas.ts'
import { readForm } from '#app/utils/form.server.ts'
import { orThrowResponse } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission, requestMeta } from '#app/utils/submission.server.ts'

const Params = z.object({ slug: z.string().min(1).max(120) })
const Query = z.object({ listing: z.string().max(200).optional().catch(undefined), sent: z.literal('1').optional().catch(undefined) })
const HIDE = [HONEYPOT_FIELD]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Contact ${data.org.name} · Partner Hub` : 'Contact a partner · Partner Hub' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = Params.parse(params)
  const { listing, sent } = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const target = await orThrowResponse(contactTarget(slug, listing))
  return { ...target, sent: sent === '1' }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { slug } = Params.parse(params)
  const formData = await readForm(request, { maxBytes: 64 * 1024 })
  const submission = parseSubmission(formData, LeadSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: LeadSchema, hideFields: HIDE })
  try {
    await submitLead(context.actor ?? null, slug, submission.value, requestMeta(request, context))
  } catch (error) {
    return domainReply(submission, error, { schema: LeadSchema, hideFields: HIDE })
  }
  const search = new URLSearchParams({ sent: '1' })
  if (submission.value.listing) search.set('listing', submission.value.listing)
  return redirect(`/contact/${encodeURIComponent(slug)}?${search}`)
}

export default function ContactPartner() {
  const { org, listing, sent } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'contact',
    lastResult,
    constraint: getZodConstraint(LeadSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LeadSchema }),
  })
  useFocusFirstError(lastResult)
  const back = listing ? { to: `/listings/${listing.slug}`, label: listing.title } : { to: `/partners/${org.slug}`, label: org.name }
  return (
    <main className="mx-auto max-w-2xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link to={back.to} className="link">
          ← Back to {back.label}
        </Link>
      </nav>
      <h1 className="mt-4 text-2xl font-bold text-slate-900">{listing ? `Request a demo of ${listing.title}` : `Contact ${org.name}`}</h1>
      {sent ? (
        <div role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-5 text-green-900" data-testid="lead-sent">
          <p className="font-semibold">Your message is on its way to {org.name}.</p>
          <p className="mt-1 text-sm">They will reply to the work email you gave. No account is needed.</p>
          <p className="mt-3 text-sm">
            <Link to={back.to} className="link">
              Back to {back.label}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mt-2 text-slate-600">Tell {org.name} what you need; your message goes straight to their team, who will answer by email. You do not need an account.</p>
          <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="lead-form">
            <FormErrors id={form.errorId} errors={form.errors} />
            {listing ? <input type="hidden" name="listing" value={listing.slug} /> : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField field={fields.name} label="Your name" autoComplete="name" />
              <TextField field={fields.email} label="Work email" type="email" autoComplete="email" />
            </div>
            <TextField field={fields.company} label="Company" autoComplete="organization" />
            <TextareaField field={fields.message} label="Message" rows={6} hint={`What are you looking for, and by when? At most ${LEAD_MESSAGE_MAX.toLocaleString('en-US')} characters.`} />
            {/* A honeypot: hidden from people and assistive technology, filled by form-filling bots. */}
            <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
              <label htmlFor="contact-website">Leave this field empty</label>
              <input id="contact-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
            </div>
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Sending…' : 'Send message'}
            </button>
          </Form>
        </>
      )}
    </main>
  )
}
