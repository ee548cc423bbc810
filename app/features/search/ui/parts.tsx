import { Form } from '@remix-run/react'
import type { HighlightPart } from '#search/types.ts'

/** Highlighted text rendered as React text nodes: document text is never parsed as HTML. */
export function Highlighted({ parts }: { parts: HighlightPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded bg-amber-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  )
}

/** A small search box for any page (e.g. the marketplace header): a plain GET form to /search. */
export function SearchBox({ defaultValue = '', className = '' }: { defaultValue?: string; className?: string }) {
  return (
    <Form method="get" action="/search" role="search" className={`flex gap-2 ${className}`}>
      <label htmlFor="site-search" className="sr-only">
        Search partners, listings and integrations
      </label>
      <input id="site-search" type="search" name="q" defaultValue={defaultValue} placeholder="Search partners, listings, integrations" className="input" maxLength={200} />
      <button type="submit" className="btn-secondary">
        Search
      </button>
    </Form>
  )
}
