import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxGroup, FormErrors, TextareaField, TextField } from '#app/components/forms.tsx'
import { INDUSTRY_OPTIONS, REGION_OPTIONS } from '#app/features/orgs/constants.ts'
import { getOwnProfile, updateOwnProfile } from '#app/features/listings/profiles.server.ts'
import { ProfileFormSchema } from '#app/features/listings/schemas.ts'
import { parseUploadForm } from '#app/features/listings/upload.server.ts'
import { Logo, TierBadge, label } from '#app/features/listings/ui/components.tsx'
import { requireActor } from '#app/utils/guards.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { domainReply, invalidReply, parseSubmission, refusalReply } from '#app/utils/submission.server.ts'

export const meta: MetaFunction = () => [{ title: 'Company profile · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const org = await getOwnProfile(actor)
  return {
    org: {
      name: org.name,
      slug: org.slug,
      kind: org.kind,
      status: org.status,
      partnerType: org.partnerType,
      tier: org.tier,
      tagline: org.tagline ?? '',
      description: org.description ?? '',
      website: org.website ?? '',
      regions: org.regions,
      industries: org.industries,
      skills: org.skills.join(', '),
      logoUrl: org.logoUrl,
    },
    canEdit: actor.role === 'partner_admin' || actor.role === 'vendor_admin',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request)
  let parsed
  try {
    parsed = await parseUploadForm(request, ['logo'])
  } catch (error) {
    return refusalReply(error)
  }
  const submission = parseSubmission(parsed.form, ProfileFormSchema)
  const replyOptions = { schema: ProfileFormSchema, maxChars: 100_000 }
  if (submission.status !== 'success') return invalidReply(submission, replyOptions)
  try {
    await updateOwnProfile(actor, submission.value, parsed.files.find((f) => f.field === 'logo') ?? null)
  } catch (error) {
    return domainReply(submission, error, replyOptions)
  }
  return redirectWithToast('/settings/profile', { type: 'success', title: 'Profile saved' })
}

export default function ProfileSettings() {
  const { org, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: actionData,
    defaultValue: org,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileFormSchema }),
  })
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Company profile</h1>
        {org.status === 'active' ? (
          <Link to={`/partners/${org.slug}`} className="link text-sm">
            View public page
          </Link>
        ) : null}
      </div>
      <div className="mt-4 flex items-center gap-4">
        <Logo src={org.logoUrl} name={org.name} size={64} />
        <div>
          <p className="font-semibold">{org.name}</p>
          <p className="flex flex-wrap gap-2 text-sm text-slate-600">
            {org.partnerType ? <span className="badge">{label(org.partnerType)}</span> : null}
            <TierBadge tier={org.tier} />
            <span className="text-xs">Type and tier are set by the partner team.</span>
          </p>
        </div>
      </div>
      {!canEdit ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">Only an admin of your organization can edit the profile.</p>
      ) : (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-6 space-y-5" noValidate>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.tagline} label="Tagline" hint="One line, up to 120 characters." />
          <TextareaField field={fields.description} label="Description" rows={6} />
          <TextField field={fields.website} label="Website" type="url" placeholder="https://" />
          <CheckboxGroup field={fields.regions} label="Regions" options={REGION_OPTIONS} />
          <CheckboxGroup field={fields.industries} label="Industries" options={INDUSTRY_OPTIONS} />
          <TextareaField field={fields.skills} label="Skills and certifications" rows={3} hint="Separated by commas, e.g. “AWS Advanced Partner, Kubernetes, ISO 27001”." />
          <fieldset className="space-y-2 rounded-md border border-slate-200 p-4">
            <legend className="label px-1">Logo</legend>
            <p className="text-xs text-slate-500">PNG, JPEG or WebP, up to 2 MB. It is checked, squared to 256×256 and re-encoded.</p>
            <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" aria-label="Upload a logo" className="block w-full text-sm" />
            {org.logoUrl ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="removeLogo" className="h-4 w-4" /> Remove the current logo
              </label>
            ) : null}
          </fieldset>
          <button type="submit" className="btn-primary">
            Save profile
          </button>
        </Form>
      )}
    </main>
  )
}
