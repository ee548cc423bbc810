import type { LoaderFunctionArgs } from '@remix-run/node'
import { isSampleFile, SAMPLE_FILES } from '#app/features/docs/docs.server.ts'

/** GET /docs/samples/<file>: a sample import file, generated from the importer's own schema. */
export async function loader({ params }: LoaderFunctionArgs) {
  const name = params.file ?? ''
  if (!isSampleFile(name))
    return new Response(`There is no sample "${name}". Samples: ${Object.keys(SAMPLE_FILES).join(', ')}.`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const file = SAMPLE_FILES[name]
  return new Response(await file.body(), {
    headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="sample-${name}"`, 'Cache-Control': 'no-store' },
  })
}
