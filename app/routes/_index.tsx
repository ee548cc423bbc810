import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ApplicationStatus } from '../features/orgs/application-status.tsx'
import { ownOrgStatus } from '../features/orgs/applications.server.ts'
import { useOptionalUser } from '../root.tsx'

export const meta: MetaFunction = () => [
  { title: 'Partner Hub — find, refer and co-sell with partners' },
  { name: 'description', content: 'Resellers, ISVs, systems integrators and MSPs publish what they offer, find each other and win together.' },
]

export async function loader({ context }: LoaderFunctionArgs) {
  const actor = context.actor
  if (!actor || actor.orgKind !== 'partner' || actor.orgStatus === 'active') return { application: null }
  const status = await ownOrgStatus(actor)
  return { application: { ...status, orgName: actor.orgName, isAdmin: actor.role === 'partner_admin' } }
}

export default function Index() {
  const user = useOptionalUser()
  const { application } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Find, refer and co-sell with the right partners</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600">
        Resellers, technology partners, systems integrators and MSPs publish what they offer, find each other by need, region and industry, and win deals together.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link to="/marketplace" className="btn-primary">Browse the marketplace</Link>
        {user ? null : <Link to="/apply" className="btn-secondary">Apply to become a partner</Link>}
      </div>
      {user ? (
        <p className="mt-10 text-slate-700" data-testid="welcome">
          Signed in as <strong>{user.name}</strong> for <strong>{user.orgName}</strong>
          {user.orgStatus === 'applicant' ? ' — your application is waiting for review by the partner team.' : null}
          {user.orgStatus === 'rejected' ? ' — your application was not approved.' : null}
        </p>
      ) : null}
      {application ? <ApplicationStatus data={application} /> : null}
    </main>
  )
}
