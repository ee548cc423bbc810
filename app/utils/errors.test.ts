import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DomainError, errorHeaders } from '#app/utils/errors.ts'
import { toResponse } from '#app/utils/guards.server.ts'
import { domainReply, refusalReply } from '#app/utils/submission.server.ts'

/** Whatever path a 429 takes to the client, it says when to retry (issue 13, item 7). */
describe('Retry-After on every 429', () => {
  const limited = new DomainError('rate_limited', 'Too many previews. Wait a minute.')
  const timed = new DomainError('rate_limited', 'Too many attempts.', { retryAfterSeconds: 42.3 })

  it('is a whole number of seconds: the window left, or a minute when the limit does not say', () => {
    expect(errorHeaders(limited)).toEqual({ 'Retry-After': '60' })
    expect(errorHeaders(timed)).toEqual({ 'Retry-After': '43' })
    expect(errorHeaders(new DomainError('invalid', 'Nope'))).toEqual({})
  })

  it('is sent by the error page response, the form reply and a refusal before the form was parsed', async () => {
    const thrown = toResponse(limited) as Response
    expect([thrown.status, thrown.headers.get('retry-after')]).toEqual([429, '60'])

    const form = new FormData()
    form.set('email', 'a@b.example')
    const submission = parseWithZod(form, { schema: z.object({ email: z.string() }) })
    const reply = domainReply(submission, timed, { schema: z.object({ email: z.string() }) }) as unknown as { init: ResponseInit | null }
    expect(reply.init?.status).toBe(429)
    expect(new Headers(reply.init?.headers).get('retry-after')).toBe('43')

    const refusal = refusalReply(limited, { intent: 'upload' }) as unknown as { data: unknown; init: ResponseInit | null }
    expect(refusal.data).toEqual({ status: 'error', initialValue: { intent: 'upload' }, error: { '': ['Too many previews. Wait a minute.'] } })
    expect([refusal.init?.status, new Headers(refusal.init?.headers).get('retry-after')]).toEqual([429, '60'])
  })
})
