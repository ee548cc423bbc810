import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useRef, useState } from 'react'
import { assertVendorAdmin } from '#app/features/auth/actor.ts'
import { importSnapshot, listImports, type ImportResult } from '#app/features/analytics/import.server.ts'
import { formatProblem } from '#app/features/analytics/snapshot.ts'
import { MAX_SNAPSHOT_BYTES, uploadSchema } from '#app/features/analytics/upload.ts'
import { guard, orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Import an ecosystem snapshot · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const imports = await orThrowResponse(listImports(actor))
  return { imports: imports.map((i) => ({ id: i.id, source: i.source, fileName: i.fileName, records: i.records, counts: i.counts, finishedAt: i.finishedAt.toISOString() })) }
}

type ActionResult = { ok: false; formError: string } | ImportResult

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  guard(() => assertVendorAdmin(actor, "Only the vendor's admins can import an ecosystem snapshot."))
  const form = await readForm(request, { maxBytes: MAX_SNAPSHOT_BYTES + 1024 * 1024, maxFileBytes: MAX_SNAPSHOT_BYTES })
  const parsed = uploadSchema.safeParse({ snapshot: form.get('snapshot') })
  if (!parsed.success) {
    const result: ActionResult = { ok: false, formError: parsed.error.issues.map((i) => i.message).join(' ') }
    return Response.json(result, { status: 400 })
  }
  const file = parsed.data.snapshot
  const result = await orThrowResponse(importSnapshot(actor, await file.text(), { fileName: file.name }))
  return Response.json(result, { status: result.ok ? 200 : 400 })
}

type Progress = { phase: string; done: number; total: number; step?: string }

export default function ImportSnapshot() {
  const { imports } = useLoaderData<typeof loader>()
  const noJsResult = useActionData<ActionResult>()
  const [progress, setProgress] = useState<{ label: string; value: number; max: number } | null>(null)
  const [result, setResult] = useState<ActionResult | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const revalidator = useRevalidator()
  const shown = result ?? noJsResult ?? null

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    setResult(null)
    setProgress({ label: 'Uploading…', value: 0, max: 100 })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/analytics/import/upload')
    xhr.setRequestHeader('Accept', 'application/x-ndjson')
    let seen = 0
    const readLines = () => {
      const text = xhr.responseText
      const lines = text.slice(seen).split('\n')
      const complete = lines.slice(0, -1)
      seen += complete.reduce((a, l) => a + l.length + 1, 0)
      for (const line of complete) {
        if (!line.trim()) continue
        const msg = JSON.parse(line) as ({ type: 'progress' } & Progress) | { type: 'result'; result: ActionResult }
        if (msg.type === 'progress') {
          setProgress({
            label: msg.phase === 'validating' ? 'Validating every record…' : msg.phase === 'done' ? 'Committed.' : `Writing ${msg.step ?? ''} (${msg.done} of ${msg.total})…`,
            value: msg.total ? msg.done : 0,
            max: msg.total || 1,
          })
        } else {
          setResult(msg.result)
          setProgress(null)
          if (msg.result.ok) revalidator.revalidate()
        }
      }
    }
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress({ label: `Uploading… ${Math.round((e.loaded / e.total) * 100)}%`, value: e.loaded, max: e.total })
    xhr.onprogress = readLines
    xhr.onload = () => {
      readLines()
      if (xhr.status >= 400 && !seen) setResult({ ok: false, formError: xhr.responseText || `Upload failed (${xhr.status}).` })
    }
    xhr.onerror = () => {
      setProgress(null)
      setResult({ ok: false, formError: 'The upload failed; check your connection and try again.' })
    }
    xhr.send(data)
  }

  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link className="link" to="/analytics">
          ← Analytics
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Import an ecosystem snapshot</h1>
      <p className="mt-2 text-sm text-slate-600">
        One JSON document with <code>organizations</code>, <code>opportunities</code>, <code>referrals</code> and <code>coSell</code>, as described in the{' '}
        <Link className="link" to="/docs/import-format#ecosystem-snapshot-json">
          snapshot format
        </Link>
        . Every record is checked first; a file with any problem is refused whole and nothing is written. Records are matched by their keys, so importing the same file again changes nothing. The same
        import runs from the command line: <code>npm run import -- snapshot.json</code>.
      </p>
      <p className="mt-2 text-sm">
        <a className="link" href="/docs/samples/snapshot.json" download data-testid="sample-download">
          Download a sample snapshot
        </a>{' '}
        — every section and field, ready to import or to fill in. The numbers it feeds are defined in the{' '}
        <Link className="link" to="/docs/metrics">
          metric definitions
        </Link>
        .
      </p>
      <Form ref={formRef} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="card mt-6 space-y-4" data-testid="import-form">
        <div>
          <label className="label" htmlFor="snapshot">
            Snapshot file (.json, up to 50 MB)
          </label>
          <input className="input" id="snapshot" name="snapshot" type="file" accept=".json,application/json" required />
        </div>
        <button className="btn-primary" type="submit" disabled={progress !== null}>
          Import
        </button>
        {progress ? (
          <div role="status" aria-live="polite">
            <progress className="w-full" value={progress.value} max={progress.max} data-testid="import-progress" />
            <p className="text-sm text-slate-600">{progress.label}</p>
          </div>
        ) : null}
      </Form>

      {shown ? <ResultPanel result={shown} /> : null}

      <section className="mt-8">
        <h2 className="text-lg font-semibold text-slate-900">Recent imports</h2>
        {imports.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No snapshot imported yet.</p>
        ) : (
          <table className="table mt-2">
            <thead>
              <tr>
                <th>When</th>
                <th>File</th>
                <th>From</th>
                <th>Records</th>
                <th>Inserted</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => {
                const c = Object.values(i.counts ?? {}) as { inserted: number; updated: number }[]
                return (
                  <tr key={i.id}>
                    <td>{i.finishedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>{i.fileName ?? '—'}</td>
                    <td>{i.source}</td>
                    <td>{i.records}</td>
                    <td>{c.reduce((a, t) => a + t.inserted, 0)}</td>
                    <td>{c.reduce((a, t) => a + t.updated, 0)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
    </main>
  )
}

function ResultPanel({ result }: { result: ActionResult }) {
  if (result.ok) {
    const rows = Object.entries(result.counts) as [string, { inserted: number; updated: number; unchanged: number }][]
    return (
      <div className="card mt-6 border-green-300" role="status" data-testid="import-result">
        <h2 className="font-semibold text-green-800">Imported {result.records} records.</h2>
        <table className="table mt-2">
          <thead>
            <tr>
              <th>Records</th>
              <th>Inserted</th>
              <th>Updated</th>
              <th>Unchanged</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, t]) => (
              <tr key={k}>
                <td>{k}</td>
                <td>{t.inserted}</td>
                <td>{t.updated}</td>
                <td>{t.unchanged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )
  }
  if ('formError' in result)
    return (
      <p className="field-error mt-6" role="alert" data-testid="import-error">
        {result.formError}
      </p>
    )
  return (
    <div className="card mt-6 border-red-300" role="alert" data-testid="import-problems">
      <h2 className="font-semibold text-red-800">
        The snapshot was refused: {result.problems.length} problem{result.problems.length === 1 ? '' : 's'}. Nothing was written.
      </h2>
      <ul className="mt-2 max-h-96 list-disc overflow-auto pl-5 text-sm text-slate-800">
        {result.problems.slice(0, 500).map((p, i) => (
          <li key={i}>{formatProblem(p)}</li>
        ))}
      </ul>
      {result.problems.length > 500 ? <p className="mt-2 text-sm">… and {result.problems.length - 500} more.</p> : null}
    </div>
  )
}
