import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DOC_PAGES } from '#app/features/docs/docs.server.ts'

export const meta: MetaFunction = () => [{ title: 'Documentation · Partner Hub' }]

export function loader() {
  return { pages: Object.entries(DOC_PAGES).map(([name, p]) => ({ name, title: p.title, summary: p.summary })) }
}

export default function DocsIndex() {
  const { pages } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Documentation</h1>
      <ul className="mt-6 space-y-3">
        {pages.map((p) => (
          <li key={p.name} className="card">
            <h2 className="font-semibold">
              <Link className="link" to={`/docs/${p.name}`}>
                {p.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{p.summary}</p>
          </li>
        ))}
      </ul>
    </main>
  )
}
