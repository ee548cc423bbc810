import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '#db/client.server.ts'
import { listingMedia, organizations, type MediaKind } from '#db/schema/index.ts'
import { createId } from '#app/utils/id.ts'
import { isDomainError } from '#app/utils/errors.ts'
import { processImage, type ImageRole } from '#app/features/listings/images.server.ts'
import { storage } from '#app/features/listings/storage.server.ts'

export type StoredImage = {
  id: string
  kind: MediaKind
  key: string
  contentType: string
  width: number
  height: number
  bytes: number
  sha256: string
}

/**
 * Checks and re-encodes images, then writes them to storage. Returns what to record in
 * listing_media (in the caller's transaction) and a cleanup that removes the files again if
 * that transaction fails.
 */
export async function storeImages(orgId: string, items: { kind: MediaKind; role: ImageRole; label: string; data: Buffer }[]): Promise<{ images: StoredImage[]; cleanup: () => Promise<void> }> {
  const processed = []
  for (const item of items) processed.push({ item, out: await processImage(item.data, item.role, item.label) })
  const images: StoredImage[] = []
  const store = storage()
  const cleanup = async () => {
    await Promise.all(images.map((img) => store.delete(img.key).catch(() => undefined)))
  }
  try {
    for (const { item, out } of processed) {
      const id = createId()
      const folder = item.kind === 'org_logo' ? 'orgs' : 'listings'
      const key = `${folder}/${orgId.toLowerCase().replace(/[^a-z0-9_-]/g, '')}/${id}.${out.ext}`
      await store.put(key, out.data, out.contentType)
      images.push({
        id,
        kind: item.kind,
        key,
        contentType: out.contentType,
        width: out.width,
        height: out.height,
        bytes: out.data.length,
        sha256: createHash('sha256').update(out.data).digest('hex'),
      })
    }
  } catch (error) {
    await cleanup()
    throw error
  }
  return { images, cleanup }
}

export async function recordImages(tx: Queryable, orgId: string, userId: string | null, images: StoredImage[]) {
  if (images.length === 0) return
  await tx.insert(listingMedia).values(images.map((img) => ({ ...img, orgId, createdBy: userId })))
}

/** Runs work that stored files first; removes the files again when the work fails. */
export async function withCleanup<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    await cleanup()
    throw error
  }
}

export { isDomainError }

export async function orgById(q: Queryable, id: string) {
  const [row] = await q.select().from(organizations).where(eq(organizations.id, id))
  return row ?? null
}

export async function rawRows<T>(q: Queryable, statement: ReturnType<typeof sql>) {
  return queryRows<T>(q, statement)
}
