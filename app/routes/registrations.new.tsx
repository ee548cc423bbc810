import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { DateField, FormErrors, SelectField, TextareaField, TextField } from '#app/components/forms.tsx'
import { registrationCurrencies, submitRegistration } from '#app/features/registrations/registrations.server.ts'
import { leadPrefill, recordLeadConversion } from '#app/features/leads/leads.server.ts'
import { prefillFrom, RegistrationPrefillSchema } from '#app/utils/start-links.ts'
import { RegistrationInputSchema } from '#app/features/registrations/schemas.ts'
import { readForm } from '#app/utils/form.server.ts'
import { guard, requireActor } from '#app/utils/guards.server.ts'
import { forbidden } from '#app/utils/errors.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Register a deal · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  guard(() => {
    if (actor.orgKind !== 'partner') throw forbidden('Partners register deals; the vendor’s team approves them at /admin/registrations.')
  })
  const { fromLead } = prefillFrom(RegistrationPrefillSchema, request.url)
  const [currencies, lead] = await Promise.all([registrationCurrencies(), leadPrefill(actor, fromLead)])
  return { currencies, lead }
}

/** The form: the registration, and the inbound lead it is converted from (if any). */
const RegistrationForm = RegistrationInputSchema.extend({ fromLead: z.string().trim().max(64).optional() })

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const submission = parseSubmission(await readForm(request), RegistrationForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: RegistrationForm })
  try {
    // The domain parses the fields itself (amounts become minor units there): it gets them as sent.
    const { fromLead: _l, ...input } = submission.payload as Record<string, unknown>
    const { registration, notice } = await submitRegistration(actor, input)
    // Converted from an inbound lead: the lead links the registration (nothing if it is not the actor's).
    await recordLeadConversion(actor, submission.value.fromLead, 'registration', registration.id)
    return redirectWithToast(`/registrations/${registration.id}`, {
      type: notice.review ? 'info' : 'success',
      title: 'Deal registered: the vendor’s team will approve or reject it',
      description: notice.review ?? (notice.visible.length ? `Your organization already works this customer: ${notice.visible.join(' ')}` : undefined),
    })
  } catch (error) {
    return domainReply(submission, error, { schema: RegistrationForm })
  }
}

export default function NewRegistration() {
  const { currencies, lead } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  // Every field is text as typed (the amount, date and product list are parsed on the server).
  const [form, fields] = useForm<Record<string, string>>({
    id: 'register-deal',
    lastResult,
    constraint: getZodConstraint(RegistrationForm),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistrationForm as z.ZodTypeAny }),
    defaultValue: lead ? { currency: 'USD', accountName: lead.accountName, accountDomain: lead.accountDomain, notes: lead.need, fromLead: lead.leadId } : { currency: 'USD' },
  })
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to="/registrations" className="link">
          ← Deal registrations
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Register a deal</h1>
      <p className="mt-1 text-slate-600">
        Tell the vendor about an opportunity you are working. The vendor&apos;s team checks it against the deals already in the ecosystem and approves or rejects it; an approved registration protects
        you for the program&apos;s protection period.
      </p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4" noValidate>
        <FormErrors id={form.errorId} errors={form.errors} />
        {fields.fromLead.initialValue ? (
          <p className="text-sm text-slate-600" data-testid="from-lead">
            <input type="hidden" name={fields.fromLead.name} value={fields.fromLead.initialValue} />
            Converting an inbound lead: the customer and its message are filled in. Registering the deal marks the lead converted.
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField field={fields.accountName} label="Customer" />
          <TextField field={fields.accountDomain} label="Customer’s web domain (optional)" placeholder="example.com" hint="Helps the vendor match the customer exactly." />
          <TextField field={fields.amount} label="Deal value" placeholder="50000" />
          <SelectField field={fields.currency} label="Currency" options={currencies.map((c) => ({ value: c.code, label: c.code === 'USD' ? 'USD' : `${c.code} (1 ${c.code} = ${c.rate} USD)` }))} />
          <DateField field={fields.expectedCloseAt} label="Expected close" />
        </div>
        <TextField field={fields.products} label="Products" placeholder="Data Platform, Analytics add-on" hint="The vendor’s products in the deal, separated by commas." />
        <TextareaField field={fields.notes} label="Notes for the vendor (optional)" rows={3} />
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Register deal
          </button>
          <Link to="/registrations" className="btn-secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </main>
  )
}
