import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, replyFor, SelectField, TextareaField } from '#app/components/forms.tsx'
import { approveProposal, overrideTier } from '#app/features/programs/decisions.server.ts'
import { getStanding } from '#app/features/programs/programs.server.ts'
import { DecisionSchema } from '#app/features/programs/schemas.ts'
import { StandingSections } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireParamId, requireVendor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? 'Partner'} · Partner program · Partner Hub` }]

/** One partner's standing for the vendor's team, with the decision forms (approve the proposal, or set a tier with a reason). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const orgId = requireParamId(params.orgId, 'that partner')
  return orThrowResponse(getStanding(actor, orgId))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const orgId = requireParamId(params.orgId, 'that partner')
  const submission = parseSubmission(await readForm(request), DecisionSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: DecisionSchema })
  try {
    const v = submission.value
    const decided = v.intent === 'approve' ? await approveProposal(actor, orgId, v.reason) : await overrideTier(actor, orgId, v.tierId === 'none' ? null : v.tierId, v.reason)
    return redirectWithToast(`/admin/programs/partners/${orgId}`, { type: 'success', title: `Tier set: ${decided.toTierName ?? 'none'}`, description: 'The partner’s admins are notified.' })
  } catch (error) {
    return domainReply(submission, error, { schema: DecisionSchema })
  }
}

export default function PartnerStanding() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [approveForm, approveFields] = useForm({
    id: 'approve',
    lastResult: replyFor(lastResult, { intent: 'approve' }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  })
  const [overrideForm, overrideFields] = useForm({
    id: 'override',
    lastResult: replyFor(lastResult, { intent: 'override' }),
    defaultValue: { tierId: data.current?.id ?? 'none' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  })
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/programs" className="link">
          Partner program
        </Link>{' '}
        /{' '}
        <Link to="/admin/programs/partners" className="link">
          Standings
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{data.org.name}</h1>
      <StandingSections data={data} audience="vendor" />
      {data.standing ? (
        <section className="card mt-4 space-y-6" aria-labelledby="decide-heading">
          <h2 id="decide-heading" className="text-lg font-semibold text-slate-900">
            Decide the tier
          </h2>
          {data.proposed ? (
            <Form method="post" {...getFormProps(approveForm)} className="space-y-3">
              <input type="hidden" name="intent" value="approve" />
              <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
              <TextareaField field={approveFields.reason as FieldMetadata<string | undefined>} label="Note (optional)" rows={2} />
              <button type="submit" className="btn-primary">
                Approve: {data.proposed.tier?.name ?? 'no tier'}
              </button>
            </Form>
          ) : (
            <p className="text-sm text-slate-600">No proposal waiting.</p>
          )}
          <Form method="post" {...getFormProps(overrideForm)} className="space-y-3">
            <input type="hidden" name="intent" value="override" />
            <FormErrors id={overrideForm.errorId} errors={overrideForm.errors} />
            <SelectField
              field={overrideFields.tierId}
              label="Set the tier to"
              options={[...data.tiers.map((t) => ({ value: t.id, label: `${t.rank}. ${t.name}` })), { value: 'none', label: 'No tier' }]}
            />
            <TextareaField field={overrideFields.reason as FieldMetadata<string | undefined>} label="Reason (required)" rows={2} />
            <button type="submit" className="btn-secondary">
              {data.proposed ? 'Override the proposal' : 'Set tier'}
            </button>
          </Form>
        </section>
      ) : null}
    </main>
  )
}
