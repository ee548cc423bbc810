import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { ErrorList, FormErrors, SelectField } from '#app/components/forms.tsx'
import { ERRORS_PAGE_SIZE, FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS, StartImportSchema } from '#app/features/accounts/import-fields.ts'
import { getImportJob, runImportInBackground } from '#app/features/accounts/import-resume.server.ts'
import { importErrors } from '#app/features/accounts/import-jobs.server.ts'
import { startImport } from '#app/features/accounts/import-apply.server.ts'
import { POPULATION_SINGULAR, POPULATIONS } from '#app/features/accounts/schemas.ts'
import { Alert, MappingTabs } from '#app/features/accounts/ui.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { pageFromUrl } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Import accounts · Partner Hub' }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const page = pageFromUrl(request)
  const job = await orThrowResponse(getImportJob(actor, params.id ?? ''))
  const errors = job.errorRows > 0 ? await orThrowResponse(importErrors(actor, job.id, { page })) : []
  return { job, errors, page }
}

// Columns left on "not in this file" are sent empty, so the mapping may arrive without any.
const StartImportForm = StartImportSchema.extend({ mapping: StartImportSchema.shape.mapping.default({}) })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), StartImportForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: StartImportForm })
  try {
    const job = await startImport(actor, params.id ?? '', submission.value)
    // Runs in the background on this node; the page polls the job row for progress.
    runImportInBackground(job.id)
    return redirect(`/accounts/import/${job.id}`)
  } catch (error) {
    return domainReply(submission, error, { schema: StartImportForm })
  }
}

function useProgressPolling(running: boolean) {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 700)
    return () => clearInterval(timer)
  }, [running, revalidator])
}

export default function ImportPage() {
  const { job, errors, page } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const running = job.status === 'validating' || job.status === 'importing'
  useProgressPolling(running)
  const mapping = (job.mapping ?? {}) as Record<string, string>
  const [form, fields] = useForm({
    id: `import-${job.id}`,
    lastResult,
    constraint: getZodConstraint(StartImportForm),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartImportForm }),
    defaultValue: { mapping, defaultPopulation: mapping.defaultPopulation ?? '', mode: job.status === 'refused' ? 'skip' : 'strict' },
  })
  const mappingFields = fields.mapping.getFieldset()
  const percent = job.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <MappingTabs current="accounts" isPartner />
      <p className="text-sm">
        <Link to="/accounts" className="link">
          ← Account list
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Import “{job.filename}”</h1>
      <p className="mt-1 text-sm text-slate-600">
        {job.totalRows.toLocaleString('en-US')} rows · {(job.byteSize / 1024).toFixed(0)} KB
      </p>

      {job.status === 'uploaded' || job.status === 'failed' || job.status === 'refused' ? (
        <div className="mt-6 space-y-6">
          {job.status === 'failed' ? <Alert>{job.failureReason}</Alert> : null}
          {job.status === 'refused' ? (
            <div data-testid="import-refused">
              <Alert>{job.failureReason}</Alert>
            </div>
          ) : null}
          {job.status === 'uploaded' ? (
            <section className="card" aria-labelledby="preview-heading">
              <h2 id="preview-heading" className="text-lg font-semibold">
                Preview
              </h2>
              <div className="mt-3 overflow-x-auto">
                <table className="table">
                  <thead>
                    <tr>
                      {job.headers.map((h) => (
                        <th key={h} scope="col">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {job.preview.map((row, i) => (
                      <tr key={i}>
                        {job.headers.map((h, j) => (
                          <td key={h}>{row[j] ?? ''}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          <section className="card" aria-labelledby="map-heading">
            <h2 id="map-heading" className="text-lg font-semibold">
              {job.status === 'uploaded' ? 'Match the columns' : 'Try again'}
            </h2>
            <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
              <FormErrors id={form.errorId} errors={form.errors} />
              <div className="grid gap-3 sm:grid-cols-2">
                {IMPORT_FIELDS.map((field) => (
                  <SelectField
                    key={field}
                    field={mappingFields[field]}
                    label={
                      <>
                        {FIELD_LABELS[field]}
                        {REQUIRED_FIELDS.includes(field) && field !== 'population' ? (
                          <span aria-hidden className="text-red-600">
                            {' '}
                            *
                          </span>
                        ) : null}
                      </>
                    }
                    placeholder={REQUIRED_FIELDS.includes(field) ? '— choose a column —' : '— not in this file —'}
                    options={job.headers.map((h) => ({ value: h, label: h }))}
                  />
                ))}
                <SelectField
                  field={fields.defaultPopulation}
                  label="When the file has no population column, every row is a…"
                  placeholder="— use the column —"
                  options={POPULATIONS.map((p) => ({ value: p, label: POPULATION_SINGULAR[p] }))}
                />
              </div>
              <fieldset aria-describedby={fields.mode.errors ? fields.mode.errorId : undefined} aria-invalid={fields.mode.errors ? true : undefined}>
                <legend className="label">If some rows have problems</legend>
                <div className="space-y-2 text-sm">
                  <label className="flex items-start gap-2">
                    <input type="radio" name={fields.mode.name} value="strict" defaultChecked={fields.mode.initialValue === 'strict'} className="mt-1" />
                    <span>
                      <strong>Refuse the whole file</strong> and list the rows to fix — nothing is imported.
                    </span>
                  </label>
                  <label className="flex items-start gap-2">
                    <input type="radio" name={fields.mode.name} value="skip" defaultChecked={fields.mode.initialValue === 'skip'} className="mt-1" />
                    <span>
                      <strong>Import the good rows</strong> and skip the bad ones (they are listed afterwards).
                    </span>
                  </label>
                </div>
                <ErrorList id={fields.mode.errorId} errors={fields.mode.errors} />
              </fieldset>
              <button type="submit" className="btn-primary">
                {job.status === 'refused' ? 'Start again' : 'Start import'}
              </button>
            </Form>
          </section>
        </div>
      ) : null}

      {running || (job.startedAt && (job.status === 'completed' || job.status === 'refused')) ? (
        <section className="card mt-6" aria-live="polite" data-testid="import-progress">
          <h2 className="text-lg font-semibold">{job.status === 'validating' ? 'Checking rows…' : job.status === 'importing' ? 'Saving accounts…' : 'Every row checked'}</h2>
          <progress className="mt-3 h-3 w-full" max={job.totalRows || 1} value={job.processedRows} aria-label="Import progress">
            {percent}%
          </progress>
          <p className="mt-2 text-sm text-slate-600">
            {job.processedRows.toLocaleString('en-US')} of {job.totalRows.toLocaleString('en-US')} rows checked ({percent}%) · {job.errorRows.toLocaleString('en-US')} with problems
          </p>
        </section>
      ) : null}

      {job.status === 'completed' ? (
        <section className="mt-6" data-testid="import-done">
          <Alert kind="success">
            Imported: {job.insertedCount.toLocaleString('en-US')} new and {job.updatedCount.toLocaleString('en-US')} updated accounts
            {job.errorRows > 0 ? `; ${job.errorRows.toLocaleString('en-US')} rows skipped` : ''}.
          </Alert>
          <p className="mt-3 flex flex-wrap gap-3 text-sm">
            <Link to="/connections" className="btn-primary">
              See the overlap with your partners
            </Link>
            <Link to="/accounts" className="btn-secondary">
              Back to the list
            </Link>
          </p>
        </section>
      ) : null}

      {job.errorRows > 0 && !running ? (
        <section className="mt-8" aria-labelledby="report-heading" data-testid="import-report">
          <h2 id="report-heading" className="text-lg font-semibold">
            Rows with problems ({job.errorRows.toLocaleString('en-US')})
          </h2>
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {errors.map((e) => (
                  <tr key={e.rowNumber}>
                    <td className="whitespace-nowrap">Row {e.rowNumber.toLocaleString('en-US')}</td>
                    <td>{e.reasons.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-500">Row numbers count data rows, the header row not included.</p>
          <Pager
            page={page}
            pageCount={pageCountOf(Math.min(job.errorRows, 10_000), ERRORS_PAGE_SIZE)}
            total={Math.min(job.errorRows, 10_000)}
            label="Pagination"
            href={(p) => `/accounts/import/${job.id}?page=${p}`}
          />
        </section>
      ) : null}
    </main>
  )
}
