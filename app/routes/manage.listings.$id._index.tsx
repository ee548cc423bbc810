import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { archiveListing, discardDraft, getListingForOwner, restoreListing, submitListing, withdrawListing } from '#app/features/listings/listings.server.ts'
import { ListingPageHeading, StatusBadge, VersionPreview } from '#app/features/listings/ui/components.tsx'
import { replyErrors, useFocusFirstError } from '#app/components/forms.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Listing'} · Your listings · Partner Hub` }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that listing')
  const view = await orThrowResponse(getListingForOwner(actor, id))
  const working = view.draft
  const shown = working ?? view.published
  return {
    listing: { id: view.listing.id, slug: view.listing.slug, kind: view.listing.kind, status: view.listing.status, archivedByVendor: view.listing.archivedByVendor },
    title: shown?.title ?? view.listing.slug,
    working: working
      ? {
          number: working.number,
          status: working.status,
          title: working.title,
          summary: working.summary,
          bodyHtml: working.bodyHtml,
          logoKey: working.logoKey,
          screenshots: working.screenshots,
          rejectionReason: working.rejectionReason,
          submittedAt: working.submittedAt,
        }
      : null,
    published: view.published ? { number: view.published.number, title: view.published.title, publishedAt: view.published.publishedAt } : null,
    versions: view.versions,
    integration: view.integration ? { status: view.integration.status, note: view.integration.note } : null,
    canEdit: view.canEdit,
    isAdmin: actor.role === 'partner_admin' || actor.role === 'vendor_admin',
  }
}

const Intent = z.object({ intent: z.enum(['submit', 'withdraw', 'discard', 'archive', 'restore'], { errorMap: () => ({ message: 'Unknown action.' }) }) })
const MESSAGES = {
  submit: 'Submitted for review. The partner team will look at it soon; you will get a notification and an email.',
  withdraw: 'Withdrawn from review. You can edit it again.',
  discard: 'Draft discarded. The published version is unchanged.',
  archive: 'Archived. It is no longer on the marketplace.',
  restore: 'Restored.',
} as const

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that listing')
  const submission = parseSubmission(await readForm(request), Intent)
  if (submission.status !== 'success') return invalidReply(submission, { schema: Intent })
  const { intent } = submission.value
  const run = { submit: submitListing, withdraw: withdrawListing, discard: discardDraft, archive: archiveListing, restore: restoreListing }[intent]
  try {
    await run(actor, id)
  } catch (error) {
    return domainReply(submission, error, { schema: Intent })
  }
  return redirectWithToast(`/manage/listings/${id}`, { type: 'success', title: MESSAGES[intent] })
}

export default function ManageListing() {
  const d = useLoaderData<typeof loader>()
  // Buttons only: a refusal shows above the listing.
  const errors = replyErrors(useActionData<typeof action>())
  useFocusFirstError(errors.length ? errors : null)
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const w = d.working
  const button = (intent: string, text: string, cls = 'btn-secondary') => (
    <Form method="post">
      <button type="submit" name="intent" value={intent} className={cls} disabled={busy}>
        {text}
      </button>
    </Form>
  )
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <ListingPageHeading back={{ to: '/manage/listings', label: 'Your listings' }} title={d.title} status={d.listing.status} kind={d.listing.kind} />
      <p className="mt-2 text-sm text-slate-600">
        Address:{' '}
        <Link to={`/listings/${d.listing.slug}`} className="link" data-testid="listing-address">
          /listings/{d.listing.slug}
        </Link>
        {d.listing.status === 'published' ? '' : ' (only your organization and the partner team can open it until it is published)'}
      </p>
      {d.published ? (
        <p className="mt-2 text-sm text-slate-600">
          Live: version {d.published.number}
          {d.listing.status === 'archived' ? (d.listing.archivedByVendor ? ' (archived by the partner team, not shown; ask them to restore it)' : ' (archived, not shown)') : ''}
        </p>
      ) : null}
      {errors.length ? (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {errors.join(' ')}
        </p>
      ) : null}
      {w?.status === 'rejected' || (w?.status === 'draft' && w.rejectionReason) ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="rejection-reason">
          <p className="font-semibold">Version {w.number} was not approved. The partner team wrote:</p>
          <p className="mt-1 whitespace-pre-line">{w.rejectionReason}</p>
        </div>
      ) : null}
      {d.integration ? (
        <p className="mt-4 text-sm">
          Integration: <StatusBadge status={d.integration.status} />
          {d.integration.note ? <span className="ml-2 text-slate-600">“{d.integration.note}”</span> : null}
        </p>
      ) : null}

      {d.canEdit ? (
        <div className="mt-6 flex flex-wrap gap-3" data-testid="listing-actions">
          {d.listing.status !== 'archived' && w?.status !== 'in_review' ? (
            <Link to={`/manage/listings/${d.listing.id}/edit`} className="btn-secondary">
              {w ? 'Edit draft' : 'Edit (creates a new version)'}
            </Link>
          ) : null}
          {w?.status === 'draft' && d.listing.status !== 'archived' ? button('submit', 'Submit for review', 'btn-primary') : null}
          {w?.status === 'in_review' ? button('withdraw', 'Withdraw from review') : null}
          {w && d.published && d.listing.status !== 'archived' ? button('discard', 'Discard draft') : null}
          {d.isAdmin && d.listing.status !== 'archived' ? button('archive', 'Archive', 'btn-danger') : null}
          {d.isAdmin && d.listing.status === 'archived' && !d.listing.archivedByVendor ? button('restore', 'Restore') : null}
        </div>
      ) : null}

      {w ? (
        <section aria-labelledby="draft-preview" className="mt-8">
          <h2 id="draft-preview" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Preview of version {w.number} <StatusBadge status={w.status} />
          </h2>
          <VersionPreview version={w} testId="draft-preview" />
        </section>
      ) : null}

      <section aria-labelledby="versions" className="mt-10">
        <h2 id="versions" className="text-lg font-semibold text-slate-900">
          Versions
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.versions.map((v) => (
                <tr key={v.id}>
                  <td>{v.number}</td>
                  <td>{v.title}</td>
                  <td>
                    <StatusBadge status={v.status} />
                  </td>
                  <td className="whitespace-nowrap">{v.submittedAt ? new Date(v.submittedAt).toLocaleString('en') : '—'}</td>
                  <td className="whitespace-nowrap">{v.publishedAt ? new Date(v.publishedAt).toLocaleString('en') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  )
}
