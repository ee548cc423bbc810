export const userRoom = (userId: string) => `user:${userId}`
export const orgRoom = (orgId: string) => `org:${orgId}`
/** One session's sockets, named by the session's fingerprint (`sessionKey`), never its secret id. */
export const sessionRoom = (sessionKey: string) => `session:${sessionKey}`
/** Everyone on the vendor's ecosystem team. */
export const VENDOR_ROOM = 'vendor'
