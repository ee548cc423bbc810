import type { MetaDescriptor } from '@remix-run/node'

export type Seo = { title: string; description: string; canonical: string; image?: string | null; type?: 'website' | 'article' | 'profile'; noindex?: boolean }

/** Title, description, canonical link and Open Graph / Twitter tags for a public page. */
export function seoMeta(seo: Seo | undefined | null): MetaDescriptor[] {
  if (!seo) return [{ title: 'Not found · Partner Hub' }]
  const title = `${seo.title} · Partner Hub`
  const description = seo.description.length > 160 ? `${seo.description.slice(0, 157).trimEnd()}…` : seo.description
  const tags: MetaDescriptor[] = [
    { title },
    { name: 'description', content: description },
    { tagName: 'link', rel: 'canonical', href: seo.canonical },
    { property: 'og:title', content: seo.title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: seo.canonical },
    { property: 'og:type', content: seo.type ?? 'website' },
    { property: 'og:site_name', content: 'Partner Hub' },
    { name: 'twitter:card', content: seo.image ? 'summary_large_image' : 'summary' },
  ]
  if (seo.image) tags.push({ property: 'og:image', content: seo.image })
  if (seo.noindex) tags.push({ name: 'robots', content: 'noindex' })
  return tags
}
