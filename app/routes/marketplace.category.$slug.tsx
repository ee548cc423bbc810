import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { LISTING_KINDS } from '#db/vocab.ts'
import { categoryPage } from '#app/features/listings/public.server.ts'
import { KIND_LABELS } from '#app/features/listings/schemas.ts'
import { publicCacheHeaders, siteOrigin } from '#app/features/listings/seo.server.ts'
import { seoMeta } from '#app/features/listings/seo.ts'
import { CardGrid } from '#app/features/listings/ui/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { orThrowResponse } from '#app/utils/guards.server.ts'
import { pageParam } from '#app/utils/page-query.ts'

const Query = z.object({
  page: pageParam,
  kind: z.enum(LISTING_KINDS).optional().catch(undefined),
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const q = Query.parse(Object.fromEntries(url.searchParams))
  const slug = z.string().max(100).parse(params.slug)
  const result = await orThrowResponse(categoryPage(slug, { page: q.page, kind: q.kind }))
  const origin = siteOrigin()
  return data(
    {
      ...result,
      kind: q.kind ?? null,
      seo: {
        title: `${result.category.name} — partner listings`,
        description: result.category.description ?? `Partner services, solutions, apps and integrations for ${result.category.name}.`,
        canonical: `${origin}/marketplace/category/${result.category.slug}${q.page > 1 ? `?page=${q.page}` : ''}`,
      },
    },
    { headers: publicCacheHeaders(Boolean(context.actor)) },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function CategoryPage() {
  const { category, rows, total, page, perPage, kind } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link to="/marketplace" className="link">
          Marketplace
        </Link>{' '}
        / {category.name}
      </nav>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{category.name}</h1>
      {category.description ? <p className="mt-2 max-w-2xl text-slate-600">{category.description}</p> : null}
      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="kind" className="label">
            Kind
          </label>
          <select id="kind" name="kind" defaultValue={kind ?? ''} className="input">
            <option value="">All kinds</option>
            {LISTING_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Filter
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-600">{total.toLocaleString('en')} listings</p>
      <div className="mt-4">
        {/* The cards' titles are h3: give them the h2 the outline expects. */}
        <h2 className="sr-only">Listings in {category.name}</h2>
        <CardGrid cards={rows} empty="No published listings in this category yet." />
      </div>
      <Pager page={page} pageCount={pageCountOf(total, perPage)} total={total} label="Pagination" />
    </main>
  )
}
