import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { z } from 'zod'
import { PARTNERSHIP_STAGES, PLAN_CURRENCIES } from '#db/schema/partnerships.ts'
import { useIntentForm } from '#app/features/partnerships/ui.tsx'
import { CheckboxGroup, FormErrors, replyErrors, replyFor, SelectField, TextareaField, TextField, useFocusFirstError } from '#app/components/forms.tsx'
import { Alert } from '#app/features/accounts/ui.tsx'
import { isVendorAdmin } from '#app/features/auth/actor.ts'
import { createPartnership, moveStage, partnerChoices, partnershipBoard, updatePartnershipSettings } from '#app/features/partnerships/partnerships.server.ts'
import { CreatePartnershipSchema, DIMENSION_LABELS, MoveStageSchema, SettingsSchema, STAGE_LABELS } from '#app/features/partnerships/schemas.ts'
import { formIdSchema, orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { readForm } from '#app/utils/form.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partnerships board · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const [board, choices] = await Promise.all([orThrowResponse(partnershipBoard(actor)), orThrowResponse(partnerChoices(actor))])
  return { ...board, choices, vendorOrgId: actor.orgId, canEditSettings: isVendorAdmin(actor) }
}

const CreateForm = CreatePartnershipSchema.extend({ intent: z.literal('create') })
const MoveForm = MoveStageSchema.extend({ intent: z.literal('move'), partnershipId: formIdSchema('partnership') })
const SettingsForm = SettingsSchema.extend({ intent: z.literal('settings') })
const BoardForm = z.discriminatedUnion('intent', [CreateForm, MoveForm, SettingsForm])

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const formData = await readForm(request)
  const submission = parseSubmission(formData, BoardForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: BoardForm, idFields: ['partnershipId'] })
  const value = submission.value
  try {
    switch (value.intent) {
      case 'create': {
        const p = await createPartnership(actor, value)
        return redirectWithToast(`/partnerships/${p.id}`, { type: 'success', title: 'Partnership created', description: 'It starts in identification and qualification.' })
      }
      case 'move':
        await moveStage(actor, value.partnershipId, value)
        return redirectWithToast('/admin/partnerships', { type: 'success', title: `Moved to ${STAGE_LABELS[value.toStage]}` })
      case 'settings':
        await updatePartnershipSettings(actor, { ...submission.payload, currencies: formData.getAll('currencies') })
        return redirectWithToast('/admin/partnerships', { type: 'success', title: 'Strategic partnership rules saved' })
    }
  } catch (error) {
    return domainReply(submission, error, { schema: BoardForm })
  }
}

export default function PartnershipBoard() {
  const { columns, settings, strategicCount, overLimit, choices, vendorOrgId, canEditSettings } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const moveErrors = replyErrors(replyFor(lastResult, { intent: 'move' }))
  useFocusFirstError(moveErrors.length ? moveErrors : null)
  const [createForm, createFields] = useIntentForm('create-partnership', 'create', CreateForm, lastResult, { orgAId: vendorOrgId })
  const [settingsForm, settingsFields] = useIntentForm('partnership-settings', 'settings', SettingsForm, lastResult, {
    fitThreshold: String(settings.fitThreshold),
    strategicLimit: String(settings.strategicLimit),
    activationWindowDays: String(settings.activationWindowDays),
    currencies: settings.currencies,
  })
  const orgOptions = choices.map((c) => ({ value: c.id, label: c.kind === 'vendor' ? `${c.name} (vendor)` : c.name }))
  const empty = columns.every((c) => c.total === 0)
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Partnerships board</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every partnership by lifecycle stage. {strategicCount} strategic (the rules warn above {settings.strategicLimit}).{' '}
        <Link to="/admin/partnerships/portfolio" className="link">
          Their health in the portfolio
        </Link>
        .
      </p>
      {overLimit ? (
        <div className="mt-4">
          <Alert>
            {strategicCount} partnerships are strategic, more than {settings.strategicLimit}: executive attention does not scale. Consider concluding or de-designating some.
          </Alert>
        </div>
      ) : null}
      {moveErrors.length ? (
        <div className="mt-4">
          <Alert>{moveErrors.join(' ')}</Alert>
        </div>
      ) : null}

      <section aria-labelledby="board-heading" className="mt-6">
        <h2 id="board-heading" className="sr-only">
          Stages
        </h2>
        {empty ? <p className="card text-sm text-slate-600">No partnerships yet. Start one below: the vendor and a partner, or two partners.</p> : null}
        <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-6">
          {columns.map((col) => (
            <section key={col.stage} aria-labelledby={`col-${col.stage}`} className="rounded-md bg-slate-50 p-2" data-testid={`column-${col.stage}`}>
              <h3 id={`col-${col.stage}`} className="px-1 text-sm font-semibold text-slate-800">
                {col.label} <span className="font-normal text-slate-600">({col.total})</span>
              </h3>
              <ul className="mt-2 space-y-2">
                {col.cards.length === 0 ? <li className="px-1 text-xs text-slate-600">None</li> : null}
                {col.cards.map((card) => (
                  <li key={card.id} className="rounded border border-slate-200 bg-white p-2 text-sm">
                    <Link to={`/partnerships/${card.id}`} className="link font-medium">
                      {card.orgAName} + {card.orgBName}
                    </Link>
                    {card.strategic ? <span className="badge ml-1">Strategic</span> : null}
                    <p className="mt-1 text-xs text-slate-600">
                      {card.latestFit
                        ? `Fit: ${Object.entries(card.latestFit)
                            .map(([d, s]) => `${DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS].split(' ')[0]} ${s}`)
                            .join(', ')}`
                        : 'Fit not assessed'}
                    </p>
                    <Form method="post" className="mt-2 space-y-1">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="partnershipId" value={card.id} />
                      <label htmlFor={`move-${card.id}`} className="sr-only">
                        Move {card.orgAName} + {card.orgBName} to
                      </label>
                      <select id={`move-${card.id}`} name="toStage" defaultValue={card.stage} className="input text-xs">
                        {PARTNERSHIP_STAGES.map((s) => (
                          <option key={s} value={s}>
                            {STAGE_LABELS[s]}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`note-${card.id}`} className="sr-only">
                        Note on the move
                      </label>
                      <input id={`note-${card.id}`} name="note" className="input text-xs" placeholder="Note (optional)" maxLength={1000} />
                      <button type="submit" className="btn-secondary text-xs">
                        Move
                      </button>
                    </Form>
                  </li>
                ))}
                {col.total > col.cards.length ? (
                  <li className="px-1 text-xs text-slate-600">
                    …and {col.total - col.cards.length} more (see{' '}
                    <Link to="/partnerships" className="link">
                      the partnerships list
                    </Link>
                    ).
                  </li>
                ) : null}
              </ul>
            </section>
          ))}
        </div>
      </section>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading" className="text-lg font-semibold">
            Start a partnership
          </h2>
          <Form method="post" {...getFormProps(createForm)} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="create" />
            <FormErrors id={createForm.errorId} errors={createForm.errors} />
            <SelectField field={createFields.orgAId} label="First side (the vendor, or a partner)" options={orgOptions} />
            <SelectField field={createFields.orgBId} label="Partner" options={orgOptions.filter((o) => o.value !== vendorOrgId)} placeholder="Choose a partner" />
            <TextareaField field={createFields.note} label="Note (optional)" rows={2} />
            <button type="submit" className="btn-primary">
              Create partnership
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="rules-heading">
          <h2 id="rules-heading" className="text-lg font-semibold">
            Strategic partnership rules
          </h2>
          <Form method="post" {...getFormProps(settingsForm)} className="mt-3 space-y-3">
            <input type="hidden" name="intent" value="settings" />
            <FormErrors id={settingsForm.errorId} errors={settingsForm.errors} />
            <fieldset disabled={!canEditSettings} className="space-y-3">
              <TextField field={settingsFields.fitThreshold} label="Minimum fit score on every dimension to designate strategic (1–5)" type="number" />
              <TextField field={settingsFields.strategicLimit} label="Warn when more partnerships than this are strategic" type="number" />
              <TextField field={settingsFields.activationWindowDays} label="Default activation window of a plan (days)" type="number" />
              <CheckboxGroup field={settingsFields.currencies as never} label="Plan currencies" options={PLAN_CURRENCIES.map((c) => ({ value: c, label: c }))} />
              {canEditSettings ? (
                <button type="submit" className="btn-primary">
                  Save rules
                </button>
              ) : (
                <p className="text-sm text-slate-600">Only the vendor's admins change these rules.</p>
              )}
            </fieldset>
          </Form>
        </section>
      </div>
    </main>
  )
}
