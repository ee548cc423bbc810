import { defineConfig, devices } from '@playwright/test'

const CI = Boolean(process.env.CI)
/** Set by scripts/test-e2e.ts, which builds the app and starts it on a fresh seeded database. */
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 4310}`
/** Debian's Chromium; browser downloads are not possible on these machines. */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  // The suite shares 2 cores with the server it tests; a page's script can take seconds to arrive under load.
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: CI,
  workers: 2,
  retries: CI ? 1 : 0,
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          executablePath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  // `npx playwright test` on its own: build, seed a fresh database and serve it the same way.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'npx tsx scripts/test-e2e.ts --serve',
        url: `${baseURL}/healthz`,
        reuseExistingServer: !CI,
        timeout: 180_000,
        stdout: 'pipe',
      },
})
