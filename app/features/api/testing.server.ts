import type { ServerBuild } from '@remix-run/node'
import { createAppServer } from '#app/http/app.server.ts'
import type { Actor } from '#app/features/auth/actor.ts'
import { createApiKey } from '#app/features/api/keys.server.ts'
import type { ApiScope } from '#app/features/api/scopes.ts'

/**
 * For API tests: the app server (Origin check, body limits) with every app/routes/api.v1.* route
 * module mounted as a minimal Remix build, over real HTTP on a real database.
 */
const routeModules = import.meta.glob<object>('/app/routes/api.v1.*.ts', { eager: true })

/** `api.v1.referrals_.$id_.status` → `api/v1/referrals/:id/status` (Remix flat-route names). */
export function routePathOf(file: string, style: 'remix' | 'openapi' = 'remix') {
  return file
    .replace(/^.*\//, '')
    .replace(/\.tsx?$/, '')
    .split(/(?<!\[)\.(?!\])/)
    .map((part) => part.replace('[.]', '.').replace(/_$/, ''))
    .map((part) => (part.startsWith('$') ? (style === 'remix' ? `:${part.slice(1)}` : `{${part.slice(1)}}`) : part))
    .join('/')
}

export function apiRouteBuild(): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(routeModules).map(([file, module]) => {
      const id = `routes/${file.replace(/^.*\//, '').replace(/\.tsx?$/, '')}`
      return [id, { id, parentId: 'root', path: routePathOf(file), module }]
    }),
  )
  return {
    mode: 'production',
    entry: { module: { default: () => new Response('no documents in this build', { status: 500 }) } },
    routes: { root: { id: 'root', path: '', module: {} }, ...routes },
    assets: { entry: { module: '/entry.js', imports: [] }, routes: {}, url: '/manifest.js', version: '1' },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
    isSpaMode: false,
  } as unknown as ServerBuild
}

/** Starts the server on a free port; close it with `server.close()`. */
export async function startApiServer() {
  const server = await createAppServer({ build: apiRouteBuild(), workers: false, pageCache: false })
  const port = await server.listen(0, '127.0.0.1')
  return { server, base: `http://127.0.0.1:${port}` }
}

export async function apiKeyFor(actor: Actor, scopes: ApiScope[], name = 'Test key') {
  return (await createApiKey(actor, { name, scopes })).secret
}

export type Reply = { status: number; body: any; headers: Headers }

/** One request with a key, its body parsed as JSON when it is JSON. */
export function apiCaller(base: () => string) {
  return async function call(method: string, path: string, { key, body, headers = {} }: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: the test says what it expected
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }
}
