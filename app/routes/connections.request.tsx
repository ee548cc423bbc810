import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { assertMappingPartner, requestConnection } from '#app/features/accounts/connections.server.ts'
import { RequestConnectionSchema } from '#app/features/accounts/schemas.ts'
import { SharingFields } from '#app/features/accounts/sharing-fields.tsx'
import { MappingTabs } from '#app/features/accounts/ui.tsx'
import { assertOrgAdmin } from '#app/features/auth/actor.ts'
import { guard, requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { FormErrors, TextareaField } from '#app/components/forms.tsx'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Request a connection · Partner Hub' }]

/** GET /connections/request?partner=<slug> — the partner page's "Request connection" button lands here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  if (actor.orgKind === 'vendor') throw redirect('/cosell')
  guard(() => assertMappingPartner(actor))
  guard(() => assertOrgAdmin(actor, 'Only an admin of your organization can connect it with a partner.'))
  const partner = z
    .string()
    .trim()
    .max(200)
    .catch('')
    .parse(new URL(request.url).searchParams.get('partner') ?? '')
  return { partner }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), RequestConnectionSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: RequestConnectionSchema })
  try {
    const conn = await requestConnection(actor, submission.value)
    return redirectWithToast('/connections', { type: 'success', title: `Connection requested`, description: `${conn.partner.name} will be asked to accept.` })
  } catch (error) {
    return domainReply(submission, error, { schema: RequestConnectionSchema })
  }
}

export default function RequestConnection() {
  const { partner } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'request-connection',
    lastResult,
    constraint: getZodConstraint(RequestConnectionSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestConnectionSchema }),
    defaultValue: { partner },
  })
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <MappingTabs current="connections" isPartner />
      <h1 className="text-2xl font-bold text-slate-900">Request a connection</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <PartnerPicker name={fields.partner.name} id={fields.partner.id} label="Partner" defaultValue={fields.partner.initialValue} errors={fields.partner.errors} />
        <TextareaField field={fields.message} label="Message (optional)" rows={3} />
        <SharingFields />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Send request
          </button>
          <Link to="/connections" className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </main>
  )
}
