import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { isVendorAdmin } from '#app/features/auth/actor.ts'
import { adminSections } from '#app/features/admin/sections.ts'
import { listApplications } from '#app/features/orgs/applications.server.ts'
import { requireVendor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const admin = isVendorAdmin(actor)
  const applications = await listApplications(actor, { pageSize: 1 })
  return {
    sections: adminSections.filter((s) => admin || !s.adminOnly),
    counts: { '/admin/applications': applications.total } as Record<string, number>,
  }
}

export default function AdminIndex() {
  const { sections, counts } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Admin</h1>
      <p className="mt-1 text-slate-600">Run the partner program: who joins, what gets published and how the team works.</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className="card block h-full hover:border-brand-300 hover:shadow">
              <span className="flex items-center justify-between gap-2">
                <span className="font-semibold text-slate-900">{s.title}</span>
                {counts[s.to] ? <span className="badge bg-brand-100 text-brand-800">{counts[s.to]} waiting</span> : null}
              </span>
              <span className="mt-1 block text-sm text-slate-600">{s.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  )
}
