import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ApplicationStatus } from '#app/features/orgs/application-status.tsx'
import { workWaitingFor, type WorkItem } from '#app/features/home/home.server.ts'
import { homeChecklist } from '#app/features/onboarding/onboarding.server.ts'
import { OnboardingChecklist } from '#app/features/onboarding/ui/checklist.tsx'
import { ownOrgStatus } from '#app/features/orgs/applications.server.ts'
import { hasSignedInBefore } from '#app/features/auth/first-sign-in.server.ts'
import { LiveRefresh } from '#app/features/referrals/ui/live.tsx'
import { useOptionalUser } from '#app/root.tsx'
import { marketplaceHome } from '#app/features/listings/public.server.ts'
import { CardGrid } from '#app/features/listings/ui/components.tsx'
import { SearchBox } from '#app/features/search/ui/parts.tsx'

export const meta: MetaFunction = () => [
  { title: 'Partner Hub — find, refer and co-sell with partners' },
  { name: 'description', content: 'Resellers, ISVs, systems integrators and MSPs publish what they offer, find each other and win together.' },
]

export async function loader({ context }: LoaderFunctionArgs) {
  const actor = context.actor
  if (!actor) return { application: null, work: null, returning: false, onboarding: null, featured: (await marketplaceHome()).featured.slice(0, 6) }
  if (actor.orgKind !== 'partner' || actor.orgStatus === 'active') {
    const [returning, work, onboarding] = await Promise.all([hasSignedInBefore(actor.userId), workWaitingFor(actor), homeChecklist(actor)])
    return { application: null, work, returning, onboarding, featured: null }
  }
  const [returning, status] = await Promise.all([hasSignedInBefore(actor.userId), ownOrgStatus(actor)])
  return { application: { ...status, orgName: actor.orgName, isAdmin: actor.role === 'partner_admin' }, work: null, returning, onboarding: null, featured: null }
}

export default function Index() {
  const user = useOptionalUser()
  const { application, work, returning, onboarding, featured } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto max-w-5xl px-4 py-12">
      {user ? (
        <>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900" data-testid="greeting">
            {returning ? `Welcome back, ${user.name.split(' ')[0]}` : `Welcome to Partner Hub, ${user.name.split(' ')[0]}`}
          </h1>
          <p className="mt-2 text-slate-700" data-testid="welcome">
            Signed in as <strong>{user.name}</strong> for <strong>{user.orgName}</strong>
            {user.orgStatus === 'applicant' ? ' — your application is waiting for review by the partner team.' : null}
            {user.orgStatus === 'rejected' ? ' — your application was not approved.' : null}
          </p>
        </>
      ) : (
        <>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">Find, refer and co-sell with the right partners</h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-600">
            Resellers, technology partners, systems integrators and MSPs publish what they offer, find each other by need, region and industry, and win deals together.
          </p>
          <SearchBox className="mt-8 max-w-xl" />
          <LinkButtons
            label="Ways in"
            className="mt-6"
            links={[
              ['/marketplace', 'Browse the marketplace'],
              ['/partners', 'Partner directory'],
              ['/find-partner', 'Find a partner for a need'],
              ['/integrations', 'Integrations'],
            ]}
          />
          <p className="mt-4 text-sm text-slate-600">
            A partner of ours?{' '}
            <Link to="/apply" className="link">
              Apply to join the program
            </Link>
            .
          </p>
          {featured?.length ? (
            <section aria-labelledby="featured-heading" className="mt-12" data-testid="home-featured">
              <div className="mb-4 flex items-baseline justify-between gap-3">
                <h2 id="featured-heading" className="text-lg font-semibold text-slate-900">
                  Featured from our partners
                </h2>
                <Link to="/marketplace" className="link text-sm">
                  All of the marketplace →
                </Link>
              </div>
              <CardGrid cards={featured} empty="Nothing featured yet." />
            </section>
          ) : null}
        </>
      )}
      {application ? <ApplicationStatus data={application} /> : null}
      {onboarding ? <OnboardingChecklist data={onboarding} /> : null}
      {work ? <WorkWaiting items={work} vendor={user?.orgKind === 'vendor'} /> : null}
    </main>
  )
}

function WorkWaiting({ items, vendor }: { items: WorkItem[]; vendor: boolean }) {
  const waiting = items.filter((i) => i.count > 0)
  return (
    <section aria-labelledby="work-heading" className="mt-8" data-testid="work-waiting">
      {/* The counts follow what happens elsewhere: a referral arrives, a message is posted, … */}
      <LiveRefresh types={['referral', 'cosell', 'connection', 'message.', 'fee.', 'integration', 'listing', 'org.', 'thread.']} />
      <h2 id="work-heading" className="text-lg font-semibold text-slate-900">
        What needs you
      </h2>
      {waiting.length ? (
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {waiting.map((i) => (
            <li key={i.key}>
              <Link to={i.href} className="card flex items-center gap-4 hover:border-brand-300 hover:shadow">
                <span className="text-2xl font-bold text-brand-700">{i.count.toLocaleString('en')}</span>
                <span className="text-slate-700">{i.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-600">You are all caught up: nothing is waiting for your organization.</p>
      )}
      <h2 className="mt-8 text-lg font-semibold text-slate-900">Jump to</h2>
      <LinkButtons
        className="mt-3"
        links={
          vendor
            ? [
                ['/analytics', 'Ecosystem analytics'],
                ['/admin', 'Admin'],
                ['/referrals', 'All referrals'],
                ['/find-partner', 'Find a partner'],
                ['/marketplace', 'Marketplace'],
              ]
            : [
                ['/referrals/new', 'Refer a customer'],
                ['/find-partner', 'Find a partner'],
                ['/accounts', 'Your accounts and overlaps'],
                ['/manage/listings', 'Your listings'],
                ['/insights', 'Your numbers'],
                ['/marketplace', 'Marketplace'],
              ]
        }
      />
    </section>
  )
}

/** A row of links styled as buttons: [address, text] pairs. */
function LinkButtons({ links, label, className = '' }: { links: [string, string][]; label?: string; className?: string }) {
  return (
    <ul className={`flex flex-wrap gap-3 ${className}`} aria-label={label}>
      {links.map(([to, text]) => (
        <li key={to}>
          <Link to={to} className="btn-secondary">
            {text}
          </Link>
        </li>
      ))}
    </ul>
  )
}
