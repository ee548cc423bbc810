import type { ActionFunctionArgs } from '@remix-run/node'
import type { Actor } from '#app/features/auth/actor.ts'

/** What a route action answered: a `data()` reply (data + init), a plain object, a redirect or a thrown Response. */
export type RouteReply = {
  data?: Record<string, unknown> & { status?: string; error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null }
  init?: { status?: number; headers?: HeadersInit } | null
  status?: number
  headers?: Headers
} & Record<string, unknown>

/** The form body of a POST: a record becomes FormData (an array value repeats its field). */
export function formBody(values: Record<string, string | string[]>) {
  const body = new FormData()
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
  return body
}

/**
 * Posts a form to a route's action as the signed-in `actor`, the way Remix calls it: a thrown
 * Response (the error page, a redirect) is returned like an answered one.
 */
export async function postToAction(
  action: (args: ActionFunctionArgs) => unknown,
  url: string,
  actor: Actor,
  values: Record<string, string | string[]> | FormData,
  params: Record<string, string> = {},
): Promise<RouteReply> {
  const body = values instanceof FormData ? values : formBody(values)
  const request = new Request(new URL(url, 'http://localhost'), { method: 'POST', body })
  return (await Promise.resolve(action({ request, context: { actor } as never, params })).catch((e: unknown) => e)) as RouteReply
}
