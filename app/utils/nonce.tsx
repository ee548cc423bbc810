import { createContext, useContext, type ReactNode } from 'react'

/**
 * The Content-Security-Policy nonce of the current render (entry.server.tsx makes one per HTML
 * response). Browsers hide nonces from scripts, so in the browser this is '' — which is fine:
 * the inline scripts that need it are only ever rendered on the server.
 */
const NonceContext = createContext('')

export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>
}

export function useNonce() {
  return useContext(NonceContext)
}
