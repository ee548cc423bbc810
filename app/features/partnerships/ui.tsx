import { Link, useRevalidator } from '@remix-run/react'
import { useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z } from 'zod'
import { replyFor } from '#app/components/forms.tsx'
import { useEffect, useRef, useState } from 'react'
import type { PartnershipStage } from '#db/schema/partnerships.ts'
import { usePageSocket } from '#app/features/cosell/live.tsx'
import { STAGE_LABELS } from '#app/features/partnerships/schemas.ts'

/** Tabs of one partnership's pages. */
export function PartnershipTabs({ id, current }: { id: string; current: 'overview' | 'plan' | 'reviews' }) {
  const tabs = [
    { key: 'overview', to: `/partnerships/${id}`, label: 'Overview' },
    { key: 'plan', to: `/partnerships/${id}/plan`, label: 'Joint business plan' },
  ]
  return (
    <nav aria-label="Partnership" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((t) => (
        <Link
          key={t.key}
          to={t.to}
          aria-current={t.key === current ? 'page' : undefined}
          className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${t.key === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  )
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

/**
 * Live partnership page: who else is viewing it, and a reload of the page's data when an event
 * about the partnership arrives (the other side changed a commitment, signed, edited the draft).
 */
export function usePartnershipLive(partnershipId: string, me: string) {
  const { socket } = usePageSocket()
  const [viewers, setViewers] = useState<Viewer[]>([])
  const revalidator = useRevalidator()
  const ref = useRef(revalidator)
  ref.current = revalidator
  useEffect(() => {
    if (!socket) return
    const watch = () => socket.emit('partnership:watch', { partnershipId }, () => {})
    const onViewers = (msg: { partnershipId: string; users: Viewer[] }) => {
      if (msg.partnershipId === partnershipId) setViewers(msg.users.filter((u) => u.userId !== me))
    }
    const seen = new Set<number>()
    const onEvent = (event: LiveEvent) => {
      if (event.subjectId !== partnershipId || !event.type.startsWith('partnership.') || seen.has(event.id)) return
      seen.add(event.id)
      ref.current.revalidate()
    }
    socket.on('connect', watch)
    if (socket.connected) watch()
    socket.on('partnership:viewers', onViewers)
    socket.on('event', onEvent)
    return () => {
      socket.emit('partnership:unwatch', { partnershipId })
      socket.off('connect', watch)
      socket.off('partnership:viewers', onViewers)
      socket.off('event', onEvent)
    }
  }, [socket, partnershipId, me])
  return viewers
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
