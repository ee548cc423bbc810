import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportAccountsCsv } from '#app/features/accounts/accounts.server.ts'
import { orThrowResponse, requireActor } from '#app/utils/guards.server.ts'

/** The actor's own account list as CSV; every cell is formula-safe. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request)
  const csv = await orThrowResponse(exportAccountsCsv(actor))
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="accounts-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
