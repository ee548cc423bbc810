/** The contact form for an organization, from its profile or (with `listingSlug`) from one of its listings. Browser-safe. */
export const contactHref = (orgSlug: string, listingSlug?: string) => `/contact/${encodeURIComponent(orgSlug)}${listingSlug ? `?listing=${encodeURIComponent(listingSlug)}` : ''}`
