import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { marketplaceHome } from '#app/features/listings/public.server.ts'
import { publicCacheHeaders, siteOrigin } from '#app/features/listings/seo.server.ts'
import { seoMeta } from '#app/features/listings/seo.ts'
import { CardGrid } from '#app/features/listings/ui/components.tsx'

export async function loader({ context }: LoaderFunctionArgs) {
  const home = await marketplaceHome()
  const origin = siteOrigin()
  return data(
    {
      ...home,
      seo: {
        title: 'Marketplace — services, solutions, apps and integrations from our partners',
        description: 'Find partner services, solutions, apps and integrations by category, and the partners who deliver them.',
        canonical: `${origin}/marketplace`,
      },
    },
    { headers: publicCacheHeaders(Boolean(context.actor)) },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

export default function MarketplaceHome() {
  const { featured, newest, categories } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Marketplace</h1>
          <p className="mt-2 max-w-2xl text-slate-600">Services, solutions, apps and integrations published by our partners and reviewed by our partner team.</p>
        </div>
        <nav aria-label="Directories" className="flex flex-wrap gap-2">
          <Link to="/partners" className="btn-secondary">
            Partner directory
          </Link>
          <Link to="/find-partner" className="btn-secondary">
            Find a partner for a need
          </Link>
          <Link to="/integrations" className="btn-secondary">
            Integrations directory
          </Link>
        </nav>
      </div>
      <form method="get" action="/search" role="search" className="mt-6 flex max-w-xl gap-2">
        <label htmlFor="marketplace-q" className="sr-only">
          Search listings and partners
        </label>
        <input id="marketplace-q" name="q" type="search" placeholder="Search listings and partners" className="input" maxLength={200} />
        <button type="submit" className="btn-primary">
          Search
        </button>
      </form>

      <section aria-labelledby="categories" className="mt-8">
        <h2 id="categories" className="text-lg font-semibold text-slate-900">
          Categories
        </h2>
        {categories.length === 0 ? (
          <p className="mt-2 text-slate-600">No categories yet.</p>
        ) : (
          <ul className="mt-3 flex flex-wrap gap-2" data-testid="category-list">
            {categories.map((c) => (
              <li key={c.id}>
                <Link
                  to={`/marketplace/category/${c.slug}`}
                  className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-700 hover:border-brand-300 hover:text-brand-700"
                >
                  {c.name} <span className="text-xs text-slate-500">{c.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {featured.length > 0 ? (
        <section aria-labelledby="featured" className="mt-10">
          <h2 id="featured" className="mb-4 text-lg font-semibold text-slate-900">
            Featured
          </h2>
          <CardGrid cards={featured} empty="Nothing featured yet." />
        </section>
      ) : null}

      <section aria-labelledby="newest" className="mt-10" data-testid="newest">
        <h2 id="newest" className="mb-4 text-lg font-semibold text-slate-900">
          Newest listings
        </h2>
        <CardGrid cards={newest} empty="No listings are published yet. Partners publish services, solutions, apps and integrations here once our team has reviewed them." />
      </section>
    </main>
  )
}
