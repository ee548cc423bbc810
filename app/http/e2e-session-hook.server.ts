import { timingSafeEqual } from 'node:crypto'
import { eq } from 'drizzle-orm'
import express, { type RequestHandler } from 'express'
import { z } from 'zod'
import { db } from '#db/client.server.ts'
import { users } from '#db/schema/auth.ts'
import { SESSION_COOKIE, startSession } from '#app/features/auth/session.server.ts'

/**
 * The browser suite's shortcut to a signed-in browser: POST /__e2e/session with `{ email }` starts
 * a session through the app's own session code and answers the cookie to set, so only
 * tests/e2e/auth.spec.ts has to type into the sign-in form.
 *
 * The e2e server runs the production build (NODE_ENV=production), so the guard cannot be
 * NODE_ENV=test. The route exists only when every one of these holds, which is what
 * scripts/test-e2e.ts sets and no deployment does:
 * - E2E_SESSION_HOOK_SECRET holds a random value of 32+ characters, new for every run, that each
 *   request must repeat in the `x-e2e-session-hook` header;
 * - DEMO is on (the seeded demo data, no real accounts);
 * - the server listens on a loopback address only.
 * Otherwise `e2eSessionHook` returns null and the path is an ordinary 404 page.
 */
export const E2E_SESSION_HOOK_PATH = '/__e2e/session'
export const E2E_SESSION_HOOK_HEADER = 'x-e2e-session-hook'

const HookEnv = z.object({
  E2E_SESSION_HOOK_SECRET: z.string().min(32),
  DEMO: z.enum(['1', 'true']),
  HOST: z.enum(['127.0.0.1', '::1', 'localhost']),
})

const HookRequest = z.object({ email: z.string().email().max(320) })

export function e2eSessionHook(source: Record<string, string | undefined> = process.env): RequestHandler[] | null {
  const config = HookEnv.safeParse(source)
  if (!config.success) return null
  const secret = Buffer.from(config.data.E2E_SESSION_HOOK_SECRET)
  const handler: RequestHandler = async (req, res, next) => {
    try {
      const given = Buffer.from(String(req.headers[E2E_SESSION_HOOK_HEADER] ?? ''))
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.status(403).json({ error: 'wrong or missing hook secret' })
        return
      }
      const body = HookRequest.safeParse(req.body)
      if (!body.success) {
        res.status(400).json({ error: body.error.issues.map((issue) => issue.message).join('; ') })
        return
      }
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, body.data.email.trim().toLowerCase()))
      if (!user) {
        res.status(404).json({ error: `no user ${body.data.email}` })
        return
      }
      const { sessionId } = await startSession(user.id, { userAgent: 'e2e session hook', ip: req.ip ?? null })
      res.json({ name: SESSION_COOKIE, value: sessionId })
    } catch (error) {
      next(error)
    }
  }
  return [express.json({ limit: '1kb' }), handler]
}
