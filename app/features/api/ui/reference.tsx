import type { ReactNode } from 'react'
import { ReferenceText } from '#app/components/reference-text.tsx'
import type { ApiReference, Field, ReferenceOperation } from '#app/features/api/reference.server.ts'

const METHOD_STYLES: Record<string, string> = {
  GET: 'bg-emerald-100 text-emerald-900',
  POST: 'bg-sky-100 text-sky-900',
  PUT: 'bg-amber-100 text-amber-900',
  PATCH: 'bg-amber-100 text-amber-900',
  DELETE: 'bg-rose-100 text-rose-900',
}

/** A box that scrolls sideways on a narrow screen: reachable and scrollable from the keyboard, named for screen readers. */
function ScrollBox({ label, children, className = 'mt-3' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`${className} overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500`}>
      {children}
    </div>
  )
}

function FieldTable({ caption, fields, owner }: { caption: string; fields: Field[]; owner: string }) {
  if (fields.length === 0) return null
  return (
    <ScrollBox label={`${caption} of ${owner}`}>
      <table className="min-w-full text-left text-sm">
        <caption className="text-left font-semibold text-slate-900">{caption}</caption>
        <thead>
          <tr className="bg-slate-50">
            <th scope="col" className="px-2 py-1">
              Name
            </th>
            <th scope="col" className="px-2 py-1">
              Type
            </th>
            <th scope="col" className="px-2 py-1">
              Required
            </th>
            <th scope="col" className="px-2 py-1">
              Description
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.name} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-2 py-1 font-mono text-xs font-normal text-slate-900">
                {f.name}
              </th>
              <td className="px-2 py-1 font-mono text-xs text-slate-700">{f.type}</td>
              <td className="px-2 py-1">{f.required ? 'yes' : 'no'}</td>
              <td className="px-2 py-1 text-slate-700">{f.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}

function Operation({ op, webhook = false }: { op: ReferenceOperation; webhook?: boolean }) {
  // Under the group's h2 an operation is an h3; a webhook event sits one level deeper, under its event group's h3.
  const Heading = webhook ? 'h4' : 'h3'
  const owner = `${webhook ? 'event' : op.method} ${op.path}`
  return (
    <section id={op.id} aria-labelledby={`${op.id}-title`} className="card mt-4 scroll-mt-20" data-testid="operation" data-path={op.path} data-method={op.method}>
      <Heading id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
        <span className={`rounded px-2 py-0.5 font-mono text-xs ${METHOD_STYLES[op.method] ?? 'bg-slate-100 text-slate-900'}`}>{webhook ? 'EVENT' : op.method}</span>
        <code className="min-w-0 break-all font-mono text-sm">{op.path}</code>
        {webhook ? null : <span className="font-normal text-slate-700">— {op.summary}</span>}
      </Heading>
      {op.description ? (
        <p className="mt-2 whitespace-pre-line text-sm text-slate-700">
          <ReferenceText text={op.description} />
        </p>
      ) : null}
      {!webhook ? <p className="mt-1 text-xs text-slate-600">{op.authenticated ? 'Needs an API key (Authorization: Bearer ph_live_…).' : 'No key needed.'}</p> : null}
      <FieldTable caption={webhook ? 'Headers' : 'Parameters'} fields={op.parameters} owner={owner} />
      {op.body ? <FieldTable caption={`${webhook ? 'Message' : 'Body'} (${op.body.mediaTypes.join(', ')})`} fields={op.body.fields} owner={owner} /> : null}
      {op.body?.example ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Example</summary>
          <pre
            tabIndex={0}
            aria-label={`Example of ${owner}`}
            className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            <code>{op.body.example}</code>
          </pre>
        </details>
      ) : null}
      <ScrollBox label={`${webhook ? 'Your answer' : 'Answers'} of ${owner}`}>
        <table className="min-w-full text-left text-sm">
          <caption className="text-left font-semibold text-slate-900">{webhook ? 'Your answer' : 'Answers'}</caption>
          <thead>
            <tr className="bg-slate-50">
              <th scope="col" className="px-2 py-1">
                Status
              </th>
              <th scope="col" className="px-2 py-1">
                Meaning
              </th>
              <th scope="col" className="px-2 py-1">
                Body
              </th>
            </tr>
          </thead>
          <tbody>
            {op.responses.map((r) => (
              <tr key={r.status} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-2 py-1 font-mono text-xs font-normal">
                  {r.status}
                </th>
                <td className="px-2 py-1 text-slate-700">{r.description}</td>
                <td className="px-2 py-1 font-mono text-xs text-slate-700">{r.schema ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  )
}

/** The API reference, rendered from the OpenAPI document on the server (no script needed). */
export function ReferenceView({ reference }: { reference: ApiReference }) {
  return (
    <div className="mt-4 lg:grid lg:grid-cols-[14rem_1fr] lg:gap-8">
      <nav aria-label="API reference contents" className="text-sm lg:sticky lg:top-4 lg:self-start">
        <h2 className="font-semibold text-slate-900">Contents</h2>
        <ul className="mt-2 space-y-1">
          {reference.groups.map((g) => (
            <li key={g.name}>
              <a className="link" href={`#group-${g.name}`}>
                {g.name}
              </a>{' '}
              <span className="text-slate-600">({g.operations.length})</span>
            </li>
          ))}
          <li>
            <a className="link" href="#webhooks">
              Webhook events
            </a>
          </li>
        </ul>
      </nav>
      <div>
        <p className="text-slate-700">
          <ReferenceText text={reference.description} />
        </p>
        {reference.groups.map((g) => (
          <section key={g.name} id={`group-${g.name}`} aria-labelledby={`group-${g.name}-title`} className="mt-8">
            <h2 id={`group-${g.name}-title`} className="text-xl font-semibold capitalize text-slate-900">
              {g.name}
            </h2>
            {g.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </section>
        ))}
        <section id="webhooks" aria-labelledby="webhooks-title" className="mt-10">
          <h2 id="webhooks-title" className="text-xl font-semibold text-slate-900">
            Webhook events
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            What Partner Hub POSTs to your endpoints (OpenAPI <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-900">webhooks</code>): an organization&apos;s admin registers them
            at{' '}
            <a className="link" href="/settings/webhooks">
              Settings → Webhooks
            </a>
            .
          </p>
          {reference.webhooks.map((g) => (
            <div key={g.group}>
              <h3 className="mt-6 text-lg font-semibold text-slate-900">{g.group}</h3>
              {g.operations.map((op) => (
                <Operation key={op.id} op={op} webhook />
              ))}
            </div>
          ))}
        </section>
      </div>
    </div>
  )
}
