import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, replyErrors, replyFor } from '#app/components/forms.tsx'
import { approveListing, archiveListing, rejectListing, restoreListing, reviewItem, setFeatured } from '#app/features/listings/listings.server.ts'
import { ApproveSchema, RejectSchema } from '#app/features/listings/schemas.ts'
import { ListingPageHeading, VersionPreview, formatAge } from '#app/features/listings/ui/components.tsx'
import { orThrowResponse, requireParamId, requireVendor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review: ${data?.title ?? 'listing'} · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const id = requireParamId(params.id, 'that listing')
  const item = await orThrowResponse(reviewItem(actor, id))
  const c = item.candidate
  return {
    listing: { id: item.listing.id, slug: item.listing.slug, kind: item.listing.kind, status: item.listing.status, featured: item.listing.featured, archivedByVendor: item.listing.archivedByVendor },
    org: { name: item.org.name, slug: item.org.slug, status: item.org.status, tier: item.org.tier },
    title: c?.title ?? item.published?.title ?? item.listing.slug,
    candidate: c
      ? {
          number: c.number,
          status: c.status,
          title: c.title,
          summary: c.summary,
          bodyHtml: c.bodyHtml,
          screenshots: c.screenshots,
          logoKey: c.logoKey,
          submittedAt: c.submittedAt,
          rejectionReason: c.rejectionReason,
        }
      : null,
    published: item.published ? { number: item.published.number, title: item.published.title } : null,
    changes: item.changes,
    flags: item.flags,
    ageHours: c?.submittedAt ? (Date.now() - new Date(c.submittedAt).getTime()) / 3_600_000 : 0,
  }
}

const Intent = z.discriminatedUnion('intent', [
  ApproveSchema,
  RejectSchema,
  z.object({ intent: z.literal('feature'), featured: z.enum(['true', 'false']) }),
  z.object({ intent: z.literal('archive') }),
  z.object({ intent: z.literal('restore') }),
])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const id = requireParamId(params.id, 'that listing')
  const submission = parseSubmission(await readForm(request), Intent)
  if (submission.status !== 'success') return invalidReply(submission, { schema: Intent })
  const value = submission.value
  try {
    if (value.intent === 'approve') {
      await approveListing(actor, id, value)
      return redirectWithToast('/admin/listings', { type: 'success', title: 'Approved and published', description: 'The partner was notified.' })
    }
    if (value.intent === 'reject') {
      await rejectListing(actor, id, value)
      return redirectWithToast('/admin/listings', { type: 'success', title: 'Rejected', description: 'The partner sees your reason.' })
    }
    if (value.intent === 'feature') {
      await setFeatured(actor, id, value.featured === 'true')
      return redirectWithToast(`/admin/listings/${id}`, { type: 'success', title: value.featured === 'true' ? 'Featured on the marketplace' : 'No longer featured' })
    }
    if (value.intent === 'restore') {
      await restoreListing(actor, id)
      return redirectWithToast(`/admin/listings/${id}`, { type: 'success', title: 'Restored', description: 'The partner can edit it again.' })
    }
    await archiveListing(actor, id)
    return redirectWithToast(`/admin/listings/${id}`, { type: 'success', title: 'Archived', description: 'Only the partner team can restore it.' })
  } catch (error) {
    return domainReply(submission, error, { schema: Intent })
  }
}

function DiffText({ parts }: { parts: { value: string; added?: boolean; removed?: boolean }[] }) {
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-relaxed">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="bg-green-100 text-green-900 no-underline" aria-label={`added: ${p.value}`}>
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="bg-red-100 text-red-900" aria-label={`removed: ${p.value}`}>
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </p>
  )
}

/** A list field's diff as one chip per item (labels such as "Europe, Middle East and Africa" hold commas). */
function DiffItems({ parts }: { parts: { value: string; added?: boolean; removed?: boolean }[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5 text-sm">
      {parts.map((p, i) => (
        <li key={i} className={`rounded-full px-2 py-0.5 ${p.added ? 'bg-green-100 text-green-900' : p.removed ? 'bg-red-100 text-red-900 line-through' : 'bg-slate-100 text-slate-700'}`}>
          {p.added ? <span className="sr-only">added: </span> : p.removed ? <span className="sr-only">removed: </span> : null}
          {p.value}
        </li>
      ))}
    </ul>
  )
}

export default function ReviewListing() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  // The reject form shows its errors beside the reason; the buttons' errors show at the top.
  const rejectResult = replyFor(lastResult, { intent: 'reject' })
  const topErrors = rejectResult ? [] : replyErrors(lastResult)
  const [rejectForm, rejectFields] = useForm({
    id: 'reject',
    lastResult: rejectResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RejectSchema }),
    shouldValidate: 'onSubmit',
  })
  const c = d.candidate
  const flags = d.flags
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <ListingPageHeading back={{ to: '/admin/listings', label: 'Review queue' }} title={d.title} status={d.listing.status} kind={d.listing.kind}>
        {d.listing.featured ? <span className="badge bg-brand-100 text-brand-800">Featured</span> : null}
      </ListingPageHeading>
      <p className="mt-1 text-sm text-slate-600">
        by{' '}
        <Link to={`/partners/${d.org.slug}`} className="link">
          {d.org.name}
        </Link>{' '}
        · {c ? `version ${c.number}, ${c.status === 'in_review' ? `waiting ${formatAge(d.ageHours)}` : c.status}` : 'nothing pending'}
        {d.published ? ` · live: version ${d.published.number}` : ' · never published'}
      </p>
      {topErrors.length ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {topErrors.join(' ')}
        </p>
      ) : null}

      {flags.keywordStuffing || flags.nearDuplicates?.length ? (
        <section aria-labelledby="flags" className="mt-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="review-flags">
          <h2 id="flags" className="font-semibold">
            Flags
          </h2>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {flags.keywordStuffing?.longTitle ? <li>Over-long or keyword-list title.</li> : null}
            {flags.keywordStuffing?.terms.length ? <li>Repeated terms: {flags.keywordStuffing.terms.map((t) => `“${t.term}” ×${t.count}`).join(', ')}</li> : null}
            {flags.nearDuplicates?.map((n) => (
              <li key={n.listingId}>
                {Math.round(n.similarity * 100)}% similar to{' '}
                <Link to={`/listings/${n.slug}`} className="link">
                  {n.title}
                </Link>{' '}
                by {n.orgName}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="diff" className="mt-8">
        <h2 id="diff" className="text-lg font-semibold text-slate-900">
          {d.published ? `Changes since the published version ${d.published.number}` : 'New listing (everything is new)'}
        </h2>
        {d.changes.length === 0 ? (
          <p className="mt-2 text-slate-600">No changes.</p>
        ) : (
          <dl className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="review-diff">
            {d.changes.map((ch) => (
              <div key={ch.field} className="grid gap-2 px-4 py-3 sm:grid-cols-[10rem_1fr]" data-field={ch.field}>
                <dt className="text-sm font-semibold text-slate-700">{ch.label}</dt>
                <dd>
                  {ch.parts ? (
                    ch.field === 'categories' || ch.field === 'industries' || ch.field === 'regions' || ch.field === 'screenshots' ? (
                      <DiffItems parts={ch.parts} />
                    ) : (
                      <DiffText parts={ch.parts} />
                    )
                  ) : (
                    <p className="text-sm">
                      {ch.before ? <del className="bg-red-100">{ch.before}</del> : null} {ch.after ? <ins className="bg-green-100 no-underline">{ch.after}</ins> : '(removed)'}
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {c ? (
        <section aria-labelledby="candidate" className="mt-8">
          <h2 id="candidate" className="text-lg font-semibold text-slate-900">
            How version {c.number} will look
          </h2>
          <VersionPreview version={c} />
        </section>
      ) : null}

      {c?.status === 'in_review' ? (
        <section aria-labelledby="decide" className="mt-8 grid gap-6 md:grid-cols-2">
          <h2 id="decide" className="sr-only">
            Decision
          </h2>
          <Form method="post" className="card space-y-3">
            <input type="hidden" name="intent" value="approve" />
            <label htmlFor="note" className="label">
              Note to the partner (optional)
            </label>
            <textarea id="note" name="note" rows={3} maxLength={1000} className="input" />
            <button type="submit" className="btn-primary">
              Approve and publish
            </button>
          </Form>
          <Form method="post" {...getFormProps(rejectForm)} className="card space-y-3">
            <input type="hidden" name="intent" value="reject" />
            <label htmlFor={rejectFields.reason.id} className="label">
              Reason (the partner sees this)
            </label>
            <textarea {...getTextareaProps(rejectFields.reason)} rows={3} className="input" />
            <ErrorList id={rejectFields.reason.errorId} errors={rejectFields.reason.errors} />
            <button type="submit" className="btn-danger">
              Reject
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-label="Other actions" className="mt-8 flex flex-wrap gap-3">
        {d.listing.status === 'published' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="feature" />
            <button type="submit" name="featured" value={d.listing.featured ? 'false' : 'true'} className="btn-secondary">
              {d.listing.featured ? 'Stop featuring' : 'Feature on the marketplace'}
            </button>
          </Form>
        ) : null}
        {d.listing.status !== 'archived' ? (
          <Form method="post">
            <button type="submit" name="intent" value="archive" className="btn-secondary">
              Archive (take off the marketplace)
            </button>
          </Form>
        ) : d.listing.archivedByVendor ? (
          <Form method="post">
            <button type="submit" name="intent" value="restore" className="btn-secondary">
              Restore (the partner team archived it)
            </button>
          </Form>
        ) : (
          <p className="text-sm text-slate-600">The partner archived this listing; only they can restore it.</p>
        )}
      </section>
    </main>
  )
}
