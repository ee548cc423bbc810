import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#db/client.server.ts'
import { countStatements } from '#db/query-stats.server.ts'
import { sessions } from '#db/schema/auth.ts'
import { memberships } from '#db/schema/orgs.ts'
import { createPartner } from '#tests/factories/index.ts'
import { authenticate, SESSION_COOKIE, startSession } from '#app/features/auth/session.server.ts'
import { markAllRead, notify } from '#app/features/notifications/notifications.server.ts'

const DAY = 24 * 60 * 60 * 1000
const cookieFor = (sessionId: string) => `${SESSION_COOKIE}=${sessionId}`
const stored = async (sessionId: string) => (await db.select().from(sessions).where(eq(sessions.id, sessionId)))[0]

describe('authenticate', () => {
  it('reads the session and the actor in one statement', async () => {
    const { admin } = await createPartner()
    const { sessionId } = await startSession(admin.userId)
    const { result, stats } = await countStatements(() => authenticate(cookieFor(sessionId)))
    expect(result.actor).toEqual(admin)
    expect(result.sessionId).toBe(sessionId)
    expect(result.setCookies).toEqual([])
    expect(stats.statements).toBe(1)
  })

  it('counts the unread notifications in the same statement (the bell on every page)', async () => {
    const { admin, member } = await createPartner()
    const { sessionId } = await startSession(admin.userId)
    expect((await authenticate(cookieFor(sessionId))).unreadNotifications).toBe(0)
    await notify(db, [
      { userId: admin.userId, kind: 'team', title: 'One' },
      { userId: admin.userId, kind: 'team', title: 'Two' },
      { userId: member.userId, kind: 'team', title: 'Not for the admin' },
    ])
    const { result, stats } = await countStatements(() => authenticate(cookieFor(sessionId)))
    expect(result.unreadNotifications).toBe(2)
    expect(stats.statements).toBe(1)
    await markAllRead(admin)
    expect((await authenticate(cookieFor(sessionId))).unreadNotifications).toBe(0)
  })

  it('extends a session past half its idle lifetime and sends the cookie again', async () => {
    const { member } = await createPartner()
    const { sessionId } = await startSession(member.userId)
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 2 * DAY) })
      .where(eq(sessions.id, sessionId))
    const result = await authenticate(cookieFor(sessionId))
    expect(result.actor?.userId).toBe(member.userId)
    expect(result.setCookies).toHaveLength(1)
    expect(result.setCookies[0]).toContain(sessionId)
    expect((await stored(sessionId))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * DAY)
  })

  it('refuses and deletes a session past its idle expiry, its absolute lifetime, or whose user left every organization', async () => {
    const { admin, member } = await createPartner()
    const idle = (await startSession(admin.userId)).sessionId
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, idle))
    const absolute = (await startSession(admin.userId)).sessionId
    await db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 31 * DAY) })
      .where(eq(sessions.id, absolute))
    const orphan = (await startSession(member.userId)).sessionId
    await db.delete(memberships).where(eq(memberships.userId, member.userId))
    for (const sessionId of [idle, absolute, orphan]) {
      const result = await authenticate(cookieFor(sessionId))
      expect(result.actor).toBeNull()
      expect(result.setCookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`))
      expect(await stored(sessionId)).toBeUndefined()
    }
    expect((await authenticate(cookieFor('no-such-session'))).actor).toBeNull()
    expect((await authenticate(null)).setCookies).toEqual([])
  })
})
