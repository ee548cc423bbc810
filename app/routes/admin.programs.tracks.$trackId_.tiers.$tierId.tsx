import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TIER_LABELS, TIERS } from '#db/vocab.ts'
import { ErrorList, FormErrors, replyErrors, replyFor, SelectField, TextField } from '#app/components/forms.tsx'
import { deleteTier, getTrack, programCurrencies, saveTier } from '#app/features/programs/programs.server.ts'
import { thresholdField, TierSchema, windowField } from '#app/features/programs/schemas.ts'
import { COSELL_PRIORITIES, COSELL_PRIORITY_LABELS, MDF_PERIOD_LABELS, MDF_PERIODS, MONEY_METRICS, PROGRAM_METRIC_LABELS, PROGRAM_METRICS, STATE_METRICS } from '#app/features/programs/vocab.ts'
import { orThrowResponse, requireParamId, requireVendor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.tier ? data.tier.name : 'New tier'} · ${data?.track.name ?? 'Track'} · Partner Hub` }]

const DeleteForm = z.object({ intent: z.literal('delete') })

/** /admin/programs/tracks/<track>/tiers/new adds a tier; /tiers/<id> edits it (benefits and requirements) or removes it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const trackId = requireParamId(params.trackId, 'that track')
  const tierId = requireParamId(params.tierId, 'that tier')
  const { track, tiers } = await orThrowResponse(getTrack(actor, trackId))
  const tier = tierId === 'new' ? null : (tiers.find((t) => t.id === tierId) ?? null)
  if (tierId !== 'new' && !tier) throw new Response('We could not find that tier.', { status: 404 })
  return { track, tier, nextRank: (tiers.at(-1)?.rank ?? 0) + 1, currencies: await programCurrencies() }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const trackId = requireParamId(params.trackId, 'that track')
  const tierId = requireParamId(params.tierId, 'that tier')
  const formData = await readForm(request)
  if (formData.get('intent') === 'delete') {
    const submission = parseSubmission(formData, DeleteForm)
    if (submission.status !== 'success') return invalidReply(submission, { schema: DeleteForm })
    try {
      const tier = await deleteTier(actor, tierId)
      return redirectWithToast(`/admin/programs/tracks/${trackId}`, { type: 'success', title: `${tier.name} removed` })
    } catch (error) {
      return domainReply(submission, error, { schema: DeleteForm })
    }
  }
  const submission = parseSubmission(formData, TierSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: TierSchema })
  try {
    await saveTier(actor, trackId, tierId === 'new' ? null : tierId, Object.fromEntries(formData))
    return redirectWithToast(`/admin/programs/tracks/${trackId}`, { type: 'success', title: 'Tier saved', description: 'The next evaluation measures partners against it.' })
  } catch (error) {
    return domainReply(submission, error, { schema: TierSchema })
  }
}

const money = (minor: number | null | undefined) => (minor == null ? '' : String(minor / 100))

function NumberCell({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  const props = getInputProps(field as FieldMetadata<string | undefined>, { type: 'text' })
  return (
    <div>
      <label htmlFor={field.id} className="sr-only">
        {label}
      </label>
      <input {...props} key={props.key} inputMode="decimal" className="input" />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export default function TierPage() {
  const { track, tier, nextRank, currencies } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const defaults: Record<string, string> = tier
    ? {
        name: tier.name,
        rank: String(tier.rank),
        orgTier: tier.orgTier,
        feeType: tier.feeType,
        feePercent: tier.feePercentBps == null ? '' : String(tier.feePercentBps / 100),
        feeFixed: money(tier.feeFixedAmount),
        feeCap: money(tier.feeCapAmount),
        discountPercent: String(tier.discountBps / 100),
        mdfAmount: money(tier.mdfAmount),
        mdfCurrency: tier.mdfCurrency,
        mdfPeriod: tier.mdfPeriod,
        placementBoost: String(tier.placementBoost),
        cosellPriority: tier.cosellPriority,
        ...Object.fromEntries(
          tier.requirements.flatMap((r) => [
            [thresholdField(r.metric), MONEY_METRICS.includes(r.metric) ? money(r.threshold) : String(r.threshold)],
            [windowField(r.metric), String(r.windowDays)],
          ]),
        ),
      }
    : {
        rank: String(nextRank),
        orgTier: 'registered',
        feeType: 'none',
        discountPercent: '0',
        mdfAmount: '0',
        mdfCurrency: currencies[0] ?? 'USD',
        mdfPeriod: 'quarter',
        placementBoost: '0',
        cosellPriority: 'standard',
      }
  const [form, fields] = useForm({
    id: 'tier',
    lastResult: lastResult && (lastResult.initialValue as Record<string, unknown> | null)?.intent === 'delete' ? undefined : lastResult,
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TierSchema }),
  })
  const f = fields as unknown as Record<string, FieldMetadata<string | undefined>>
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin/programs" className="link">
          Partner program
        </Link>{' '}
        /{' '}
        <Link to={`/admin/programs/tracks/${track.id}`} className="link">
          {track.name}
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{tier ? `Tier: ${tier.name}` : 'New tier'}</h1>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <section className="card space-y-4">
          <h2 className="text-lg font-semibold text-slate-900">Tier</h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField field={fields.name} label="Name" />
            <TextField field={fields.rank} label="Rank (1 = entry tier)" type="number" />
            <SelectField field={fields.orgTier} label="Tier label on the partner" options={TIERS.map((t) => ({ value: t, label: TIER_LABELS[t] }))} />
          </div>
        </section>
        <section className="card space-y-4">
          <h2 className="text-lg font-semibold text-slate-900">Requirements</h2>
          <p className="text-sm text-slate-600">
            Enter a threshold for each metric that counts (at least one); leave the others empty. Amounts are in the reporting currency; windows are trailing days (not used for integrations and
            certifications, which count what holds now).
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Requirements of this tier</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className="py-1 pr-2 font-medium">
                  Metric
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  Threshold
                </th>
                <th scope="col" className="py-1 font-medium">
                  Window (days)
                </th>
              </tr>
            </thead>
            <tbody>
              {PROGRAM_METRICS.map((m) => (
                <tr key={m}>
                  <th scope="row" className="py-1 pr-2 font-normal text-slate-800">
                    {PROGRAM_METRIC_LABELS[m]}
                  </th>
                  <td className="py-1 pr-2">
                    <NumberCell field={f[thresholdField(m)]!} label={`${PROGRAM_METRIC_LABELS[m]}: threshold`} />
                  </td>
                  <td className="py-1">
                    {STATE_METRICS.includes(m) ? <span className="text-slate-600">now</span> : <NumberCell field={f[windowField(m)]!} label={`${PROGRAM_METRIC_LABELS[m]}: window in days`} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card space-y-4">
          <h2 className="text-lg font-semibold text-slate-900">Benefits</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              field={fields.feeType}
              label="Default referral fee"
              options={[
                { value: 'none', label: 'No fee' },
                { value: 'percent', label: 'A percentage of the won amount' },
                { value: 'fixed', label: 'A fixed amount' },
              ]}
            />
            <TextField field={f.feePercent!} label="Fee percentage" />
            <TextField field={f.feeFixed!} label="Fixed fee" />
            <TextField field={f.feeCap!} label="Fee cap (optional)" />
            <TextField field={fields.discountPercent} label="Discount (%)" />
            <TextField field={fields.mdfAmount} label="MDF budget" />
            <SelectField field={fields.mdfCurrency} label="MDF currency" options={currencies.map((c) => ({ value: c, label: c }))} />
            <SelectField field={fields.mdfPeriod} label="MDF period" options={MDF_PERIODS.map((p) => ({ value: p, label: MDF_PERIOD_LABELS[p] }))} />
            <TextField field={fields.placementBoost} label="Marketplace placement boost (0–100)" type="number" />
            <SelectField field={fields.cosellPriority} label="Co-sell priority" options={COSELL_PRIORITIES.map((p) => ({ value: p, label: COSELL_PRIORITY_LABELS[p] }))} />
          </div>
        </section>
        <button type="submit" className="btn-primary">
          {tier ? 'Save tier' : 'Create tier'}
        </button>
      </Form>
      {tier ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="delete" />
          <FormErrors errors={replyErrors(replyFor(lastResult, { intent: 'delete' }))} />
          <button type="submit" className="btn-secondary">
            Remove this tier
          </button>
        </Form>
      ) : null}
    </main>
  )
}
