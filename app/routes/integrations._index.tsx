import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { integrationsDirectory } from '#app/features/listings/integrations.server.ts'
import { publicCacheHeaders, siteOrigin } from '#app/features/listings/seo.server.ts'
import { seoMeta } from '#app/features/listings/seo.ts'
import { Logo, mediaUrl } from '#app/features/listings/ui/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { pageParam } from '#app/utils/page-query.ts'

const Query = z.object({
  page: pageParam,
  with: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,120}$/)
    .optional()
    .catch(undefined),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const q = Query.parse(Object.fromEntries(new URL(request.url).searchParams))
  const result = await integrationsDirectory({ page: q.page, withSlug: q.with })
  const origin = siteOrigin()
  return data(
    {
      ...result,
      withSlug: q.with ?? null,
      seo: {
        title: 'Integrations directory — what works with what',
        description: 'Integrations between partner products, confirmed by both sides.',
        canonical: `${origin}/integrations${q.with ? `?with=${q.with}` : ''}`,
      },
    },
    { headers: publicCacheHeaders(Boolean(context.actor)) },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function IntegrationsDirectory() {
  const { rows, total, page, perPage, withSlug } = useLoaderData<typeof loader>()
  const groups: { name: string; slug: string; items: typeof rows }[] = []
  for (const r of rows) {
    const last = groups[groups.length - 1]
    if (last && last.slug === r.counterpartSlug) last.items.push(r)
    else groups.push({ name: r.counterpartName, slug: r.counterpartSlug, items: [r] })
  }
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Integrations</h1>
      <p className="mt-2 max-w-2xl text-slate-600">Integrations between partner products and ours. Each one is confirmed by the company whose product it integrates with.</p>
      {withSlug ? (
        <p className="mt-3 text-sm">
          Showing integrations that work with one company.{' '}
          <Link to="/integrations" className="link">
            Show all
          </Link>
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">No confirmed integrations yet.</p>
      ) : (
        <div className="mt-8 space-y-8">
          {groups.map((g) => (
            <section key={`${g.slug}-${g.items[0]!.id}`} aria-label={`Works with ${g.name}`}>
              <h2 className="text-lg font-semibold text-slate-900">
                Works with{' '}
                <Link to={`/partners/${g.slug}`} className="link">
                  {g.name}
                </Link>
              </h2>
              <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {g.items.map((i) => (
                  <li key={i.id} className="flex items-start gap-3 px-4 py-3">
                    <Logo src={mediaUrl(i.logoKey)} name={i.title} size={40} />
                    <div className="min-w-0">
                      <Link to={`/listings/${i.listingSlug}`} className="link font-medium">
                        {i.title}
                      </Link>{' '}
                      <span className="text-sm text-slate-500">
                        by{' '}
                        <Link to={`/partners/${i.ownerSlug}`} className="hover:underline">
                          {i.ownerName}
                        </Link>
                      </span>
                      <p className="line-clamp-2 text-sm text-slate-600">{i.summary}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      <Pager page={page} pageCount={pageCountOf(total, perPage)} total={total} label="Pagination" />
    </main>
  )
}
