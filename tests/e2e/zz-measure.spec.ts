import { test } from '#tests/e2e/fixtures.ts'
for (const width of [1024, 1280, 1440, 1536]) {
  for (const email of ['admin@northwind.test', 'admin@vendor.test']) {
    test(`measure ${email} ${width}`, async ({ signedInPage }) => {
      const page = await signedInPage(email, { context: { viewport: { width, height: 800 } } })
      const info = await page.evaluate(() => {
        const r = (el: Element | null) => (el ? Math.round(el.getBoundingClientRect().top) + '/' + Math.round(el.getBoundingClientRect().width) : 'none')
        const nav = [...document.querySelectorAll('nav[aria-label="Main"]')].find((n) => (n as HTMLElement).offsetParent !== null)
        return { nav: r(nav ?? null), first: r(nav?.querySelector('a') ?? null), account: r(document.querySelector('[data-testid="account-menu"]')), header: r(document.querySelector('header')) }
      })
      console.log(email, width, JSON.stringify(info))
      await page.screenshot({ path: `/tmp/jour/nav-${email.split('@')[1]}-${width}.png`, clip: { x: 0, y: 0, width, height: 130 } })
    })
  }
}
