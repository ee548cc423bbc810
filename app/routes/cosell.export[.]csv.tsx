import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportCosellCsv } from '#app/features/cosell/cosell.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

/** The co-sells the actor may see under the page's filters, as formula-safe CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const csv = await orThrowResponse(exportCosellCsv(actor, Object.fromEntries(new URL(request.url).searchParams)))
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cosell-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
