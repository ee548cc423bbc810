import type { LoaderFunctionArgs } from '@remix-run/node'
import { isValidKey, storage } from '#app/features/listings/storage.server.ts'

/**
 * Uploaded images. Keys are random and content never changes under a key, so browsers and
 * CDNs may keep them for a year. Only re-encoded images are ever stored here.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const key = params['*'] ?? ''
  if (!isValidKey(key)) throw new Response('Not found', { status: 404 })
  const etag = `"${key.split('/').pop()}"`
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } })
  const file = await storage().get(key)
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.data.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
