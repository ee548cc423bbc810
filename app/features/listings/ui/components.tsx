import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { KIND_LABELS, PRICING_LABELS } from '#app/features/listings/schemas.ts'

export const mediaUrl = (key: string | null | undefined) => (key ? `/uploads/${key}` : null)

const STATUS_STYLE: Record<string, string> = {
  draft: 'bg-slate-100 text-slate-700',
  in_review: 'bg-amber-100 text-amber-800',
  published: 'bg-green-100 text-green-800',
  rejected: 'bg-red-100 text-red-800',
  archived: 'bg-slate-200 text-slate-600',
  superseded: 'bg-slate-100 text-slate-600',
  withdrawn: 'bg-slate-100 text-slate-600',
  pending: 'bg-amber-100 text-amber-800',
  confirmed: 'bg-green-100 text-green-800',
  declined: 'bg-red-100 text-red-800',
}
const STATUS_LABEL: Record<string, string> = { in_review: 'In review' }

export function StatusBadge({ status }: { status: string }) {
  const label = STATUS_LABEL[status] ?? status.charAt(0).toUpperCase() + status.slice(1).replace('_', ' ')
  return (
    <span className={`badge ${STATUS_STYLE[status] ?? ''}`} data-status={status}>
      {label}
    </span>
  )
}

export function TierBadge({ tier }: { tier: string | null | undefined }) {
  if (!tier) return null
  const style: Record<string, string> = {
    platinum: 'bg-indigo-100 text-indigo-800',
    gold: 'bg-yellow-100 text-yellow-800',
    silver: 'bg-slate-200 text-slate-700',
    registered: 'bg-slate-100 text-slate-600',
  }
  return <span className={`badge ${style[tier] ?? ''}`}>{tier.charAt(0).toUpperCase() + tier.slice(1)} partner</span>
}

export function Logo({ src, name, size = 48 }: { src: string | null | undefined; name: string; size?: number }) {
  if (src) return <img src={src} alt="" width={size} height={size} className="shrink-0 rounded-md border border-slate-200 bg-white object-contain" loading="lazy" />
  return (
    <span aria-hidden style={{ width: size, height: size }} className="inline-flex shrink-0 items-center justify-center rounded-md bg-brand-100 font-semibold text-brand-800">
      {name.slice(0, 1).toUpperCase()}
    </span>
  )
}

export type CardData = {
  slug: string
  kind: string
  title: string
  summary: string
  logoKey: string | null
  pricingModel: string
  orgName: string
  orgSlug: string
  tier?: string | null
}

export function ListingCard({ card }: { card: CardData }) {
  return (
    <li className="card flex flex-col gap-3" data-testid="listing-card" data-slug={card.slug}>
      <div className="flex items-start gap-3">
        <Logo src={mediaUrl(card.logoKey)} name={card.title} />
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">
            <Link to={`/listings/${card.slug}`} className="link">
              {card.title}
            </Link>
          </h3>
          <p className="text-sm text-slate-500">
            by{' '}
            <Link to={`/partners/${card.orgSlug}`} className="hover:underline">
              {card.orgName}
            </Link>
          </p>
        </div>
      </div>
      <p className="line-clamp-3 text-sm text-slate-700">{card.summary}</p>
      <div className="mt-auto flex flex-wrap gap-2">
        <span className="badge">{KIND_LABELS[card.kind as keyof typeof KIND_LABELS] ?? card.kind}</span>
        <span className="badge">{PRICING_LABELS[card.pricingModel as keyof typeof PRICING_LABELS] ?? card.pricingModel}</span>
      </div>
    </li>
  )
}

export function CardGrid({ cards, empty }: { cards: CardData[]; empty: ReactNode }) {
  if (cards.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">{empty}</p>
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((c) => (
        <ListingCard key={c.slug} card={c} />
      ))}
    </ul>
  )
}

/** Sanitized HTML rendered on the server (see markdown.server.ts). */
export function Prose({ html, className = '' }: { html: string; className?: string }) {
  return (
    <div
      className={`max-w-none text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-4 [&_blockquote]:text-slate-600 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h2]:mb-2 [&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mb-2 [&_h3]:mt-4 [&_h3]:text-lg [&_h3]:font-semibold [&_li]:my-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_table]:my-3 [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6 ${className}`}
      // A code block that scrolls sideways must be reachable by keyboard to be scrolled.
      dangerouslySetInnerHTML={{ __html: html.replace(/<pre(?=[\s>])/g, '<pre tabindex="0"') }}
    />
  )
}

export const label = (value: string) => value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase())

/** How long an item has waited, for the review queue. */
export function formatAge(hours: number) {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`
  if (hours < 48) return `${Math.round(hours)} h`
  return `${Math.round(hours / 24)} days`
}

type PreviewVersion = {
  title: string
  summary: string
  logoKey?: string | null
  bodyHtml: string
  screenshots: { key: string; alt: string; width?: number; height?: number }[]
}

/** A version rendered the way the public will see it: for the partner's draft and the reviewer's candidate. */
export function VersionPreview({ version, testId }: { version: PreviewVersion; testId?: string }) {
  return (
    <div className="card mt-2" data-testid={testId}>
      <div className="flex items-start gap-4">
        {version.logoKey !== undefined ? <Logo src={mediaUrl(version.logoKey)} name={version.title} size={64} /> : null}
        <div>
          <p className="text-xl font-bold text-slate-900">{version.title}</p>
          <p className="mt-1 text-slate-600">{version.summary}</p>
        </div>
      </div>
      {version.screenshots.length ? (
        <ul className="mt-4 flex gap-3 overflow-x-auto">
          {version.screenshots.map((s) => (
            <li key={s.key} className="shrink-0">
              <img src={`/uploads/${s.key}`} alt={s.alt} width={s.width} height={s.height} className="h-32 w-auto rounded border border-slate-200" />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-4">
        <Prose html={version.bodyHtml} />
      </div>
    </div>
  )
}

/** Back link, title, status and kind badges at the top of a listing's management or review page. */
export function ListingPageHeading({
  back,
  title,
  status,
  kind,
  children,
}: {
  back: { to: string; label: string }
  title: string
  status: string
  kind: keyof typeof KIND_LABELS
  children?: ReactNode
}) {
  return (
    <>
      <p className="text-sm">
        <Link to={back.to} className="link">
          ← {back.label}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        <StatusBadge status={status} />
        <span className="badge">{KIND_LABELS[kind]}</span>
        {children}
      </div>
    </>
  )
}
