import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { findPartners, FindPartnerSchema, type PartnerMatch } from '#app/features/search/find-partner.server.ts'
import { Highlighted } from '#app/features/search/ui/parts.tsx'
import { INDUSTRY_LABELS, REGION_LABELS, TIER_LABELS, TYPE_LABELS } from '#search/labels.ts'
import { useOptionalUser } from '#app/root.tsx'
import { referHref } from '#app/utils/start-links.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const raw = Object.fromEntries(url.searchParams)
  const asked = url.searchParams.size > 0
  const parsed = FindPartnerSchema.safeParse(raw)
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `Unknown field ${i.keys.map((k) => `“${k}”`).join(', ')}.` : i.message))
    return data({ input: {}, matches: [] as PartnerMatch[], asked, errors }, { status: 400 })
  }
  const matches = asked ? await findPartners(parsed.data) : []
  return data({ input: parsed.data, matches, asked, errors: [] as string[] })
}

export const meta: MetaFunction = () => [{ title: 'Find a partner — Partner Hub' }]

export default function FindPartner() {
  const { input, matches, asked, errors } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.location?.pathname === '/find-partner'
  const values = input as { need?: string; region?: string; industry?: string }
  const user = useOptionalUser()
  const canRefer = user?.orgKind === 'partner' && user.orgStatus === 'active'
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Find a partner</h1>
      <p className="mt-2 text-slate-600">Tell us what you need, where and for which industry; we suggest partners and say why each one fits.</p>

      <Form method="get" className="card mt-6 grid gap-4 sm:grid-cols-[1fr_12rem_12rem_auto] sm:items-end" data-testid="find-partner-form">
        <div>
          <label htmlFor="need" className="label">
            What do you need?
          </label>
          <input id="need" name="need" type="text" className="input" maxLength={200} defaultValue={values.need ?? ''} placeholder="e.g. EHR integration, SAP migration, managed security" />
        </div>
        <div>
          <label htmlFor="region" className="label">
            Region
          </label>
          <select id="region" name="region" className="input" defaultValue={values.region ?? ''}>
            <option value="">Any region</option>
            {Object.entries(REGION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="industry" className="label">
            Industry
          </label>
          <select id="industry" name="industry" className="input" defaultValue={values.industry ?? ''}>
            <option value="">Any industry</option>
            {Object.entries(INDUSTRY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Finding…' : 'Find partners'}
        </button>
      </Form>

      {errors.length > 0 ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}

      {asked && errors.length === 0 ? (
        <section aria-labelledby="matches" className="mt-8">
          <h2 id="matches" className="text-lg font-semibold text-slate-900">
            {matches.length ? `Suggested partners (${matches.length})` : 'No partner matches yet'}
          </h2>
          {matches.length === 0 ? (
            <div className="card mt-3 text-slate-700" data-testid="find-empty">
              <p>No active partner matches any of that.</p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {values.region || values.industry ? (
                  <li>
                    <Link className="link" to={`/find-partner?need=${encodeURIComponent(values.need ?? '')}`}>
                      Try any region and industry
                    </Link>
                  </li>
                ) : null}
                <li>Describe the need in other words: what should be done (“migrate”, “integrate”), for which industry, with which product.</li>
                <li>
                  <Link className="link" to={`/search?q=${encodeURIComponent(values.need ?? '')}`}>
                    Search all listings and integrations
                  </Link>
                </li>
              </ul>
            </div>
          ) : (
            <ol className="mt-3 space-y-3" data-testid="matches">
              {matches.map((m, i) => (
                <li key={m.orgId} className="card" data-testid="match">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="text-lg font-semibold">
                      <span className="mr-2 text-slate-500">{i + 1}.</span>
                      <Link to={m.url} className="link">
                        {m.name}
                      </Link>
                    </h3>
                    <div className="flex flex-wrap gap-1 text-xs">
                      {m.type ? <span className="badge">{TYPE_LABELS[m.type] ?? m.type}</span> : null}
                      {m.tier ? <span className="badge">{TIER_LABELS[m.tier] ?? m.tier}</span> : null}
                    </div>
                  </div>
                  {canRefer && m.orgId !== user?.orgId && m.url.startsWith('/partners/') ? (
                    <p className="mt-1 text-sm">
                      <Link to={referHref({ to: m.url.slice('/partners/'.length), need: values.need })} className="link" data-testid="match-refer">
                        Refer a customer with this need to {m.name}
                      </Link>
                    </p>
                  ) : null}
                  <p className="mt-1 text-sm font-medium text-slate-700">Why this partner</p>
                  <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="reasons">
                    {m.reasons.map((r, k) => (
                      <li key={k}>
                        {r.text}
                        {r.parts ? (
                          <>
                            : <Highlighted parts={r.parts} />
                          </>
                        ) : null}
                        {r.links ? (
                          <>
                            :{' '}
                            {r.links.map((l, j) => (
                              <span key={l.url}>
                                {j > 0 ? ', ' : ''}
                                <Link to={l.url} className="link">
                                  {l.title}
                                </Link>
                              </span>
                            ))}
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </main>
  )
}
