import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { assertOrgMayAct } from '#app/features/auth/actor.ts'
import { listCategories } from '#app/features/listings/categories.server.ts'
import { handleEditorPost, type EditorActionData } from '#app/features/listings/editor.server.ts'
import { counterpartOptions } from '#app/features/listings/integrations.server.ts'
import { ListingEditor } from '#app/features/listings/ui/listing-editor.tsx'
import { guard, requireActor } from '#app/utils/guards.server.ts'

export const meta: MetaFunction = () => [{ title: 'New listing · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  guard(() => assertOrgMayAct(actor, 'publish listings'))
  const [categories, counterparts] = await Promise.all([listCategories(), counterpartOptions(actor)])
  return { categories: categories.map((c) => ({ id: c.id, name: c.name })), counterparts }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  return handleEditorPost(request, actor, null)
}

export default function NewListing() {
  const { categories, counterparts } = useLoaderData<typeof loader>()
  const actionData = useActionData<EditorActionData>()
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link to="/manage/listings" className="link">
          ← Your listings
        </Link>
      </p>
      <h1 className="mb-6 mt-2 text-2xl font-bold text-slate-900">New listing</h1>
      <ListingEditor
        defaults={null}
        categories={categories}
        counterparts={counterparts}
        logoKey={null}
        screenshots={[]}
        slugLocked={false}
        kindLocked={false}
        lastResult={actionData}
        serverPreview={actionData?.preview}
        submitLabel="Create draft"
      />
    </main>
  )
}
