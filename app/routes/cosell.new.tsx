import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { MappingTabs } from '#app/features/accounts/ui.tsx'
import { recordRequestConversion } from '#app/features/community/requests.server.ts'
import { leadPrefill, recordLeadConversion } from '#app/features/leads/leads.server.ts'
import { openCosell } from '#app/features/cosell/cosell.server.ts'
import { InviteSchema, OPEN_STAGES, OpenCosellSchema, PARTICIPANT_ROLES, ROLE_LABELS, STAGE_LABELS } from '#app/features/cosell/schemas.ts'
import { requireActor } from '#app/utils/guards.server.ts'
import { CosellPrefillSchema, prefillFrom } from '#app/utils/start-links.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { DateField, FormErrors, SelectField, TextareaField, TextField } from '#app/components/forms.tsx'
import { PartnerPicker } from '#app/components/partner-picker.tsx'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Open a co-sell opportunity · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const fromUrl = prefillFrom(CosellPrefillSchema, request.url)
  // Converting an inbound lead: the account and the invitation's message come from the lead.
  const lead = await leadPrefill(actor, fromUrl.fromLead)
  const prefill = lead
    ? { ...fromUrl, accountName: lead.accountName, accountDomain: lead.accountDomain, message: lead.need.slice(0, 1000), fromLead: lead.leadId }
    : { ...fromUrl, fromLead: undefined }
  return { prefill, isVendor: actor.orgKind === 'vendor' }
}

/** The form: the opportunity, and at most one partner to invite (more can be invited later). */
const OpenCosellForm = OpenCosellSchema.omit({ invites: true }).extend({
  /** A community partner request (and reply) it is started from. */
  fromTopic: z.string().trim().max(64).optional(),
  fromReply: z.string().trim().max(64).optional(),
  /** An inbound lead it is converted from. */
  fromLead: z.string().trim().max(64).optional(),
  invite: z.object({ partner: z.string().trim().max(200).optional(), role: InviteSchema.shape.role.optional(), message: InviteSchema.shape.message }).optional(),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), OpenCosellForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: OpenCosellForm })
  // The domain parses the fields itself (amounts become cents there): it gets them as sent.
  const {
    invite,
    fromTopic: _t,
    fromReply: _r,
    fromLead: _l,
    ...opportunity
  } = submission.payload as { invite?: Record<string, unknown>; fromTopic?: unknown; fromReply?: unknown; fromLead?: unknown }
  const input = { ...opportunity, invites: submission.value.invite?.partner ? [invite] : [] }
  try {
    const opp = await openCosell(actor, input)
    await recordRequestConversion(actor, { fromTopic: submission.value.fromTopic, fromReply: submission.value.fromReply }, 'cosell', opp.id)
    await recordLeadConversion(actor, submission.value.fromLead, 'cosell', opp.id)
    return redirectWithToast(`/cosell/${opp.id}`, { type: 'success', title: 'Co-sell opportunity opened', description: input.invites.length ? 'The partner has been invited.' : undefined })
  } catch (error) {
    return domainReply(submission, error, { schema: OpenCosellForm })
  }
}

export default function NewCosell() {
  const { prefill, isVendor } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'open-cosell',
    lastResult,
    constraint: getZodConstraint(OpenCosellForm),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenCosellForm }),
    defaultValue: {
      accountName: prefill.accountName,
      accountDomain: prefill.accountDomain,
      stage: 'prospect',
      fromTopic: prefill.fromTopic,
      fromReply: prefill.fromReply,
      fromLead: prefill.fromLead,
      invite: { partner: prefill.invite, role: 'implementation', message: prefill.message },
    },
  })
  const invite = fields.invite.getFieldset()
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <MappingTabs current="cosell" isPartner={!isVendor} />
      <h1 className="text-2xl font-bold text-slate-900">Open a co-sell opportunity</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {fields.fromTopic.initialValue ? (
          <p className="text-sm text-slate-600" data-testid="from-request">
            <input type="hidden" name={fields.fromTopic.name} value={fields.fromTopic.initialValue} />
            <input type="hidden" name={fields.fromReply.name} value={fields.fromReply.initialValue ?? ''} />
            Started from a partner request in the community: the invitation carries its details.
          </p>
        ) : null}
        {fields.fromLead.initialValue ? (
          <p className="text-sm text-slate-600" data-testid="from-lead">
            <input type="hidden" name={fields.fromLead.name} value={fields.fromLead.initialValue} />
            Converting an inbound lead: the account and the message come from it. Opening the opportunity marks the lead converted.
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.accountName} label="Account" />
          <TextField field={fields.accountDomain} label="Web domain (optional)" placeholder="example.com" />
          <TextField field={fields.amount} label="Amount, USD" placeholder="50000" />
          <SelectField field={fields.stage} label="Stage" options={OPEN_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} />
          <DateField field={fields.expectedCloseAt} label="Expected close" />
        </div>
        <TextareaField field={fields.nextSteps} label="Next steps (optional)" rows={2} />
        <fieldset className="rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-700">Invite a partner (optional — you can invite more later)</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <PartnerPicker name={invite.partner.name} id={invite.partner.id} label="Partner" defaultValue={invite.partner.initialValue} errors={invite.partner.errors} />
            <SelectField field={invite.role} label="Role" options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </div>
          <TextareaField field={invite.message} label="Message" rows={2} className="mt-3" />
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Open opportunity
          </button>
          <Link to="/cosell" className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </main>
  )
}
