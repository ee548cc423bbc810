import { createHash, randomBytes } from 'node:crypto'

/** A secret for a mailed link: the token goes in the mail, only its SHA-256 is stored. */
export function createToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string) {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Tokens are 43 base64url characters; anything else is not worth a database round trip. */
export function looksLikeToken(token: string | undefined | null): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
}
