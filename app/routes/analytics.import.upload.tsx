import type { ActionFunctionArgs } from '@remix-run/node'
import { assertVendorAdmin } from '#app/features/auth/actor.ts'
import { importSnapshot } from '#app/features/analytics/import.server.ts'
import { guard, requireVendor } from '#app/utils/guards.server.ts'
import { MAX_SNAPSHOT_BYTES, uploadSchema } from '#app/features/analytics/upload.ts'
import { readForm } from '#app/utils/form.server.ts'

/**
 * POST /analytics/import/upload (resource route): the snapshot upload with streamed progress —
 * one JSON line per step ({type:'progress', phase, done, total}) and a last {type:'result'}.
 * The page reads it with XMLHttpRequest to draw the progress bar; without JavaScript the form
 * posts to /analytics/import instead.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireVendor(context, request)
  guard(() => assertVendorAdmin(actor, "Only the vendor's admins can import an ecosystem snapshot."))
  const form = await readForm(request, { maxBytes: MAX_SNAPSHOT_BYTES + 1024 * 1024, maxFileBytes: MAX_SNAPSHOT_BYTES })
  const parsed = uploadSchema.safeParse({ snapshot: form.get('snapshot') })
  const encoder = new TextEncoder()
  const line = (obj: unknown) => encoder.encode(`${JSON.stringify(obj)}\n`)
  if (!parsed.success) {
    return new Response(line({ type: 'result', result: { ok: false, formError: parsed.error.issues.map((i) => i.message).join(' ') } }), {
      status: 400,
      headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' },
    })
  }
  const file = parsed.data.snapshot
  const text = await file.text()
  const stream = new ReadableStream({
    async start(controller) {
      try {
        const result = await importSnapshot(actor, text, { fileName: file.name, onProgress: (p) => controller.enqueue(line({ type: 'progress', ...p })) })
        controller.enqueue(line({ type: 'result', result }))
      } catch (error) {
        controller.enqueue(line({ type: 'result', result: { ok: false, formError: `The import failed: ${(error as Error).message}` } }))
      }
      controller.close()
    },
  })
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } })
}
