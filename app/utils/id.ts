const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A URL-safe random id (16 chars of base36, ~82 bits). Web Crypto, so schema files that use it also load in the browser. */
export function createId(length = 16): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length))
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length]
  return out
}
