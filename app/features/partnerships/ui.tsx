import { useRevalidator } from '@remix-run/react'
import { useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z } from 'zod'
import { replyFor } from '#app/components/forms.tsx'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PartnershipStage } from '#db/schema/partnerships.ts'
import { usePageSocket } from '#app/features/cosell/live.tsx'
import { STAGE_LABELS } from '#app/features/partnerships/schemas.ts'
import { TabNav, type Tab } from '#app/components/tab-nav.tsx'

/** Tabs of one partnership's pages. */
export function PartnershipTabs({ id, current }: { id: string; current: 'overview' | 'plan' | 'reviews' }) {
  const tabs: Tab<typeof current>[] = [
    { key: 'overview', to: `/partnerships/${id}`, label: 'Overview' },
    { key: 'plan', to: `/partnerships/${id}/plan`, label: 'Joint business plan' },
  ]
  return <TabNav label="Partnership" tabs={tabs} current={current} />
}

export function StageBadge({ stage }: { stage: PartnershipStage }) {
  return (
    <span className="badge" data-testid="partnership-stage">
      {STAGE_LABELS[stage]}
    </span>
  )
}

type Viewer = { userId: string; name: string; orgName: string }
type LiveEvent = { id: number; type: string; subjectId: string }

type Typer = { userId: string; name: string; orgName: string }
const TYPING_SHOWN_MS = 6_000
const TYPING_IDLE_MS = 3_000

/**
 * Live partnership page: who else is viewing it, who is typing in its forms, and a reload of the
 * page's data when an event about the partnership arrives (the other side changed a commitment,
 * signed, edited the draft). `onTyping` goes on the forms (their input events): it tells the
 * others at most every couple of seconds, and that typing stopped after a pause.
 */
export function usePartnershipLive(partnershipId: string, me: string) {
  const { socket } = usePageSocket()
  const [viewers, setViewers] = useState<Viewer[]>([])
  const [typers, setTypers] = useState<(Typer & { until: number })[]>([])
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  const typingState = useRef<{ sentAt: number; idle: ReturnType<typeof setTimeout> | null }>({ sentAt: 0, idle: null })
  useEffect(() => {
    if (!socket) return
    const watch = () => socket.emit('partnership:watch', { partnershipId }, () => {})
    const onViewers = (msg: { partnershipId: string; users: Viewer[] }) => {
      if (msg.partnershipId === partnershipId) setViewers(msg.users.filter((u) => u.userId !== me))
    }
    const onTypingMsg = (msg: Typer & { partnershipId: string; typing: boolean }) => {
      if (msg.partnershipId !== partnershipId || msg.userId === me) return
      setTypers((prev) => [...prev.filter((t) => t.userId !== msg.userId), ...(msg.typing ? [{ userId: msg.userId, name: msg.name, orgName: msg.orgName, until: Date.now() + TYPING_SHOWN_MS }] : [])])
    }
    const seen = new Set<number>()
    const onEvent = (event: LiveEvent) => {
      if (event.subjectId !== partnershipId || !event.type.startsWith('partnership.') || seen.has(event.id)) return
      seen.add(event.id)
      ref.current.revalidate()
    }
    const expire = setInterval(() => setTypers((prev) => (prev.some((t) => t.until <= Date.now()) ? prev.filter((t) => t.until > Date.now()) : prev)), 1_000)
    socket.on('connect', watch)
    if (socket.connected) watch()
    socket.on('partnership:viewers', onViewers)
    socket.on('partnership:typing', onTypingMsg)
    socket.on('event', onEvent)
    return () => {
      clearInterval(expire)
      socket.emit('partnership:unwatch', { partnershipId })
      socket.off('connect', watch)
      socket.off('partnership:viewers', onViewers)
      socket.off('partnership:typing', onTypingMsg)
      socket.off('event', onEvent)
    }
  }, [socket, partnershipId, me])
  const onTyping = useCallback(() => {
    if (!socket?.connected) return
    const state = typingState.current
    const now = Date.now()
    if (now - state.sentAt > TYPING_IDLE_MS - 1_000) {
      state.sentAt = now
      socket.emit('partnership:typing', { partnershipId, typing: true }, () => {})
    }
    if (state.idle) clearTimeout(state.idle)
    state.idle = setTimeout(() => {
      state.sentAt = 0
      socket.emit('partnership:typing', { partnershipId, typing: false }, () => {})
    }, TYPING_IDLE_MS)
  }, [socket, partnershipId])
  return { viewers, typers: typers as Typer[], onTyping }
}

export function Typing({ typers }: { typers: Typer[] }) {
  return (
    <p className="min-h-5 text-sm italic text-slate-600" aria-live="polite" data-testid="plan-typing">
      {typers.length ? `${typers.map((t) => `${t.name} (${t.orgName})`).join(', ')} ${typers.length === 1 ? 'is' : 'are'} typing…` : ''}
    </p>
  )
}

export function Viewers({ viewers }: { viewers: Viewer[] }) {
  return (
    <p className="text-sm text-slate-600" aria-live="polite" data-testid="plan-viewers">
      {viewers.length ? `Also viewing: ${viewers.map((v) => `${v.name} (${v.orgName})`).join(', ')}` : 'Nobody else is viewing this plan right now.'}
    </p>
  )
}

export const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`

/** A Conform form for one intent of a page with several (fields as typed; the server parses them). */
export function useIntentForm(id: string, intent: string, schema: z.ZodTypeAny, lastResult: SubmissionResult<string[]> | undefined, defaultValue?: Record<string, unknown>) {
  return useForm<Record<string, string>>({
    id,
    lastResult: replyFor(lastResult, { intent }),
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: defaultValue as Record<string, string> | undefined,
  })
}
