import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PARTNER_TYPE_LABELS, TIER_LABELS } from '#db/vocab.ts'
import { FormErrors, replyFor, TextField } from '#app/components/forms.tsx'
import { evaluateNow } from '#app/features/programs/evaluation.server.ts'
import { getProgramSettings, listProposals, listTracks, updateProgramSettings } from '#app/features/programs/programs.server.ts'
import { ProgramSettingsFormSchema } from '#app/features/programs/schemas.ts'
import { dateText } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Partner program · Admin · Partner Hub' }]

const ProgramAdminForm = z.discriminatedUnion('intent', [z.object({ intent: z.literal('evaluate') }), ProgramSettingsFormSchema.extend({ intent: z.literal('settings') })])

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const [tracks, settings, proposals] = await Promise.all([orThrowResponse(listTracks(actor)), orThrowResponse(getProgramSettings(actor)), orThrowResponse(listProposals(actor))])
  return {
    tracks,
    settings: { downgradeGraceDays: String(settings.downgradeGraceDays), currencies: settings.currencies.join(', '), lastEvaluatedAt: settings.lastEvaluatedAt },
    pending: proposals.total,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), ProgramAdminForm)
  if (submission.status !== 'success') return invalidReply(submission, { schema: ProgramAdminForm })
  try {
    if (submission.value.intent === 'evaluate') {
      const result = await evaluateNow(actor)
      if (result.skipped) return redirectWithToast('/admin/programs', { type: 'info', title: 'An evaluation is already running', description: 'Try again in a minute.' })
      return redirectWithToast('/admin/programs', {
        type: 'success',
        title: 'Program evaluated',
        description: `${result.evaluated} partners evaluated; ${result.proposed} new proposal(s); ${result.inGrace} in downgrade grace.`,
      })
    }
    await updateProgramSettings(actor, submission.value)
    return redirectWithToast('/admin/programs', { type: 'success', title: 'Program settings saved' })
  } catch (error) {
    return domainReply(submission, error, { schema: ProgramAdminForm })
  }
}

export default function ProgramsAdmin() {
  const { tracks, settings, pending } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'program-settings',
    lastResult: replyFor(lastResult, { intent: 'settings' }),
    defaultValue: settings,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgramSettingsFormSchema }),
  })
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">Partner program</h1>
      <p className="mt-1 text-slate-600">
        Tracks and tiers partners earn from their results. The program is evaluated every night (last: {dateText(settings.lastEvaluatedAt)}); upgrades are proposed at once, downgrades after a grace
        period of {settings.downgradeGraceDays} days.
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Form method="post">
          <input type="hidden" name="intent" value="evaluate" />
          <button type="submit" className="btn-primary">
            Evaluate now
          </button>
        </Form>
        <Link to="/admin/programs/proposals" className="btn-secondary">
          Proposals{pending ? ` (${pending} waiting)` : ''}
        </Link>
        <Link to="/admin/programs/partners" className="btn-secondary">
          Partner standings
        </Link>
        <Link to="/admin/programs/tracks/new" className="btn-secondary">
          Add a track
        </Link>
      </div>

      <h2 className="mt-8 text-lg font-semibold text-slate-900">Tracks</h2>
      {tracks.length === 0 ? (
        <p className="card mt-2 text-slate-600">No tracks yet. Add one per partner type or motion (resell, technology, services, referral), then its tiers.</p>
      ) : (
        <ul className="mt-2 grid gap-4 sm:grid-cols-2">
          {tracks.map((t) => (
            <li key={t.id} className="card">
              <h3 className="font-semibold text-slate-900">
                <Link to={`/admin/programs/tracks/${t.id}`} className="link">
                  {t.name}
                </Link>
              </h3>
              <p className="text-xs text-slate-600">For: {t.partnerTypes.map((p) => PARTNER_TYPE_LABELS[p]).join(', ')}</p>
              {t.tiers.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">No tiers yet.</p>
              ) : (
                <ol className="mt-2 space-y-1 text-sm">
                  {t.tiers.map((tier) => (
                    <li key={tier.id}>
                      {tier.rank}. {tier.name} <span className="text-slate-600">({TIER_LABELS[tier.orgTier]} label)</span> — {tier.partners} {tier.partners === 1 ? 'partner' : 'partners'}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-8 text-lg font-semibold text-slate-900">Settings</h2>
      <Form method="post" {...getFormProps(form)} className="card mt-2 max-w-xl space-y-4">
        <input type="hidden" name="intent" value="settings" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.downgradeGraceDays as FieldMetadata<string | undefined>}
          label="Downgrade grace period (days)"
          type="number"
          hint="How long a partner below its tier keeps it before a downgrade is proposed."
        />
        <TextField field={fields.currencies} label="Currencies benefits may be stated in" hint="Three-letter codes separated by commas, like USD, EUR, GBP." />
        <button type="submit" className="btn-primary">
          Save settings
        </button>
      </Form>
    </main>
  )
}
