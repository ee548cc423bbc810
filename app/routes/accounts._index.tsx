import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, UploadHandler } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { z } from 'zod'
import { accountTotals, deleteAccount, listAccounts, saveAccount } from '#app/features/accounts/accounts.server.ts'
import { assertMappingPartner } from '#app/features/accounts/connections.server.ts'
import { listImportJobs } from '#app/features/accounts/import-jobs.server.ts'
import { MAX_IMPORT_ROWS, receiveUpload } from '#app/features/accounts/import-upload.server.ts'
import { AccountInputSchema, POPULATION_LABELS, POPULATION_SINGULAR, POPULATIONS } from '#app/features/accounts/schemas.ts'
import { Alert, MappingTabs } from '#app/features/accounts/ui.tsx'
import { Pager } from '#app/components/pager.tsx'
import { pageCountOf } from '#app/utils/page-query.ts'
import { invalid } from '#app/utils/errors.ts'
import { formIdSchema, guard, requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { parseMultipart, readForm } from '#app/utils/form.server.ts'
import { formatMoney } from '#app/utils/money.ts'
import { FormErrors, replyErrors, replyFor, SelectField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { domainReply, invalidReply, parseSubmission, refusalReply } from '#app/utils/submission.server.ts'
import { pageParam } from '#app/utils/page-query.ts'

export const meta: MetaFunction = () => [{ title: 'Account list · Partner Hub' }]

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  population: z.enum(POPULATIONS).optional().catch(undefined),
  page: pageParam,
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  if (actor.orgKind === 'vendor') throw redirect('/cosell')
  guard(() => assertMappingPartner(actor))
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [list, totals, imports] = await Promise.all([listAccounts(actor, query), accountTotals(actor), listImportJobs(actor, { limit: 5 })])
  return { query, list, totals, imports, maxRows: MAX_IMPORT_ROWS }
}

/** Reads the one file part as a stream straight into the import; other parts are ignored. */
async function upload(request: Request, actor: Parameters<typeof receiveUpload>[0]) {
  let jobId: string | null = null
  let failure: unknown = null
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const iterator = data[Symbol.asyncIterator]()
    // Hand the import an iterable that cannot close the request stream, so a refused file is still read to its end.
    const source = { [Symbol.asyncIterator]: () => ({ next: () => iterator.next() }) }
    if (name === 'file' && filename && !jobId && !failure) {
      try {
        jobId = (await receiveUpload(actor, { filename, data: source })).id
      } catch (error) {
        failure = error
      }
    }
    while (!(await iterator.next()).done) {
      /* drain */
    }
    return undefined
  }
  await parseMultipart(request, handler)
  if (failure) throw failure
  return jobId
}

const AddAccountForm = AccountInputSchema.extend({ intent: z.literal('add') })
const DeleteAccountForm = z.object({ intent: z.literal('delete'), id: formIdSchema('account') })
const AccountForm = z.discriminatedUnion('intent', [AddAccountForm, DeleteAccountForm])

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    try {
      const jobId = await upload(request, actor)
      if (!jobId) return refusalReply(invalid('Choose a CSV file to upload.'), { intent: 'upload' })
      return redirect(`/accounts/import/${jobId}`)
    } catch (error) {
      return refusalReply(error, { intent: 'upload' })
    }
  }
  const submission = parseSubmission(await readForm(request), AccountForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: AccountForm, idFields: ['id'] })
  const value = submission.value
  try {
    if (value.intent === 'add') {
      // The domain parses the fields itself (the deal size becomes cents there).
      const { created, account } = await saveAccount(actor, submission.payload)
      return redirectWithToast('/accounts', { type: 'success', title: created ? `Added ${account.name}` : `Updated ${account.name}`, description: account.domain })
    }
    await deleteAccount(actor, value.id)
    return redirectWithToast('/accounts', { type: 'success', title: 'Account removed' })
  } catch (error) {
    return domainReply(submission, error, { schema: AccountForm })
  }
}

export default function AccountsPage() {
  const { query, list, totals, imports, maxRows } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const uploadErrors = replyErrors(replyFor(lastResult, { intent: 'upload' }))
  const deleteErrors = replyErrors(replyFor(lastResult, { intent: 'delete' }))
  // Any refusal from the server (the add form's included) moves focus to what to fix.
  useFocusFirstError(lastResult?.status === 'error' ? lastResult : null)
  const [addForm, addFields] = useForm<Record<string, string>>({
    id: 'add-account',
    lastResult: replyFor(lastResult, { intent: 'add' }),
    constraint: getZodConstraint(AddAccountForm),
    // Validated on the server only: the domain check (normalizeDomain) lives there, and one
    // round trip answers every field at once.
    defaultValue: { population: 'customer' },
  })
  const navigation = useNavigation()
  const uploading = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
  const href = (page: number) => `/accounts?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.population ? { population: query.population } : {}), page: String(page) })}`
  const totalAll = POPULATIONS.reduce((n, p) => n + totals[p], 0)
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <MappingTabs current="accounts" isPartner />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Your account list</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Your customers, open opportunities and prospects, keyed by web domain. Partners you connect with never see this list — only the overlap you both agree to share.
          </p>
        </div>
        <a href="/accounts/export.csv" className="btn-secondary">
          Export CSV
        </a>
      </div>

      <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div className="card">
          <dt className="text-xs uppercase text-slate-500">All accounts</dt>
          <dd className="text-2xl font-semibold" data-testid="accounts-total">
            {totalAll.toLocaleString('en-US')}
          </dd>
        </div>
        {POPULATIONS.map((p) => (
          <div key={p} className="card">
            <dt className="text-xs uppercase text-slate-500">{POPULATION_LABELS[p]}</dt>
            <dd className="text-2xl font-semibold">{totals[p].toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="upload-heading">
          <h2 id="upload-heading" className="text-lg font-semibold">
            Upload a CSV file
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            One account per row with a header row: name, web domain and population (customer, opportunity or prospect); optionally owner e-mail and deal size. Up to {maxRows.toLocaleString('en-US')}{' '}
            rows, saved as “CSV UTF-8”. Accounts are matched by domain, so uploading again updates them.
          </p>
          <p className="mt-1 text-sm">
            <a className="link" href="/docs/samples/accounts.csv" download data-testid="template-download">
              Download a CSV template
            </a>
            {' · '}
            <Link className="link" to="/docs/import-format#account-list-csv">
              column reference
            </Link>
          </p>
          {uploadErrors.length ? (
            <div className="mt-3">
              <Alert>{uploadErrors.join(' ')}</Alert>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="mt-4 space-y-3">
            <div>
              <label htmlFor="file" className="label">
                CSV file
              </label>
              <input id="file" name="file" type="file" accept=".csv,.txt,.tsv,text/csv" required className="input" />
            </div>
            <button type="submit" className="btn-primary" disabled={uploading}>
              {uploading ? 'Uploading…' : 'Upload and map columns'}
            </button>
          </Form>
          {imports.length > 0 ? (
            <div className="mt-4">
              <h3 className="text-sm font-semibold text-slate-700">Recent imports</h3>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {imports.map((j) => (
                  <li key={j.id} className="flex justify-between gap-2 py-1.5">
                    <Link className="link truncate" to={`/accounts/import/${j.id}`}>
                      {j.filename}
                    </Link>
                    <span className="badge">
                      {j.status} · {j.totalRows.toLocaleString('en-US')} rows
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section className="card" aria-labelledby="add-heading">
          <h2 id="add-heading" className="text-lg font-semibold">
            Add an account by hand
          </h2>
          <Form method="post" {...getFormProps(addForm)} className="mt-4 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="add" />
            <div className="sm:col-span-2">
              <FormErrors id={addForm.errorId} errors={addForm.errors} />
            </div>
            <TextField field={addFields.name} label="Account name" />
            <TextField field={addFields.domain} label="Web domain" placeholder="example.com" />
            <SelectField field={addFields.population} label="Population" options={POPULATIONS.map((p) => ({ value: p, label: POPULATION_SINGULAR[p] }))} />
            <TextField field={addFields.ownerEmail} label="Owner e-mail (optional)" type="email" />
            <TextField field={addFields.dealSize} label="Deal size, USD (optional)" />
            <div className="flex items-end">
              <button type="submit" className="btn-primary">
                Save account
              </button>
            </div>
          </Form>
        </section>
      </div>

      <section className="mt-8" aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-lg font-semibold">
          Accounts
        </h2>
        <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" role="search">
          <div>
            <label htmlFor="q" className="label">
              Search
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ''} className="input" placeholder="Name or domain" />
          </div>
          <div>
            <label htmlFor="pop-filter" className="label">
              Show
            </label>
            <select id="pop-filter" name="population" defaultValue={query.population ?? ''} className="input">
              <option value="">All</option>
              {POPULATIONS.map((p) => (
                <option key={p} value={p}>
                  {POPULATION_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Filter
          </button>
        </Form>
        {deleteErrors.length ? (
          <div className="mt-3">
            <Alert>{deleteErrors.join(' ')}</Alert>
          </div>
        ) : null}
        {list.total === 0 ? (
          <p className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">
            {query.q || query.population ? 'No accounts match.' : 'Your account list is empty. Upload a CSV file or add accounts by hand to see your overlap with connected partners.'}
          </p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Population</th>
                  <th scope="col">Owner</th>
                  <th scope="col" className="text-right">
                    Deal size
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.accounts.map((a) => (
                  <tr key={a.id}>
                    <td className="font-medium">{a.name}</td>
                    <td className="text-slate-600">{a.domain}</td>
                    <td>
                      <span className="badge">{POPULATION_SINGULAR[a.population]}</span>
                    </td>
                    <td className="text-slate-600">{a.ownerEmail ?? '—'}</td>
                    <td className="text-right">{formatMoney(a.dealSize, 'whole')}</td>
                    <td className="text-right">
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!confirm(`Remove ${a.name} from your list?`)) e.preventDefault()
                        }}
                      >
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={a.id} />
                        <button type="submit" className="text-sm text-red-700 hover:underline" aria-label={`Remove ${a.name}`}>
                          Remove
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={list.page} pageCount={pageCountOf(list.total, list.pageSize)} total={list.total} label="Pagination" href={href} />
      </section>
    </main>
  )
}
