import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { ErrorPage } from '#app/components/error-page.tsx'
import { MainNav } from '#app/components/main-nav.tsx'
import { navFor } from '#app/components/nav.ts'
import { Toaster } from '#app/components/toaster.tsx'
import { BellCount } from '#app/features/notifications/bell-count.tsx'
import { unreadNotificationCount } from '#app/features/notifications/notifications.server.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { ownSuspension } from '#app/features/orgs/suspension.server.ts'
import { readToast } from '#app/utils/toast.server.ts'
import styles from '#app/styles/tailwind.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'Partner Hub' }, { name: 'description', content: 'The partner ecosystem marketplace and community.' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { toast, headers: toastHeaders } = await readToast(request)
  const actor = context.actor
  const unread = actor ? (context.unreadNotifications ?? (await unreadNotificationCount(actor))) : 0
  const suspension = actor ? await ownSuspension(actor) : null
  return data(
    {
      user: actor
        ? { name: actor.name, email: actor.email, orgName: actor.orgName, orgKind: actor.orgKind, orgStatus: actor.orgStatus, role: actor.role, orgId: actor.orgId, userId: actor.userId }
        : null,
      unread,
      suspension: suspension ? { reason: suspension.reason, since: suspension.suspendedAt ? suspension.suspendedAt.toISOString().slice(0, 10) : null } : null,
      toast,
    },
    { headers: toastHeaders.length ? toastHeaders.map((cookie): [string, string] => ['Set-Cookie', cookie]) : undefined },
  )
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root')
  const user = root?.user ?? null
  const items = navFor(user)
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6">
          <Link to="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-600" />
            Partner Hub
          </Link>
          <MainNav items={items} />
          <div className="ml-auto flex items-center gap-3">
            {user ? (
              <>
                <Link to="/notifications" className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100" data-testid="bell">
                  {/* The name comes from the content, so the visible count is part of it (an aria-label would hide it). */}
                  <span className="sr-only">Notifications</span>
                  <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                    <path d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2c0 .5-.2 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0" />
                  </svg>
                  <BellCount initial={root?.unread ?? 0} />
                </Link>
                <details className="relative">
                  <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100" data-testid="account-menu">
                    <span className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-800">{user.name.slice(0, 1).toUpperCase()}</span>
                    <span className="hidden max-w-[8rem] truncate sm:inline">{user.name}</span>
                  </summary>
                  <div className="absolute right-0 z-40 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg">
                    <p className="px-2 py-1 text-slate-500">
                      {user.email}
                      <br />
                      <span className="font-medium text-slate-700">{user.orgName}</span> · {user.role.replace('_', ' ')}
                    </p>
                    {user.orgKind === 'partner' ? (
                      <>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/settings/profile">
                          Company profile
                        </Link>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/manage/listings">
                          My listings
                        </Link>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/manage/integrations">
                          Integrations
                        </Link>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/accounts">
                          Account list
                        </Link>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/connections">
                          Connections
                        </Link>
                      </>
                    ) : null}
                    <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/manage/leads">
                      Leads
                    </Link>
                    <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/notifications">
                      Notifications
                    </Link>
                    <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/settings/team">
                      Team
                    </Link>
                    {user.role === 'vendor_admin' || user.role === 'partner_admin' ? (
                      <>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/settings/api-keys">
                          API keys
                        </Link>
                        <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/docs/api/reference">
                          API reference
                        </Link>
                      </>
                    ) : null}
                    {user.role === 'vendor_admin' || user.role === 'partner_admin' ? (
                      <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/settings/webhooks">
                        Webhooks
                      </Link>
                    ) : null}
                    <Link className="block rounded px-2 py-1.5 hover:bg-slate-100" to="/settings/account">
                      Account and sessions
                    </Link>
                    <Form method="post" action="/logout">
                      <button type="submit" className="w-full rounded px-2 py-1.5 text-left hover:bg-slate-100">
                        Log out
                      </button>
                    </Form>
                  </div>
                </details>
              </>
            ) : (
              <>
                <Link to="/login" className="text-sm font-medium text-slate-700 hover:text-slate-900">
                  Log in
                </Link>
                <Link to="/apply" className="btn-primary">
                  Become a partner
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      {user && root?.suspension ? (
        <div role="status" className="border-b border-red-200 bg-red-50" data-testid="suspended-banner">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-red-900">
            <strong>{user.orgName} is suspended</strong>
            {root.suspension.since ? ` since ${root.suspension.since}` : ''} by the vendor's partner team
            {root.suspension.reason ? `: ${root.suspension.reason}` : '.'} You can sign in and read everything as before, but your organization cannot change anything (referrals, co-sells, listings,
            accounts, messages, team) and its public profile and listings are hidden until the partner team reinstates it.
          </p>
        </div>
      ) : null}
      <div id="main" className="flex-1">
        {children}
      </div>
      <footer className="border-t border-slate-200 bg-white py-6 text-center text-xs text-slate-600">
        Partner Hub · the partner ecosystem marketplace ·{' '}
        <Link className="underline underline-offset-2 hover:text-slate-900" to="/docs">
          Documentation
        </Link>
      </footer>
    </div>
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full text-slate-900 antialiased">
        <Shell>{children}</Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>()
  return (
    <>
      <Toaster toast={toast} />
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  return <ErrorPage />
}
