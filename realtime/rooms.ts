export const userRoom = (userId: string) => `user:${userId}`
export const orgRoom = (orgId: string) => `org:${orgId}`
/** Everyone on the vendor's ecosystem team. */
export const VENDOR_ROOM = 'vendor'
