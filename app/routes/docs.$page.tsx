import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { isDocName, renderDoc } from '#app/features/docs/docs.server.ts'
import { Prose } from '#app/features/listings/ui/components.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Partner Hub` : 'Not found · Partner Hub' }]

/** GET /docs/<name>: one of the repository's documents (docs/<name>.md), rendered. */
export async function loader({ params }: LoaderFunctionArgs) {
  const name = params.page ?? ''
  if (!isDocName(name)) throw new Response('There is no such document. The documents are listed at /docs.', { status: 404 })
  return { name, ...renderDoc(name) }
}

export default function DocPage() {
  const { title, html } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link className="link" to="/docs">
          ← Documentation
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{title}</h1>
      <article className="mt-4" data-testid="doc">
        <Prose html={html} className="overflow-x-auto text-sm [&_h4]:mt-4 [&_h4]:font-semibold [&_table]:min-w-full [&_td]:align-top [&_td]:py-1 [&_th]:bg-slate-50 [&_th]:py-1 [&_th]:text-left" />
      </article>
    </main>
  )
}
