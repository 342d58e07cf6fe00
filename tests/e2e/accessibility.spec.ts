import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/auth'

// Issue 10, "done when": axe reports no WCAG 2.1 A/AA violation on any page, on a phone (390 px)
// and on a laptop (1366 px), for the public pages and every admin page.

const widths = [390, 1366] as const
// Each test walks many pages and runs axe on each.
test.describe.configure({ timeout: 120_000 })
let trackingPath = ''
let reference = ''

test.beforeAll(async ({ request }) => {
  const created = await request.post('/api/reports', {
    data: {
      message: 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire que j’ai envoyé.',
      fullName: 'Axe Vérification',
      profile: 'ELEVE',
      entName: 'Mon ENT',
      entLogin: `axe.${Date.now()}`,
    },
  })
  expect(created.status()).toBe(201)
  const json = (await created.json()) as { reference: string; trackingUrl: string }
  reference = json.reference
  const url = new URL(json.trackingUrl)
  trackingPath = url.pathname + url.search
})

async function expectNoViolations(page: Page, path: string, width: number) {
  await page.setViewportSize({ width, height: width < 500 ? 844 : 768 })
  await page.goto(path)
  await page.waitForLoadState('networkidle')
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(summary, `axe on ${path} at ${width} px`).toEqual([])
}

for (const width of widths) {
  test(`public pages have no axe violation at ${width} px`, async ({ page }) => {
    for (const path of ['/', '/?message=Identification%20impossible', '/login', trackingPath, `${trackingPath}&nouveau=1`, '/page-qui-n-existe-pas']) {
      await expectNoViolations(page, path, width)
    }
  })

  test(`admin pages have no axe violation at ${width} px`, async ({ adminPage: page }) => {
    await page.goto('/admin/echecs-interconnexion?status=OPEN')
    const failure = await page.getByRole('region', { name: /les plus anciens d’abord/ }).getByRole('link').first().getAttribute('href')
    const paths = [
      '/admin',
      `/admin/tickets/${reference}`,
      '/admin/echecs-interconnexion',
      `/admin/echecs-interconnexion${failure}`,
      '/admin/comptes',
      '/admin/annuaire',
      '/admin/parametres',
      '/admin/donnees',
      '/admin/acces-refuse',
    ]
    for (const path of paths) await expectNoViolations(page, path, width)
  })
}
