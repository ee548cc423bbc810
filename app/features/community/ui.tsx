import type { ReactNode } from 'react'
import type { TopicKind } from '#db/schema/community.ts'

/** A space's colour swatch and name. The colour is decoration: the name carries the meaning. */
export function SpaceName({ name, colour, children }: { name: string; colour: string; children?: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: colour }} />
      {children ?? name}
    </span>
  )
}

export function KindBadge({ kind, answered }: { kind: TopicKind; answered?: boolean }) {
  if (kind === 'discussion') return <span className="badge">Discussion</span>
  if (kind === 'request') return <span className="badge bg-sky-100 text-sky-900">Partner request</span>
  return answered ? <span className="badge bg-green-100 text-green-800">Answered</span> : <span className="badge bg-amber-100 text-amber-800">Question</span>
}

/** Who wrote a post: name, organization, and a mark for the vendor's team. */
export function Byline({ name, orgName, isVendor, children }: { name: string; orgName: string; isVendor?: boolean; children?: ReactNode }) {
  return (
    <p className="text-xs text-slate-600">
      <strong className="text-slate-800">{name}</strong> · {orgName}
      {isVendor ? <span className="badge ml-1 bg-brand-100 text-brand-800">Vendor team</span> : null}
      {children}
    </p>
  )
}

/** How many topics (or replies) the reader has not read yet; nothing when there are none. */
export function UnreadBadge({ count, what, isNew }: { count: number; what: 'topic' | 'reply'; isNew?: boolean }) {
  if (isNew)
    return (
      <span className="badge bg-brand-600 text-white" data-testid="unread">
        New
      </span>
    )
  if (count <= 0) return null
  const label = `${count.toLocaleString('en-US')} unread ${what === 'topic' ? (count === 1 ? 'topic' : 'topics') : count === 1 ? 'reply' : 'replies'}`
  return (
    <span className="badge bg-brand-100 text-brand-800" data-testid="unread" aria-label={label} title={label}>
      {count.toLocaleString('en-US')} unread
    </span>
  )
}
