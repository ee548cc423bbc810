import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PARTNER_TYPE_LABELS, PARTNER_TYPES, TIER_LABELS } from '#db/vocab.ts'
import { CheckboxGroup, FormErrors, TextareaField, TextField } from '#app/components/forms.tsx'
import { createTrack, getTrack, updateTrack } from '#app/features/programs/programs.server.ts'
import { TrackSchema } from '#app/features/programs/schemas.ts'
import { mdfText } from '#app/features/programs/ui.tsx'
import { PROGRAM_METRIC_LABELS } from '#app/features/programs/vocab.ts'
import { metricValue } from '#app/features/programs/ui.tsx'
import { orThrowResponse, requireParamId, requireVendor } from '#app/utils/guards.server.ts'
import { readForm } from '#app/utils/form.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.track ? data.track.name : 'New track'} · Partner program · Partner Hub` }]

/** /admin/programs/tracks/new creates a track; /admin/programs/tracks/<id> edits one and lists its tiers. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const trackId = requireParamId(params.trackId, 'that track')
  if (trackId === 'new') return { track: null, tiers: [] }
  return orThrowResponse(getTrack(actor, trackId))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const trackId = requireParamId(params.trackId, 'that track')
  const formData = await readForm(request)
  const submission = parseSubmission(formData, TrackSchema)
  if (submission.status !== 'success') return invalidReply(submission, { schema: TrackSchema })
  const raw = { ...Object.fromEntries(formData), partnerTypes: formData.getAll('partnerTypes') }
  try {
    if (trackId === 'new') {
      const track = await createTrack(actor, raw as never)
      return redirectWithToast(`/admin/programs/tracks/${track.id}`, { type: 'success', title: 'Track created', description: 'Now add its tiers, from the entry tier up.' })
    }
    await updateTrack(actor, trackId, raw as never)
    return redirectWithToast(`/admin/programs/tracks/${trackId}`, { type: 'success', title: 'Track saved' })
  } catch (error) {
    return domainReply(submission, error, { schema: TrackSchema })
  }
}

export default function TrackPage() {
  const { track, tiers } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'track',
    lastResult,
    defaultValue: (track ? { name: track.name, description: track.description ?? '', partnerTypes: track.partnerTypes, position: String(track.position) } : { position: '0' }) as never,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackSchema }),
  })
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          Admin
        </Link>{' '}
        /{' '}
        <Link to="/admin/programs" className="link">
          Partner program
        </Link>{' '}
        /
      </p>
      <h1 className="text-2xl font-bold text-slate-900">{track ? track.name : 'New track'}</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-4 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="Track name" />
        <TextareaField field={fields.description as FieldMetadata<string | undefined>} label="Description (optional)" rows={2} />
        <CheckboxGroup
          field={fields.partnerTypes as FieldMetadata<string[] | undefined>}
          label="Partner types this track applies to"
          options={PARTNER_TYPES.map((p) => ({ value: p, label: PARTNER_TYPE_LABELS[p] }))}
        />
        <TextField field={fields.position as FieldMetadata<string | undefined>} label="Position (a partner is evaluated in the first track listing its type)" type="number" />
        <button type="submit" className="btn-primary">
          {track ? 'Save track' : 'Create track'}
        </button>
      </Form>
      {track ? (
        <section className="mt-8">
          <div className="flex items-center justify-between">
            <h2 className="text-lg font-semibold text-slate-900">Tiers</h2>
            <Link to={`/admin/programs/tracks/${track.id}/tiers/new`} className="btn-secondary">
              Add a tier
            </Link>
          </div>
          {tiers.length === 0 ? (
            <p className="card mt-2 text-slate-600">No tiers yet: add the entry tier first (rank 1).</p>
          ) : (
            <ol className="mt-2 space-y-3">
              {tiers.map((t) => (
                <li key={t.id} className="card">
                  <h3 className="font-semibold text-slate-900">
                    <Link to={`/admin/programs/tracks/${track.id}/tiers/${t.id}`} className="link">
                      {t.rank}. {t.name}
                    </Link>{' '}
                    <span className="text-sm font-normal text-slate-600">({TIER_LABELS[t.orgTier]} label)</span>
                  </h3>
                  <ul className="mt-1 text-sm text-slate-700">
                    {t.requirements.map((r) => (
                      <li key={r.id}>
                        {PROGRAM_METRIC_LABELS[r.metric]} ≥ {metricValue(r.metric, r.threshold)}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-1 text-xs text-slate-600">
                    Discount {t.discountBps / 100}% · MDF {mdfText(t)} · placement +{t.placementBoost} · co-sell {t.cosellPriority}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </main>
  )
}
