import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { Lucia, TimeSpan } from 'lucia'
import { db } from '#db/client.server.ts'
import { sessions, users } from '#db/schema/auth.ts'
import { env, secureCookies } from '#app/env.server.ts'

export const SESSION_COOKIE = 'pe_session'

function createLucia() {
  const adapter = new DrizzlePostgreSQLAdapter(db as never, sessions, users)
  return new Lucia(adapter, {
    // Idle lifetime: extended on use once half of it has passed.
    sessionExpiresIn: new TimeSpan(env().SESSION_IDLE_DAYS, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: secureCookies(), sameSite: 'lax' },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt, userAgent: attributes.userAgent ?? null, ip: attributes.ip ?? null }),
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name }),
  })
}

let instance: ReturnType<typeof createLucia> | undefined
export function lucia() {
  instance ??= createLucia()
  return instance
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>
    DatabaseSessionAttributes: { createdAt: Date; userAgent?: string | null; ip?: string | null }
    DatabaseUserAttributes: { email: string; name: string }
  }
}
