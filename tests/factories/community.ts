import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { notifications } from '#db/schema/index.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createSpace } from '#app/features/community/spaces.server.ts'

/** Letters unique to this test run (digits spelled as letters, so it fits names that become @handles). */
export const RUN = Date.now()
  .toString(36)
  .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)
let n = 0
/** A space address (or any slug) no other test in the run has used: `<base>-<n>-<letters>`. */
export const uniqueSlug = (base: string) => `${base}-${++n}-${RUN}`

/** A space every partner sees (visibility `partners`), created by the vendor's `admin`, at a new address. */
export const createOpenSpace = (admin: Actor, name: string, extra: Record<string, unknown> = {}) =>
  createSpace(admin, {
    name,
    slug: uniqueSlug(
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'space',
    ),
    visibility: 'partners',
    ...extra,
  })

/** The titles of the community notifications a person has been sent. */
export const communityTitlesFor = async (userId: string) =>
  (
    await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'community')))
  ).map((x) => x.title)
