import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { createCategory, deleteCategory, listCategories, updateCategory } from '#app/features/listings/categories.server.ts'
import { categoryCounts } from '#app/features/listings/public.server.ts'
import { CategoryFormSchema } from '#app/features/listings/schemas.ts'
import { formIdSchema, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { replyErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'

export const meta: MetaFunction = () => [{ title: 'Categories · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const [categories, counts] = await Promise.all([listCategories(), categoryCounts()])
  return { categories: categories.map((c) => ({ ...c, count: counts.get(c.id) ?? 0 })), canEdit: actor.role === 'vendor_admin' }
}

const Intent = z.discriminatedUnion('intent', [
  CategoryFormSchema.extend({ intent: z.literal('create') }),
  CategoryFormSchema.extend({ intent: z.literal('update'), id: formIdSchema('category') }),
  z.object({ intent: z.literal('delete'), id: formIdSchema('category') }),
])

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), Intent)
  if (submission.status !== 'success') return invalidReply(submission, { schema: Intent, idFields: ['intent', 'id'] })
  const v = submission.value
  try {
    if (v.intent === 'create') await createCategory(actor, v)
    else if (v.intent === 'update') await updateCategory(actor, v.id, v)
    else await deleteCategory(actor, v.id)
  } catch (error) {
    return domainReply(submission, error, { schema: Intent })
  }
  return redirectWithToast('/admin/categories', { type: 'success', title: v.intent === 'create' ? 'Category added' : v.intent === 'update' ? 'Category saved' : 'Category deleted' })
}

export default function Categories() {
  const { categories, canEdit } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  useFocusFirstError(lastResult)
  // Each row's form and the "add" form get only their own answer: its errors, all together under the form.
  const errorFor = (id: string | null) => replyErrors(id ? replyFor(lastResult, { id }) : replyFor(lastResult, { intent: 'create' })).join(' ') || null
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/listings" className="link">
          ← Listing review
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Categories</h1>
      <p className="mt-1 text-slate-600">The taxonomy partners pick from. Order by position; a category in use can be renamed but not deleted.</p>
      {!canEdit ? <p className="mt-4 text-sm text-slate-600">Only vendor admins change the taxonomy.</p> : null}
      <ul className="mt-6 space-y-3">
        {categories.length === 0 ? <li className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">No categories yet. Add the first below.</li> : null}
        {categories.map((c) => (
          <li key={c.id} className="card">
            <Form method="post" className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_5rem_auto]">
              <input type="hidden" name="id" value={c.id} />
              <div>
                <label htmlFor={`name-${c.id}`} className="label">
                  Name
                </label>
                <input id={`name-${c.id}`} name="name" defaultValue={c.name} className="input" disabled={!canEdit} required maxLength={60} />
              </div>
              <div>
                <label htmlFor={`slug-${c.id}`} className="label">
                  Slug
                </label>
                <input id={`slug-${c.id}`} name="slug" defaultValue={c.slug} className="input" disabled={!canEdit} maxLength={80} />
              </div>
              <div>
                <label htmlFor={`pos-${c.id}`} className="label">
                  Position
                </label>
                <input id={`pos-${c.id}`} name="position" type="number" min={0} defaultValue={c.position} className="input" disabled={!canEdit} />
              </div>
              <div className="flex gap-2">
                {canEdit ? (
                  <>
                    <button type="submit" name="intent" value="update" className="btn-secondary">
                      Save
                    </button>
                    <button type="submit" name="intent" value="delete" className="btn-danger" formNoValidate>
                      Delete
                    </button>
                  </>
                ) : null}
              </div>
              <div className="sm:col-span-4">
                <label htmlFor={`desc-${c.id}`} className="label">
                  Description
                </label>
                <input id={`desc-${c.id}`} name="description" defaultValue={c.description ?? ''} className="input" disabled={!canEdit} maxLength={300} />
                <p className="mt-1 text-xs text-slate-500">
                  {c.count} published listing(s) ·{' '}
                  <Link to={`/marketplace/category/${c.slug}`} className="link">
                    view
                  </Link>
                </p>
                {errorFor(c.id) ? (
                  <p role="alert" className="field-error">
                    {errorFor(c.id)}
                  </p>
                ) : null}
              </div>
            </Form>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" className="card mt-8 grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
          <h2 className="text-lg font-semibold sm:col-span-3">Add a category</h2>
          <div>
            <label htmlFor="new-name" className="label">
              Name
            </label>
            <input id="new-name" name="name" className="input" required maxLength={60} />
          </div>
          <div>
            <label htmlFor="new-slug" className="label">
              Slug (optional)
            </label>
            <input id="new-slug" name="slug" className="input" maxLength={80} />
          </div>
          <button type="submit" name="intent" value="create" className="btn-primary">
            Add
          </button>
          <div className="sm:col-span-3">
            <label htmlFor="new-desc" className="label">
              Description (optional)
            </label>
            <input id="new-desc" name="description" className="input" maxLength={300} />
          </div>
          {errorFor(null) ? (
            <p role="alert" className="field-error sm:col-span-3">
              {errorFor(null)}
            </p>
          ) : null}
        </Form>
      ) : null}
    </main>
  )
}
