import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getPartnerPage } from '#app/features/listings/profiles.server.ts'
import { publicCacheHeaders, siteOrigin } from '#app/features/listings/seo.server.ts'
import { seoMeta } from '#app/features/listings/seo.ts'
import { CardGrid, Logo, StatusBadge, TierBadge, label } from '#app/features/listings/ui/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { orThrowResponse } from '#app/utils/guards.server.ts'
import { Stars } from '#app/features/referrals/ui/components.tsx'
import { contactHref } from '#app/features/leads/links.ts'
import { cosellHref, referHref } from '#app/utils/start-links.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = z.string().max(120).parse(params.slug)
  const page = pageFromUrl(request)
  const result = await orThrowResponse(getPartnerPage(context.actor, slug, { page }))
  const origin = siteOrigin()
  const org = result.org
  return data(
    {
      org: {
        id: org.id,
        name: org.name,
        slug: org.slug,
        kind: org.kind,
        status: org.status,
        tagline: org.tagline,
        description: org.description,
        partnerType: org.partnerType,
        tier: org.tier,
        regions: org.regions,
        industries: org.industries,
        skills: org.skills,
        website: org.website,
        logoUrl: org.logoUrl,
      },
      listings: result.listings,
      integrations: result.integrations,
      isPublic: result.isPublic,
      isOwn: context.actor?.orgId === org.id,
      endorsements: result.endorsements,
      seo: {
        title: org.tagline ? `${org.name} — ${org.tagline}` : org.name,
        description: org.description ?? org.tagline ?? `${org.name} on Partner Hub: services, solutions, apps and integrations.`,
        canonical: `${origin}/partners/${org.slug}`,
        image: org.logoUrl ? `${origin}${org.logoUrl}` : null,
        type: 'profile' as const,
        noindex: !result.isPublic,
      },
    },
    { headers: result.isPublic ? publicCacheHeaders(Boolean(context.actor)) : { 'Cache-Control': 'private, no-store' } },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function PartnerPage() {
  const { org, listings, integrations, isPublic, isOwn, endorsements } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      {!isPublic ? (
        <div role="status" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <StatusBadge status={org.status} /> This profile is not public while the organization is {org.status}.
        </div>
      ) : null}
      <header className="flex flex-wrap items-start gap-5">
        <Logo src={org.logoUrl} name={org.name} size={96} />
        <div className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900" data-testid="partner-name">
            {org.name}
          </h1>
          {org.tagline ? <p className="mt-1 text-lg text-slate-600">{org.tagline}</p> : null}
          {endorsements ? (
            <div className="mt-2">
              <Stars average={endorsements.average} count={endorsements.count} />
            </div>
          ) : null}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            {org.kind === 'vendor' ? <span className="badge bg-brand-100 text-brand-800">Vendor</span> : null}
            {org.partnerType ? <span className="badge">{label(org.partnerType)}</span> : null}
            <TierBadge tier={org.tier} />
            {org.website ? (
              <a href={org.website} rel="nofollow noopener noreferrer" className="link text-sm">
                {org.website.replace(/^https?:\/\//, '')}
              </a>
            ) : null}
          </div>
        </div>
        {/* Actions other capabilities add for this partner (e.g. "Refer a customer"): partner-actions slot. */}
        <div data-slot="partner-actions" className="flex flex-wrap gap-2">
          {isOwn ? (
            <Link to="/settings/profile" className="btn-secondary">
              Edit profile
            </Link>
          ) : null}
          {!isOwn && isPublic ? (
            <Link to={contactHref(org.slug)} className="btn-secondary" data-testid="partner-contact">
              Contact {org.name}
            </Link>
          ) : null}
          {!isOwn && org.kind === 'partner' ? (
            <Link to={`/connections/request?partner=${encodeURIComponent(org.slug)}`} className="btn-secondary">
              Request connection
            </Link>
          ) : null}
          {!isOwn && org.kind === 'partner' && org.status === 'active' ? (
            <Link to={cosellHref({ invite: org.slug })} className="btn-secondary" data-testid="cosell-with">
              Co-sell with {org.name}
            </Link>
          ) : null}
          {!isOwn && org.kind === 'partner' && org.status === 'active' ? (
            <Link to={referHref({ to: org.slug })} className="btn-primary" data-testid="refer-customer">
              Refer a customer
            </Link>
          ) : null}
        </div>
      </header>

      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-10">
          {org.description ? (
            <section aria-labelledby="about">
              <h2 id="about" className="text-lg font-semibold text-slate-900">
                About
              </h2>
              <p className="mt-2 whitespace-pre-line text-slate-700">{org.description}</p>
            </section>
          ) : null}
          <section aria-labelledby="listings">
            <h2 id="listings" className="mb-4 text-lg font-semibold text-slate-900">
              Listings
            </h2>
            <CardGrid cards={listings.rows} empty={`${org.name} has no published listings yet.`} />
            <Pager page={listings.page} pageCount={pageCountOf(listings.total, listings.perPage)} total={listings.total} label="Pagination" />
          </section>
          <section aria-labelledby="integrations" data-testid="partner-integrations">
            <h2 id="integrations" className="mb-4 text-lg font-semibold text-slate-900">
              Integrations
            </h2>
            {integrations.length === 0 ? (
              <p className="text-slate-600">No confirmed integrations yet.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {integrations.map((i) => {
                  const other = i.ownerSlug === org.slug ? { name: i.counterpartName, slug: i.counterpartSlug } : { name: i.ownerName, slug: i.ownerSlug }
                  return (
                    <li key={i.id} className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm">
                      <Link to={`/listings/${i.listingSlug}`} className="link font-medium">
                        {i.title}
                      </Link>
                      <span className="text-slate-500">
                        works with{' '}
                        <Link to={`/partners/${other.slug}`} className="link">
                          {other.name}
                        </Link>
                      </span>
                    </li>
                  )
                })}
              </ul>
            )}
          </section>
        </div>
        <aside className="space-y-5 text-sm">
          {org.regions.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Regions</h2>
              <p className="mt-1 text-slate-700">{org.regions.join(', ')}</p>
            </div>
          ) : null}
          {org.industries.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Industries</h2>
              <p className="mt-1 text-slate-700">{org.industries.map(label).join(', ')}</p>
            </div>
          ) : null}
          {org.skills.length ? (
            <div>
              <h2 className="font-semibold text-slate-900">Skills and certifications</h2>
              <ul className="mt-1 flex flex-wrap gap-1">
                {org.skills.map((s) => (
                  <li key={s} className="badge">
                    {s}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </aside>
      </div>
    </main>
  )
}
