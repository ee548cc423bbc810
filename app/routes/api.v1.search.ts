import type { LoaderFunctionArgs } from '@remix-run/node'
import { answerSearchApi } from '#app/features/search/api.server.ts'

/**
 * GET /api/v1/search (see answerSearchApi). The HTTP server answers it before Remix
 * (app/features/search/register.server.ts); this route serves it wherever Remix runs alone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const answer = await answerSearchApi(new URL(request.url).searchParams)
  return new Response(new Uint8Array(answer.body), { status: answer.status, headers: answer.headers })
}
