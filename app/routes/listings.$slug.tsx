import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getListingPage } from '#app/features/listings/public.server.ts'
import { KIND_LABELS, PRICING_LABELS } from '#app/features/listings/schemas.ts'
import { publicCacheHeaders, siteOrigin } from '#app/features/listings/seo.server.ts'
import { seoMeta } from '#app/features/listings/seo.ts'
import { Logo, Prose, StatusBadge, TierBadge, label, mediaUrl } from '#app/features/listings/ui/components.tsx'
import { orThrowResponse } from '#app/utils/guards.server.ts'
import { useOptionalUser } from '#app/root.tsx'
import { contactHref } from '#app/features/leads/links.ts'
import { countListingViewInBackground } from '#app/features/leads/views.server.ts'
import { cosellHref, referHref } from '#app/utils/start-links.ts'

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const slug = z.string().max(100).parse(params.slug)
  const page = await orThrowResponse(getListingPage(context.actor, slug))
  // One view for the partner's numbers (robots and its own organization are not counted; pages
  // served from the page cache are counted by its hit hook instead).
  if (page.isPublic) countListingViewInBackground({ id: page.listing.id }, { orgId: context.actor?.orgId, userAgent: request.headers.get('user-agent') })
  const origin = siteOrigin()
  const l = page.listing
  return data(
    {
      ...page,
      seo: {
        title: `${l.title} by ${l.org_name}`,
        description: l.summary ?? '',
        canonical: `${origin}/listings/${l.slug}`,
        image: l.logo_key ? `${origin}/uploads/${l.logo_key}` : null,
        type: 'article' as const,
        noindex: !page.isPublic,
      },
    },
    // A listing that is not public must never sit in a shared cache.
    { headers: page.isPublic ? publicCacheHeaders(Boolean(context.actor)) : { 'Cache-Control': 'private, no-store' } },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function ListingPage() {
  const { listing: l, isPublic, canManage } = useLoaderData<typeof loader>()
  const user = useOptionalUser()
  const screenshots = l.screenshots ?? []
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      {!isPublic ? (
        <div role="status" className="mb-6 flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <StatusBadge status={l.status} /> This listing is not public. Only {canManage ? 'your organization' : 'its organization'} and the partner team can see this page.
          {canManage ? (
            <Link to={`/manage/listings/${l.id}`} className="link ml-auto">
              Manage listing
            </Link>
          ) : null}
        </div>
      ) : canManage ? (
        <p className="mb-4 text-right text-sm">
          <Link to={`/manage/listings/${l.id}`} className="link">
            Manage this listing
          </Link>
        </p>
      ) : null}
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link to="/marketplace" className="link">
          Marketplace
        </Link>
        {l.categories?.[0] ? (
          <>
            {' '}
            /{' '}
            <Link to={`/marketplace/category/${l.categories[0].slug}`} className="link">
              {l.categories[0].name}
            </Link>
          </>
        ) : null}
      </nav>
      <header className="mt-4 flex flex-wrap items-start gap-4">
        <Logo src={mediaUrl(l.logo_key)} name={l.title ?? ''} size={80} />
        <div className="min-w-0 flex-1">
          <h1 className="break-words text-3xl font-bold tracking-tight text-slate-900" data-testid="listing-title">
            {l.title}
          </h1>
          <p className="mt-1 text-slate-600">
            by{' '}
            <Link to={`/partners/${l.org_slug}`} className="link font-medium">
              {l.org_name}
            </Link>{' '}
            <TierBadge tier={l.org_tier} />
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <span className="badge">{KIND_LABELS[l.kind as keyof typeof KIND_LABELS]}</span>
            <span className="badge">
              {PRICING_LABELS[l.pricing_model as keyof typeof PRICING_LABELS]}
              {l.pricing_details ? ` · ${l.pricing_details}` : ''}
            </span>
          </div>
        </div>
        {isPublic && !canManage ? (
          <div className="flex w-full flex-wrap gap-2 sm:w-auto">
            <Link to={contactHref(l.org_slug, l.slug)} className={user?.orgKind === 'partner' ? 'btn-secondary' : 'btn-primary'} data-testid="listing-contact">
              Request a demo
            </Link>
          </div>
        ) : null}
        {user && !canManage && user.orgKind === 'partner' && user.orgStatus === 'active' && isPublic ? (
          <div className="flex w-full flex-wrap gap-2 sm:w-auto" data-testid="listing-actions">
            <Link to={referHref({ to: l.org_slug, need: `Interested in ${l.org_name}’s “${l.title}”.` })} className="btn-primary" data-testid="listing-refer">
              Refer a customer
            </Link>
            <Link to={cosellHref({ invite: l.org_slug, message: `About your listing “${l.title}”.` })} className="btn-secondary" data-testid="listing-cosell">
              Co-sell with {l.org_name}
            </Link>
          </div>
        ) : null}
      </header>

      <p className="mt-6 text-lg text-slate-700" data-testid="listing-summary">
        {l.summary}
      </p>

      {l.kind === 'integration' && l.counterpart_name ? (
        <p className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="works-with">
          Works with{' '}
          <Link to={`/partners/${l.counterpart_slug}`} className="link font-medium">
            {l.counterpart_name}
          </Link>
          {l.integration_status === 'confirmed' ? (
            <span className="badge ml-2 bg-green-100 text-green-800">Confirmed by {l.counterpart_name}</span>
          ) : (
            <span className="badge ml-2">Not yet confirmed by {l.counterpart_name}</span>
          )}
        </p>
      ) : null}

      {screenshots.length > 0 ? (
        <section aria-label="Screenshots" className="mt-8">
          <ul className="flex snap-x gap-4 overflow-x-auto pb-2">
            {screenshots.map((s) => (
              <li key={s.key} className="shrink-0 snap-start">
                <a href={`/uploads/${s.key}`}>
                  <img src={`/uploads/${s.key}`} alt={s.alt} width={s.width} height={s.height} loading="lazy" className="h-56 w-auto rounded-md border border-slate-200 bg-white object-contain" />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_16rem]">
        <article>
          <Prose html={l.body_html ?? ''} />
        </article>
        <aside className="space-y-4 text-sm">
          {l.categories && l.categories.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Categories</h2>
              <ul className="mt-1 space-y-1">
                {l.categories.map((c) => (
                  <li key={c.slug}>
                    <Link to={`/marketplace/category/${c.slug}`} className="link">
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {l.industries && l.industries.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Industries</h2>
              <p className="mt-1 text-slate-700">{l.industries.map(label).join(', ')}</p>
            </div>
          ) : null}
          {l.regions && l.regions.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Regions</h2>
              <p className="mt-1 text-slate-700">{l.regions.join(', ')}</p>
            </div>
          ) : null}
          {l.org_website ? (
            <div>
              <h2 className="font-semibold text-slate-900">Website</h2>
              <a href={l.org_website} rel="nofollow noopener noreferrer" className="link break-all">
                {l.org_website.replace(/^https?:\/\//, '')}
              </a>
            </div>
          ) : null}
        </aside>
      </div>
    </main>
  )
}
