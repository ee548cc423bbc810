import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, FormErrors, replyFor, useFocusFirstError } from '#app/components/forms.tsx'
import { SPACE_VISIBILITIES } from '#db/schema/community.ts'
import { SegmentFields } from '#app/features/community/moderation-ui.tsx'
import { InviteOrgSchema, SpaceFormSchema, SpaceUpdateFormSchema, VISIBILITY_LABELS } from '#app/features/community/schemas.ts'
import { createSpace, invitablePartners, inviteOrgToSpace, listSpacesForAdmin, removeOrgFromSpace, updateSpace } from '#app/features/community/spaces.server.ts'
import { SpaceName } from '#app/features/community/ui.tsx'
import { readForm } from '#app/utils/form.server.ts'
import { formIdSchema, orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'
import { domainReply, invalidReply, parseSubmission } from '#app/utils/submission.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Community spaces · Admin · Partner Hub' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const [spaces, partners] = await Promise.all([orThrowResponse(listSpacesForAdmin(actor)), orThrowResponse(invitablePartners(actor))])
  return { spaces, partners }
}

const spaceId = formIdSchema('space')
const AdminForm = z.discriminatedUnion('intent', [
  SpaceFormSchema.extend({ intent: z.literal('create') }),
  SpaceUpdateFormSchema.extend({ intent: z.literal('update'), spaceId }),
  InviteOrgSchema.extend({ intent: z.literal('invite'), spaceId }),
  z.object({ intent: z.literal('remove'), spaceId, orgId: formIdSchema('organization') }),
])
const options = { schema: AdminForm, idFields: ['spaceId', 'orgId'] }

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  const submission = parseSubmission(await readForm(request), AdminForm)
  if (submission.status !== 'success') return invalidReply(submission, options)
  const value = submission.value
  const back = (title: string) => redirectWithToast('/admin/community', { type: 'success', title })
  try {
    switch (value.intent) {
      case 'create': {
        const space = await createSpace(actor, value)
        return back(`Space “${space.name}” created`)
      }
      case 'update': {
        const space = await updateSpace(actor, value.spaceId, value)
        return back(`Space “${space.name}” saved`)
      }
      case 'invite': {
        const org = await inviteOrgToSpace(actor, value.spaceId, value)
        return back(`${org.name} invited`)
      }
      case 'remove':
        await removeOrgFromSpace(actor, value.spaceId, value.orgId)
        return back('Organization removed from the space')
    }
  } catch (error) {
    return domainReply(submission, error, options)
  }
}

function VisibilitySelect({ id, defaultValue }: { id: string; defaultValue?: string }) {
  return (
    <select id={id} name="visibility" defaultValue={defaultValue ?? 'partners'} className="input">
      {SPACE_VISIBILITIES.map((v) => (
        <option key={v} value={v}>
          {VISIBILITY_LABELS[v]}
        </option>
      ))}
    </select>
  )
}

export default function AdminCommunity() {
  const { spaces, partners } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  useFocusFirstError(result?.error ? result : null)
  // Errors of a form about one space echo its id, so they show next to that space's form.
  const replyOf = (key: string) => {
    const [intent, id] = key.split(':')
    return replyFor(result, id ? { intent: intent!, spaceId: id } : { intent: intent! })
  }
  const errorsFor = (key: string) => replyOf(key)?.error ?? {}
  const messageFor = (key: string) => replyOf(key)?.error?.[''] ?? null
  const created = errorsFor('create')
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm">
        <Link to="/admin" className="link">
          ← Admin
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Community spaces</h1>
      <p className="mt-1 text-sm">
        <Link to="/admin/community/moderation" className="link">
          Moderation queue
        </Link>{' '}
        (reported posts and posts held for review)
      </p>
      <p className="mt-1 text-sm text-slate-600">
        Open spaces to every partner, to partners of chosen types, tiers or regions, keep one for the vendor’s team, or make one private to the organizations you invite. Partners see only what they
        may; anonymous visitors see nothing.
      </p>

      <section aria-labelledby="create-heading" className="card mt-6">
        <h2 id="create-heading" className="text-lg font-semibold">
          Create a space
        </h2>
        <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="create" />
          <div className="sm:col-span-2">
            <FormErrors errors={messageFor('create')} />
          </div>
          <div>
            <label htmlFor="new-name" className="label">
              Name
            </label>
            <input id="new-name" name="name" className="input" required maxLength={80} aria-invalid={created.name ? true : undefined} />
            <ErrorList errors={created.name} />
          </div>
          <div>
            <label htmlFor="new-slug" className="label">
              Address
            </label>
            <input id="new-slug" name="slug" className="input" required maxLength={60} aria-describedby="new-slug-hint" aria-invalid={created.slug ? true : undefined} />
            <p id="new-slug-hint" className="mt-1 text-xs text-slate-500">
              /community/<em>address</em>, e.g. co-sell-emea. It cannot change later.
            </p>
            <ErrorList errors={created.slug} />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="new-description" className="label">
              Description
            </label>
            <input id="new-description" name="description" className="input" maxLength={500} />
            <ErrorList errors={created.description} />
          </div>
          <div>
            <label htmlFor="new-colour" className="label">
              Colour
            </label>
            <input id="new-colour" name="colour" type="color" defaultValue="#4f46e5" className="h-10 w-20" />
            <ErrorList errors={created.colour} />
          </div>
          <div>
            <label htmlFor="new-visibility" className="label">
              Who can see it
            </label>
            <VisibilitySelect id="new-visibility" />
            <ErrorList errors={created.visibility} />
          </div>
          <SegmentFields idPrefix="new" errors={created.partnerTypes} />
          <div className="sm:col-span-2">
            <button type="submit" className="btn-primary">
              Create space
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="spaces-heading" className="mt-8">
        <h2 id="spaces-heading" className="text-lg font-semibold">
          Spaces ({spaces.length})
        </h2>
        {spaces.length === 0 ? <p className="mt-2 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No spaces yet: create the first one above.</p> : null}
        <ul className="mt-3 space-y-4">
          {spaces.map((s) => {
            const updateKey = `update:${s.id}`
            const inviteKey = `invite:${s.id}`
            const invitedIds = new Set(s.members.map((m) => m.orgId))
            return (
              <li key={s.id} className="card" data-testid={`admin-space-${s.slug}`}>
                <h3 className="font-semibold">
                  <Link to={`/community/${s.slug}`} className="link">
                    <SpaceName name={s.name} colour={s.colour} />
                  </Link>{' '}
                  <span className="text-xs font-normal text-slate-500">/community/{s.slug}</span>
                </h3>
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-slate-600">Edit {s.name}</summary>
                  <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-2">
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="spaceId" value={s.id} />
                    <div className="sm:col-span-2">
                      <FormErrors errors={messageFor(updateKey)} />
                    </div>
                    <div>
                      <label htmlFor={`name-${s.id}`} className="label">
                        Name
                      </label>
                      <input id={`name-${s.id}`} name="name" defaultValue={s.name} className="input" maxLength={80} />
                      <ErrorList errors={errorsFor(updateKey).name} />
                    </div>
                    <div>
                      <label htmlFor={`visibility-${s.id}`} className="label">
                        Who can see it
                      </label>
                      <VisibilitySelect id={`visibility-${s.id}`} defaultValue={s.visibility} />
                    </div>
                    <SegmentFields idPrefix={s.id} space={s} errors={errorsFor(updateKey).partnerTypes} />
                    <div className="sm:col-span-2">
                      <label htmlFor={`description-${s.id}`} className="label">
                        Description
                      </label>
                      <input id={`description-${s.id}`} name="description" defaultValue={s.description} className="input" maxLength={500} />
                      <ErrorList errors={errorsFor(updateKey).description} />
                    </div>
                    <div>
                      <label htmlFor={`colour-${s.id}`} className="label">
                        Colour
                      </label>
                      <input id={`colour-${s.id}`} name="colour" type="color" defaultValue={s.colour} className="h-10 w-20" />
                    </div>
                    <div className="self-end">
                      <button type="submit" className="btn-secondary">
                        Save space
                      </button>
                    </div>
                  </Form>
                </details>
                {s.visibility === 'orgs' ? (
                  <div className="mt-3 text-sm">
                    <h4 className="font-medium">Invited organizations ({s.members.length})</h4>
                    {s.members.length === 0 ? <p className="text-slate-600">None yet: only the vendor’s team sees this space.</p> : null}
                    <ul className="mt-1 space-y-1">
                      {s.members.map((m) => (
                        <li key={m.orgId} className="flex items-center gap-2">
                          {m.name}
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="spaceId" value={s.id} />
                            <input type="hidden" name="orgId" value={m.orgId} />
                            <button type="submit" className="link text-xs" aria-label={`Remove ${m.name} from ${s.name}`}>
                              Remove
                            </button>
                          </Form>
                        </li>
                      ))}
                    </ul>
                    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="invite" />
                      <input type="hidden" name="spaceId" value={s.id} />
                      <div>
                        <label htmlFor={`invite-${s.id}`} className="label">
                          Invite an organization
                        </label>
                        <select id={`invite-${s.id}`} name="org" className="input" defaultValue="">
                          <option value="" disabled>
                            Choose a partner
                          </option>
                          {partners
                            .filter((p) => !invitedIds.has(p.id))
                            .map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                              </option>
                            ))}
                        </select>
                      </div>
                      <button type="submit" className="btn-secondary">
                        Invite
                      </button>
                      <div className="w-full">
                        <FormErrors errors={messageFor(inviteKey)} />
                        <ErrorList errors={errorsFor(inviteKey).org} />
                      </div>
                    </Form>
                  </div>
                ) : (
                  <p className="mt-2 text-xs text-slate-600">Visible to: {VISIBILITY_LABELS[s.visibility]}</p>
                )}
              </li>
            )
          })}
        </ul>
      </section>
    </main>
  )
}
