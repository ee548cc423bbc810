import { asc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { isUniqueViolation } from '#db/errors.ts'
import { listingCategories } from '#db/schema/index.ts'
import { assertVendorAdmin, type Actor } from '#app/features/auth/actor.ts'
import { recordEvent } from '#app/features/events/outbox.server.ts'
import { conflict, notFound } from '#app/utils/errors.ts'
import { CategoryFormSchema, slugify } from '#app/features/listings/schemas.ts'
import { parseOrThrow } from '#app/utils/parse.ts'

export type Category = typeof listingCategories.$inferSelect

/** The taxonomy, in the vendor's order. Public. */
export async function listCategories(): Promise<Category[]> {
  return db.select().from(listingCategories).orderBy(asc(listingCategories.position), asc(listingCategories.name))
}

export async function getCategoryBySlug(slug: string) {
  const [row] = await db.select().from(listingCategories).where(eq(listingCategories.slug, slug))
  return row ?? null
}

function slugTaken(): never {
  throw conflict('Another category already uses that slug.', { slug: ['This slug is taken; choose another.'] })
}

export async function createCategory(actor: Actor, raw: unknown) {
  assertVendorAdmin(actor, "Only the vendor's admins manage the category taxonomy.")
  const input = parseOrThrow(CategoryFormSchema, raw)
  const slug = input.slug ?? slugify(input.name)
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(listingCategories)
        .values({ slug, name: input.name, description: input.description ?? null, position: input.position })
        .returning()
      await recordEvent(tx, { type: 'category.created', actorId: actor.userId, orgId: actor.orgId, subjectType: 'category', subjectId: row!.id, payload: { slug, name: input.name } })
      return row!
    })
  } catch (error) {
    if (isUniqueViolation(error)) slugTaken()
    throw error
  }
}

export async function updateCategory(actor: Actor, id: string, raw: unknown) {
  assertVendorAdmin(actor, "Only the vendor's admins manage the category taxonomy.")
  const input = parseOrThrow(CategoryFormSchema, raw)
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select().from(listingCategories).where(eq(listingCategories.id, id))
      if (!existing) throw notFound('That category no longer exists.')
      const slug = input.slug ?? existing.slug
      const [row] = await tx
        .update(listingCategories)
        .set({ slug, name: input.name, description: input.description ?? null, position: input.position, updatedAt: new Date() })
        .where(eq(listingCategories.id, id))
        .returning()
      await recordEvent(tx, { type: 'category.updated', actorId: actor.userId, orgId: actor.orgId, subjectType: 'category', subjectId: id, payload: { slug, name: input.name } })
      return row!
    })
  } catch (error) {
    if (isUniqueViolation(error)) slugTaken()
    throw error
  }
}

/** Deletes a category no listing version uses; otherwise explains how many use it. */
export async function deleteCategory(actor: Actor, id: string) {
  assertVendorAdmin(actor, "Only the vendor's admins manage the category taxonomy.")
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(listingCategories).where(eq(listingCategories.id, id))
    if (!existing) throw notFound('That category no longer exists.')
    const [{ n }] = (await tx
      .execute(sql`select count(*)::int as n from listing_versions where category_ids @> array[${id}]::text[]`)
      .then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows))) as [{ n: number }]
    if (Number(n) > 0) throw conflict(`${n} listing version(s) use “${existing.name}”. Rename it instead, or move those listings first.`)
    await tx.delete(listingCategories).where(eq(listingCategories.id, id))
    await recordEvent(tx, { type: 'category.deleted', actorId: actor.userId, orgId: actor.orgId, subjectType: 'category', subjectId: id, payload: { slug: existing.slug } })
  })
}
