/**
 * The server-side caches patched into React Router and Remix (patches/, applied by patch-package on
 * install; issue 20) must be applied, and must hand out results that behave like uncached ones:
 * matches are copies a caller may change, and route objects are rebuilt when the build changes.
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// The server loads the CommonJS builds (the patched files); Vitest would pick the ES modules.
const require = createRequire(import.meta.url)
const router = require('@remix-run/router') as typeof import('@remix-run/router')
const remixRoutes = require('@remix-run/react/dist/routes.js') as {
  createServerRoutes: (manifest: Record<string, unknown>, modules: Record<string, unknown>, future: object, isSpaMode: boolean) => Array<{ id: string; children?: unknown[] }>
}
const { createStaticRouter } = require('react-router-dom/server') as typeof import('react-router-dom/server')

const routes = [
  {
    id: 'root',
    path: '/',
    children: [
      { id: 'home', index: true },
      { id: 'listing', path: 'listings/:slug' },
      { id: 'docs', path: 'docs/*' },
    ],
  },
]

describe('patched route matching', () => {
  it('is applied (a fresh install runs patch-package)', () => {
    const read = (file: string) => require('node:fs').readFileSync(require.resolve(file), 'utf8') as string
    expect(read('@remix-run/router/dist/router.cjs.js')).toContain('routeMatchCache')
    expect(read('@remix-run/react/dist/routes.js')).toContain('serverRoutesCache')
    expect(read('react-router-dom/server.js')).toContain('staticDataRoutesCache')
  })

  it('answers a repeated match like the first, and a caller changing a match changes no later answer', () => {
    const first = router.matchRoutes(routes, '/listings/acme')!
    expect(first.map((m) => m.route.id)).toEqual(['root', 'listing'])
    expect(first[1]!.params).toEqual({ slug: 'acme' })
    ;(first[1]!.params as Record<string, string>).slug = 'changed'
    ;(first as unknown[]).push('junk')
    const second = router.matchRoutes(routes, '/listings/acme')!
    expect(second.map((m) => m.route.id)).toEqual(['root', 'listing'])
    expect(second[1]!.params).toEqual({ slug: 'acme' })
    // One params object for every match of a result, as the uncached matcher builds it.
    expect(second[0]!.params).toBe(second[1]!.params)
    expect(router.matchRoutes(routes, '/docs/a/b')![1]!.params).toEqual({ '*': 'a/b' })
    expect(router.matchRoutes(routes, '/nowhere/at/all')).toBeNull()
    expect(router.matchRoutes(routes, '/nowhere/at/all')).toBeNull()
    expect(router.matchRoutes(routes, '/')!.map((m) => m.route.id)).toEqual(['root', 'home'])
  })

  it('matches against each routes array on its own', () => {
    const other = [{ id: 'other', path: '/listings/:id' }]
    expect(router.matchRoutes(other, '/listings/acme')![0]!.route.id).toBe('other')
    expect(router.matchRoutes(routes, '/listings/acme')![1]!.route.id).toBe('listing')
  })
})

describe('patched server routes', () => {
  const manifest = {
    root: { id: 'root', path: '', hasLoader: true },
    'routes/a': { id: 'routes/a', parentId: 'root', path: 'a', hasLoader: false },
  }
  const modules = () => ({ root: { default: () => null }, 'routes/a': { default: () => null } })

  it('are built once per build and again when a route module changes', () => {
    const future = {}
    const routeModules = modules()
    const first = remixRoutes.createServerRoutes(manifest, routeModules, future, false)
    // A new object holding the same modules (the server runtime makes one per request).
    expect(remixRoutes.createServerRoutes(manifest, { ...routeModules }, future, false)).toBe(first)
    const reloaded = { ...routeModules, 'routes/a': { default: () => null } }
    const rebuilt = remixRoutes.createServerRoutes(manifest, reloaded, future, false)
    expect(rebuilt).not.toBe(first)
    expect(rebuilt[0]!.children).toHaveLength(1)
  })

  it('give the static router the same data routes for the same routes array', () => {
    const context = { basename: '/', location: { pathname: '/a' }, matches: [], loaderData: {}, actionData: null, errors: null } as never
    const a = createStaticRouter(routes as never, context)
    const b = createStaticRouter(routes as never, context)
    expect(b.routes).toBe(a.routes)
    expect(createStaticRouter([{ id: 'x', path: '/x' }] as never, context).routes).not.toBe(a.routes)
  })
})
