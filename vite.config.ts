import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [!process.env.VITEST && remix(remixConfig)],
  server: { port: Number(process.env.PORT ?? 3000) },
  ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'sharp'] },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: { target: 'es2022' },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'search/**/*.test.ts', 'realtime/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/factories/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/per-file.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
