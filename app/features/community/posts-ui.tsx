import { Form, Link, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components'
import { REACTIONS, type Reaction } from '#db/schema/community.ts'
import { ErrorList } from '#app/components/forms.tsx'
import { LocalTime } from '#app/components/local-time.tsx'
import { MENTIONS_MAX, REACTION_LABELS, TAGS_MAX } from '#app/features/community/post-schemas.ts'
import { BODY_MAX } from '#app/features/community/schemas.ts'

type Summary = Record<Reaction, { count: number; mine: boolean }>

/**
 * A post's reactions: one small form per reaction, so it works without JavaScript; the button
 * says whether it is yours (aria-pressed) and how many gave it. Without the right to react (your
 * own post, or a read-only organization), only the counts show.
 */
export function ReactionBar({ postId, summary, canReact, page, postLabel }: { postId: string; summary: Summary | undefined; canReact: boolean; page: number; postLabel: string }) {
  const given = REACTIONS.filter((r) => (summary?.[r].count ?? 0) > 0)
  if (!canReact) {
    if (!given.length) return null
    return (
      <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={`Reactions to ${postLabel}`} data-testid="reactions">
        {given.map((r) => (
          <li key={r} className="rounded-full border border-slate-200 px-2 py-0.5">
            <span aria-hidden="true">
              {REACTION_LABELS[r].emoji} {summary![r].count}
            </span>
            <span className="sr-only">
              {REACTION_LABELS[r].label}: {summary![r].count}
            </span>
          </li>
        ))}
      </ul>
    )
  }
  return (
    <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={`React to ${postLabel}`} data-testid="reactions">
      {REACTIONS.map((r) => {
        const { count, mine } = summary?.[r] ?? { count: 0, mine: false }
        return (
          <li key={r}>
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="react" />
              <input type="hidden" name="postId" value={postId} />
              <input type="hidden" name="reaction" value={r} />
              {page > 1 ? <input type="hidden" name="page" value={page} /> : null}
              <button
                type="submit"
                aria-pressed={mine}
                aria-label={`${REACTION_LABELS[r].label}: ${count}`}
                title={mine ? `Remove your “${REACTION_LABELS[r].label}”` : REACTION_LABELS[r].label}
                className={`rounded-full border px-2 py-0.5 ${mine ? 'border-brand-600 bg-brand-50 text-brand-900' : 'border-slate-200 text-slate-700 hover:bg-slate-50'}`}
              >
                <span aria-hidden="true">
                  {REACTION_LABELS[r].emoji} {count}
                </span>
              </button>
            </Form>
          </li>
        )
      })}
    </ul>
  )
}

/** "edited" beside a post, a link to its earlier versions when there are some. */
export function EditedMark({ editedAt, revisions, historyHref }: { editedAt: string | Date | null; revisions: number; historyHref: string }) {
  if (!editedAt && !revisions) return null
  if (!revisions) return <> · edited</>
  return (
    <>
      {' · '}
      <Link to={historyHref} className="link" aria-label={`Edited: see ${revisions} earlier ${revisions === 1 ? 'version' : 'versions'}`}>
        edited
      </Link>
    </>
  )
}

/** "Quote" under a post: opens the page with the post quoted in the reply box (a plain link, so it works without JavaScript). */
export function QuoteLink({ href, authorName }: { href: string; authorName: string }) {
  return (
    <Link to={href} className="link text-sm" preventScrollReset aria-label={`Quote ${authorName} in your reply`}>
      Quote
    </Link>
  )
}

/** A topic's tags, each a link to the space filtered by it. */
export function TagList({ tags, spaceSlug }: { tags: string[]; spaceSlug: string }) {
  if (!tags.length) return null
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags" data-testid="topic-tags">
      {tags.map((t) => (
        <li key={t}>
          <Link to={`/community/${spaceSlug}?tag=${encodeURIComponent(t)}`} className="badge bg-slate-100 text-slate-700 hover:bg-slate-200">
            #{t}
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** The tags field of a topic form. */
export function TagsField({ id, defaultValue, errors }: { id: string; defaultValue?: string; errors?: string[] | null }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        Tags <span className="font-normal text-slate-500">(optional)</span>
      </label>
      <input id={id} name="tags" defaultValue={defaultValue} maxLength={400} className="input" aria-describedby={`${id}-hint`} aria-invalid={errors?.length ? true : undefined} />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Up to {TAGS_MAX}, separated by commas (e.g. “api, deal-registration”).
      </p>
      <ErrorList errors={errors ?? undefined} />
    </div>
  )
}

/** Follow or stop following the topic and its space. */
export function FollowButtons({ follows, spaceName }: { follows: { space: boolean; topic: boolean }; spaceName: string }) {
  return (
    <div className="flex flex-wrap gap-2" data-testid="follow-buttons">
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="follow" />
        <input type="hidden" name="follow" value="topic" />
        <input type="hidden" name="on" value={follows.topic ? 'off' : 'on'} />
        <button type="submit" className="btn-secondary" aria-pressed={follows.topic}>
          {follows.topic ? 'Following this topic' : 'Follow this topic'}
        </button>
      </Form>
      <Form method="post" preventScrollReset>
        <input type="hidden" name="intent" value="follow" />
        <input type="hidden" name="follow" value="space" />
        <input type="hidden" name="on" value={follows.space ? 'off' : 'on'} />
        <button type="submit" className="btn-secondary" aria-pressed={follows.space}>
          {follows.space ? `Following ${spaceName}` : `Follow ${spaceName}`}
        </button>
      </Form>
    </div>
  )
}

/** Edit your reply, in place (a disclosure with a form; works without JavaScript). */
export function EditReplyForm({ replyId, body, page, errors }: { replyId: string; body: string; page: number; errors?: string[] | null }) {
  return (
    <details className="mt-2 text-sm" open={Boolean(errors?.length)}>
      <summary className="cursor-pointer text-slate-600">Edit reply</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="edit-reply" />
        <input type="hidden" name="replyId" value={replyId} />
        {page > 1 ? <input type="hidden" name="page" value={page} /> : null}
        <label htmlFor={`edit-reply-${replyId}`} className="label">
          Your reply
        </label>
        <textarea id={`edit-reply-${replyId}`} name="body" defaultValue={body} rows={5} maxLength={BODY_MAX} className="input" aria-invalid={errors?.length ? true : undefined} />
        <ErrorList errors={errors ?? undefined} />
        <button type="submit" className="btn-secondary">
          Save reply
        </button>
      </Form>
    </details>
  )
}

/**
 * Saves the reply box as a draft on the server while you type (after a pause), so it survives a
 * reload or another device. Without JavaScript, the form's "Save draft" button does the same.
 */
export function useDraftAutosave(textareaId: string, resetKey?: string) {
  const fetcher = useFetcher<{ status?: 'success' | 'error' }>()
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const last = useRef<string | null>(null)
  const submit = useRef(fetcher.submit)
  submit.current = fetcher.submit
  useEffect(() => {
    const el = document.getElementById(textareaId) as HTMLTextAreaElement | null
    if (!el) return
    last.current = el.value
    const onInput = () => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        if (el.value === last.current) return
        last.current = el.value
        submit.current({ intent: 'draft', body: el.value, autosave: '1' }, { method: 'post' })
      }, 1200)
    }
    el.addEventListener('input', onInput)
    return () => {
      clearTimeout(timer.current)
      el.removeEventListener('input', onInput)
    }
  }, [textareaId, resetKey])
  return draftStatus(fetcher, Boolean(last.current?.trim()))
}

/** What a draft's autosave says: saving, saved (or discarded, when emptied), or that it failed. */
function draftStatus(fetcher: { state: string; data?: { status?: 'success' | 'error' } }, hasText: boolean) {
  if (fetcher.state !== 'idle') return 'Saving draft…'
  if (fetcher.data?.status === 'success') return hasText ? 'Draft saved' : 'Draft discarded'
  if (fetcher.data?.status === 'error') return 'Could not save the draft'
  return null
}

/**
 * The same for a whole form (the new-topic form): after a pause in typing or a change of choice,
 * its fields are saved on the server as a draft (`intent=draft`). Without JavaScript, the form's
 * "Save draft" button sends the same fields.
 */
export function useFormDraftAutosave(formId: string) {
  const fetcher = useFetcher<{ status?: 'success' | 'error' }>()
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const last = useRef<string | null>(null)
  const hasText = useRef(false)
  const submit = useRef(fetcher.submit)
  submit.current = fetcher.submit
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null
    if (!form) return
    const snapshot = () => {
      const fields = new FormData(form)
      fields.set('intent', 'draft')
      fields.set('autosave', '1')
      return fields
    }
    const keyOf = (fields: FormData) => JSON.stringify([...fields.entries()].map(([k, v]) => [k, String(v)]))
    last.current = keyOf(snapshot())
    const onInput = () => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        const fields = snapshot()
        const key = keyOf(fields)
        if (key === last.current) return
        last.current = key
        hasText.current = [...fields.entries()].some(([k, v]) => !['intent', 'autosave', 'kind'].includes(k) && String(v).trim())
        submit.current(fields, { method: 'post' })
      }, 1200)
    }
    // Sending the form (posting the topic, or "Save draft") ends the autosave: a save still
    // waiting would otherwise bring the draft back after the topic was posted.
    const onSubmit = () => {
      clearTimeout(timer.current)
      form.removeEventListener('input', onInput)
      form.removeEventListener('change', onInput)
    }
    form.addEventListener('input', onInput)
    form.addEventListener('change', onInput)
    form.addEventListener('submit', onSubmit)
    return () => {
      clearTimeout(timer.current)
      form.removeEventListener('input', onInput)
      form.removeEventListener('change', onInput)
      form.removeEventListener('submit', onSubmit)
    }
  }, [formId])
  return draftStatus(fetcher, hasText.current)
}

type Candidate = { kind: 'person' | 'organization'; id: string; handle: string; name: string; orgName: string }

/**
 * "Mention someone": an accessible combobox (React Aria) listing people and organizations who can
 * see the space; choosing one puts `@handle` (an organization's `@address`) into the reply box at the cursor. It needs JavaScript; without
 * it, typing `@handle` works the same (the hint says so).
 */
export function MentionPicker({ spaceSlug, textareaId }: { spaceSlug: string; textareaId: string }) {
  const [hydrated, setHydrated] = useState(false)
  const [text, setText] = useState('')
  const [items, setItems] = useState<Candidate[]>([])
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle')
  const [announce, setAnnounce] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const abort = useRef<AbortController>()
  useEffect(() => setHydrated(true), [])
  useEffect(() => () => (clearTimeout(timer.current), abort.current?.abort()), [])
  if (!hydrated) return null

  const load = (q: string) => {
    clearTimeout(timer.current)
    if (!q.trim()) return setItems([])
    timer.current = setTimeout(() => {
      abort.current?.abort()
      const controller = new AbortController()
      abort.current = controller
      setStatus('loading')
      fetch(`/community/${spaceSlug}/mentions?${new URLSearchParams({ q: q.trim().slice(0, 40) })}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ people: Candidate[] }>) : Promise.reject(new Error(String(r.status)))))
        .then(({ people }) => {
          setItems(people)
          setStatus('idle')
        })
        .catch((e: unknown) => {
          if ((e as Error).name !== 'AbortError') setStatus('error')
        })
    }, 150)
  }

  const insert = (person: Candidate) => {
    const el = document.getElementById(textareaId) as HTMLTextAreaElement | null
    if (!el) return
    const at = el.selectionStart ?? el.value.length
    const before = el.value.slice(0, at)
    const token = `${before && !/\s$/.test(before) ? ' ' : ''}@${person.handle} `
    const next = before + token + el.value.slice(el.selectionEnd ?? at)
    // Through the native setter, so React and the draft autosave see the change.
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, next)
    el.dispatchEvent(new Event('input', { bubbles: true }))
    // Back to writing, after the combobox has handled the choice (it would take the focus back);
    // the name typed is cleared once the focus has left, so the list does not open again.
    setTimeout(() => {
      el.focus()
      el.setSelectionRange(at + token.length, at + token.length)
      setText('')
      setItems([])
    }, 0)
    setAnnounce(`Mentioned ${person.name} as @${person.handle}.`)
  }

  return (
    <div className="max-w-sm">
      <ComboBox
        items={items}
        inputValue={text}
        onInputChange={(t) => {
          setText(t)
          load(t)
        }}
        onSelectionChange={(key) => {
          const person = items.find((i) => i.id === key)
          if (person) insert(person)
        }}
        selectedKey={null}
        menuTrigger="input"
        allowsEmptyCollection
        allowsCustomValue
      >
        <Label className="label">Mention someone</Label>
        <Input className="input" placeholder="Type a name or an organization" maxLength={40} data-testid="mention-picker" />
        <Popover className="w-[--trigger-width] overflow-auto rounded-md border border-slate-200 bg-white shadow-lg" offset={4}>
          <ListBox<Candidate>
            className="max-h-72 overflow-auto py-1 outline-none"
            renderEmptyState={() => (
              <p className="px-3 py-2 text-sm text-slate-600">
                {status === 'loading' ? 'Searching…' : status === 'error' ? 'Could not load people; type @ and their handle.' : 'Nobody who can see this space matches (people or organizations).'}
              </p>
            )}
          >
            {(item) => (
              <ListBoxItem id={item.id} textValue={item.name} className="cursor-pointer px-3 py-2 text-sm text-slate-800 outline-none data-[focused]:bg-sky-100">
                <Text slot="label">{item.name}</Text>
                <Text slot="description" className="ml-2 text-xs text-slate-600">
                  @{item.handle} · {item.kind === 'organization' ? 'organization: notifies its people' : item.orgName}
                </Text>
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <span className="sr-only" aria-live="polite">
        {status === 'loading' ? 'Searching people' : announce}
      </span>
    </div>
  )
}

/** The hint under the reply box. */
export function ReplyHint({ id, draftSavedAt }: { id: string; draftSavedAt: string | Date | null }) {
  return (
    <p id={id} className="text-xs text-slate-500">
      Markdown works here. Mention people or organizations who can see this space with @ and their handle or address (at most {MENTIONS_MAX} per post). Replies appear for everyone viewing the topic.
      {draftSavedAt ? (
        <>
          {' '}
          Your draft was saved <LocalTime value={draftSavedAt} />.
        </>
      ) : null}
    </p>
  )
}
