import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/auth'

// Issue 10, item 9: no console error and no CSP violation on the pages that load zod in the
// browser (zod 4 probes `new Function("")` unless told it runs jitless), and the files a browser
// asks for by itself exist.

async function watch(page: Page): Promise<string[]> {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  return problems
}

async function visit(page: Page, path: string, problems: string[]) {
  await page.goto(path)
  await page.waitForLoadState('networkidle')
  // Fill a field so the forms' client-side validation runs too.
  const email = page.getByLabel(/Adresse e-mail/).first()
  if (await email.count()) await email.fill('quelqu.un@exemple.fr')
  await page.waitForLoadState('networkidle')
  expect(problems, `console on ${path}`).toEqual([])
}

test('no console error or CSP violation on /login', async ({ page }) => {
  const problems = await watch(page)
  await visit(page, '/login', problems)
})

test('no console error or CSP violation on the admin forms', async ({ adminPage: page }) => {
  const problems = await watch(page)
  await visit(page, '/admin/comptes', problems)
  await visit(page, '/admin/parametres', problems)
  await visit(page, '/', problems)
})

test('favicon, robots.txt and the web manifest are served and linked', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico')
  expect(favicon.status()).toBe(200)
  expect(favicon.headers()['content-type']).toMatch(/icon/)
  const robots = await request.get('/robots.txt')
  expect(robots.status()).toBe(200)
  const rules = await robots.text()
  expect(rules).toMatch(/^Disallow: \/suivi\/$/m)
  expect(rules).toMatch(/^Disallow: \/admin$/m)

  await page.goto('/')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  expect(href).toBeTruthy()
  const manifest = await request.get(href!)
  expect(manifest.status()).toBe(200)
  const json = (await manifest.json()) as { name: string; start_url: string; display: string; icons: { src: string }[] }
  expect(json.start_url).toBe('/')
  expect(json.display).toBe('standalone')
  for (const icon of json.icons) expect((await request.get(icon.src)).status()).toBe(200)
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /.+/)
})
