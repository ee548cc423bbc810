import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { apiReference } from '#app/features/api/reference.server.ts'
import { ReferenceView } from '#app/features/api/ui/reference.tsx'

export const meta: MetaFunction = () => [{ title: 'API reference · Partner Hub' }]

/** GET /docs/api/reference: every /api/v1 operation and webhook event, rendered from /api/v1/openapi.json. */
export async function loader() {
  return { reference: apiReference() }
}

export default function ApiReferencePage() {
  const { reference } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link className="link" to="/docs">
          ← Documentation
        </Link>{' '}
        ·{' '}
        <Link className="link" to="/docs/api">
          The API guide
        </Link>{' '}
        ·{' '}
        <a className="link" href="/api/v1/openapi.json">
          openapi.json
        </a>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">{reference.title} reference</h1>
      <ReferenceView reference={reference} />
    </main>
  )
}
