import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { listCategories } from '#app/features/listings/categories.server.ts'
import { handleEditorPost, type EditorActionData } from '#app/features/listings/editor.server.ts'
import { counterpartOptions } from '#app/features/listings/integrations.server.ts'
import { getListingForOwner } from '#app/features/listings/listings.server.ts'
import { ListingEditor } from '#app/features/listings/ui/listing-editor.tsx'
import { orThrowResponse, requireActor, requireParamId } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Edit listing · Partner Hub' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that listing')
  const view = await orThrowResponse(getListingForOwner(actor, id))
  if (!view.canEdit) throw new Response('Only the listing’s own organization can edit it.', { status: 403 })
  const base = view.draft && view.draft.status !== 'in_review' ? view.draft : (view.draft ?? view.published)
  const [categories, counterparts] = await Promise.all([listCategories(), counterpartOptions(actor)])
  return {
    id: view.listing.id,
    status: view.listing.status,
    inReview: view.draft?.status === 'in_review',
    startsNewVersion: !view.draft && Boolean(view.published),
    defaults: base
      ? {
          kind: view.listing.kind,
          title: base.title,
          slug: view.listing.slug,
          summary: base.summary,
          body: base.body,
          categoryIds: base.categoryIds,
          industries: base.industries,
          regions: base.regions,
          pricingModel: base.pricingModel,
          pricingDetails: base.pricingDetails ?? '',
          counterpartOrgId: base.counterpartOrgId ?? '',
        }
      : null,
    logoKey: base?.logoKey ?? null,
    screenshots: base?.screenshots.map((s) => ({ key: s.key, alt: s.alt })) ?? [],
    everPublished: Boolean(view.listing.publishedVersionId),
    rejectionReason: view.draft?.status === 'rejected' || (view.draft?.rejectionReason && view.draft.status === 'draft') ? view.draft.rejectionReason : null,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    counterparts,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const id = requireParamId(params.id, 'that listing')
  return handleEditorPost(request, actor, id)
}

export default function EditListing() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<EditorActionData>()
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/manage/listings/${d.id}`} className="link">
          ← Back to the listing
        </Link>
      </p>
      <h1 className="mb-4 mt-2 text-2xl font-bold text-slate-900">Edit listing</h1>
      {d.inReview ? (
        <p role="alert" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          This version is waiting for review. Withdraw it from review on the listing page before changing it.
        </p>
      ) : d.startsNewVersion ? (
        <p className="mb-6 rounded-md border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900">
          Your listing is live. Saving creates a new draft version; the published version stays live until our team approves the new one.
        </p>
      ) : null}
      {d.rejectionReason ? (
        <div role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">What the partner team asked you to change</p>
          <p className="mt-1 whitespace-pre-line">{d.rejectionReason}</p>
        </div>
      ) : null}
      <ListingEditor
        defaults={d.defaults}
        categories={d.categories}
        counterparts={d.counterparts}
        logoKey={d.logoKey}
        screenshots={d.screenshots}
        slugLocked={d.everPublished}
        kindLocked={d.everPublished}
        lastResult={actionData}
        serverPreview={actionData?.preview}
        submitLabel={d.startsNewVersion ? 'Save as new draft' : 'Save draft'}
      />
    </main>
  )
}
