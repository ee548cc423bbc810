import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportTable } from '#app/features/analytics/export.server.ts'
import { defaultPeriod, filtersOf, isoDay, paramErrors, periodQuerySchema, searchParamsObject } from '#app/features/analytics/period.ts'
import { orThrowResponse, requireVendor } from '#app/utils/guards.server.ts'

/** /analytics/export/<table>.csv?from=…&to=…&type=…: one dashboard table as formula-safe CSV. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireVendor(context, request)
  const query = searchParamsObject(new URL(request.url).searchParams)
  const fallback = defaultPeriod()
  const parsed = periodQuerySchema.safeParse({ from: isoDay(fallback.from), to: isoDay(fallback.to), ...query })
  if (!parsed.success) {
    const errors = paramErrors(parsed.error)
    return new Response(
      Object.entries(errors)
        .map(([k, v]) => `${k}: ${v.join(' ')}`)
        .join('\n'),
      { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    )
  }
  const { filename, csv } = await orThrowResponse(exportTable(actor, params.table ?? '', { from: parsed.data.from, to: parsed.data.to }, filtersOf(parsed.data)))
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}
