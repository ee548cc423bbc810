import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { DateField, FormErrors, replyErrors, replyFor, TextField } from '#app/components/forms.tsx'
import { isOrgAdmin, orgMayAct } from '#app/features/auth/actor.ts'
import { addCertification, expireCertification, getStanding, removeCertification } from '#app/features/programs/programs.server.ts'
import { CertificationAddSchema, CertificationRowSchema } from '#app/features/programs/schemas.ts'
import { dateText, StandingSections } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Program standing · Partner Hub' }]

/** A partner's own standing in the program, and its people's certifications (admins manage them). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  if (actor.orgKind === 'vendor') throw redirect('/admin/programs')
  const data = await orThrowResponse(getStanding(actor, actor.orgId))
  return { ...data, canManage: isOrgAdmin(actor) && orgMayAct(actor), now: new Date().toISOString() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  const formData = await readForm(request)
  if (formData.get('intent') === 'add') {
    const submission = parseSubmission(formData, CertificationAddSchema)
    if (submission.status !== 'success') return invalidReply(submission, { schema: CertificationAddSchema })
    try {
      const v = submission.value
      await addCertification(actor, { ...v, issuedAt: v.issuedAt.toISOString().slice(0, 10), expiresAt: v.expiresAt.toISOString().slice(0, 10) })
      return redirectWithToast('/program', { type: 'success', title: 'Certification added', description: 'It counts from the next evaluation.' })
    } catch (error) {
      return domainReply(submission, error, { schema: CertificationAddSchema })
    }
  }
  const submission = parseSubmission(formData, CertificationRowSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: CertificationRowSchema, idFields: ['certificationId'] })
  try {
    const v = submission.value
    if (v.intent === 'expire') await expireCertification(actor, v.certificationId)
    else await removeCertification(actor, v.certificationId)
    return redirectWithToast('/program', { type: 'success', title: v.intent === 'expire' ? 'Certification expired' : 'Certification removed' })
  } catch (error) {
    return domainReply(submission, error, { schema: CertificationRowSchema })
  }
}

export default function ProgramPage() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'certification',
    lastResult: replyFor(lastResult, { intent: 'add' }),
    // Checked on the server only: the add form shares its schema (a union) with the row buttons.
  })
  const f = fields as unknown as Record<string, FieldMetadata<string | undefined>>
  const now = new Date(data.now).getTime()
  const rowErrors = [...replyErrors(replyFor(lastResult, { intent: 'expire' })), ...replyErrors(replyFor(lastResult, { intent: 'remove' }))]
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">Program standing — {data.org.name}</h1>
      <p className="mt-1 text-slate-600">Your tier in the partner program, what each tier asks for, how far you are from the next one, and your tier’s benefits.</p>
      <StandingSections data={data} audience="partner" />
      <section className="card mt-4" aria-labelledby="certs-heading">
        <h2 id="certs-heading" className="text-lg font-semibold text-slate-900">
          Certified people
        </h2>
        <FormErrors errors={rowErrors} />
        {data.certifications.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No certifications recorded yet.</p>
        ) : (
          <table className="table-stack mt-2 w-full text-left text-sm" data-testid="certifications-table">
            <caption className="sr-only">Certifications</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-2 font-medium">
                  Person
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Certification
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Valid
                </th>
                <th scope="col" className="py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.certifications.map((c) => {
                const active = new Date(c.expiresAt).getTime() > now && new Date(c.issuedAt).getTime() <= now
                return (
                  <tr key={c.id} className="border-b border-slate-100">
                    <td className="py-1 pr-2">
                      {c.personName}
                      {c.personEmail ? <span className="block text-xs text-slate-600">{c.personEmail}</span> : null}
                    </td>
                    <td className="py-1 pr-2" data-label="Certification">
                      {c.name}
                    </td>
                    <td className="py-1 pr-2" data-label="Valid">
                      {dateText(c.issuedAt)} – {dateText(c.expiresAt)} {active ? <span className="badge bg-green-100 text-green-800">Active</span> : <span className="badge">Not active</span>}
                    </td>
                    <td className="py-1">
                      {data.canManage ? (
                        <div className="flex flex-wrap gap-2">
                          {active ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="expire" />
                              <input type="hidden" name="certificationId" value={c.id} />
                              <button type="submit" className="btn-secondary" aria-label={`Expire ${c.name} of ${c.personName}`}>
                                Expire
                              </button>
                            </Form>
                          ) : null}
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="certificationId" value={c.id} />
                            <button type="submit" className="btn-secondary" aria-label={`Remove ${c.name} of ${c.personName}`}>
                              Remove
                            </button>
                          </Form>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        {data.canManage ? (
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-3">
            <h3 className="font-medium text-slate-900">Add a certification</h3>
            <input type="hidden" name="intent" value="add" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField field={f.personName!} label="Person’s name" />
              <TextField field={f.personEmail!} label="Person’s e-mail (optional)" type="email" />
              <TextField field={f.name!} label="Certification" />
              <span />
              <DateField field={f.issuedAt!} label="Issued on" />
              <DateField field={f.expiresAt!} label="Expires on" />
            </div>
            <button type="submit" className="btn-primary">
              Add certification
            </button>
          </Form>
        ) : null}
      </section>
    </main>
  )
}
