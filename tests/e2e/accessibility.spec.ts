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
  test(`a closed ticket's tracking page has no axe violation at ${width} px`, async ({ page, adminPage }) => {
    const { version } = (await (await adminPage.request.get(`/api/admin/tickets/${reference}`)).json()) as { version: number }
    const resolved = await adminPage.request.patch(`/api/admin/tickets/${reference}`, {
      data: { version, status: 'RESOLVED', publicMessage: 'Votre compte est de nouveau relié.' },
    })
    expect(resolved.status()).toBe(200)
    await expectNoViolations(page, trackingPath, width)
    await page.getByText('Rappel du diagnostic initial').click()
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    expect(results.violations.map((v) => v.id)).toEqual([])
    const reopened = await adminPage.request.patch(`/api/admin/tickets/${reference}`, { data: { version: version + 1, status: 'IN_PROGRESS' } })
    expect(reopened.status()).toBe(200)
  })

  test(`public pages have no axe violation at ${width} px`, async ({ page }) => {
    for (const path of ['/', '/?message=Identification%20impossible', '/login', trackingPath, `${trackingPath}&nouveau=1`, '/page-qui-n-existe-pas']) {
      await expectNoViolations(page, path, width)
    }
  })

  test(`incident pages have no axe violation at ${width} px`, async ({ page, adminPage }) => {
    // Issue 13: the notice above the form, the queue's incident rows, the incident page, and a
    // tracking page during the incident then after its resolution (the question).
    const host = `axe-${width}-${Date.now().toString(36)}.exemple.fr`
    const filed = await Promise.all(
      [1, 2].map(async (n) => {
        const res = await page.request.post('/api/reports', { data: { message: 'Ce site est inaccessible', fullName: `Axe Incident ${n}`, url: `https://${host}` } })
        return (await res.json()) as { trackingUrl: string; incident: { id: string } }
      }),
    )
    const id = filed[0]!.incident.id
    const notice = await adminPage.request.patch(`/api/admin/incidents/${id}`, { data: { version: 1, published: true, publicMessage: 'Adresse en cours de correction.' } })
    expect(notice.status()).toBe(200)
    const tracking = new URL(filed[0]!.trackingUrl)
    await expectNoViolations(page, '/', width)
    await expectNoViolations(page, tracking.pathname + tracking.search, width)
    for (const path of ['/admin', `/admin/incidents/${id}`]) await expectNoViolations(adminPage, path, width)
    const resolved = await adminPage.request.post(`/api/admin/incidents/${id}/resolve`, { data: { version: 2, message: 'Adresse corrigée.' } })
    expect(resolved.status()).toBe(200)
    await expectNoViolations(page, tracking.pathname + tracking.search, width)
    await expectNoViolations(adminPage, `/admin/incidents/${id}`, width)
  })

  test(`admin pages have no axe violation at ${width} px`, async ({ adminPage: page }) => {
    await page.goto('/admin/echecs-interconnexion?status=OPEN')
    const failure = await page.getByRole('region', { name: /les plus anciens d’abord/ }).getByRole('link').first().getAttribute('href')
    const failureId = new URLSearchParams(failure ?? '').get('failure') ?? ''
    const paths = [
      '/admin/tableau-de-bord',
      '/admin/tableau-de-bord?period=today',
      '/admin',
      `/admin/tickets/${reference}`,
      '/admin/echecs-interconnexion',
      `/admin/echecs-interconnexion${failure}`,
      // The screen as it is right after a decision: the outcome above the next failure.
      `/admin/echecs-interconnexion?status=OPEN&decided=${encodeURIComponent(failureId)}`,
      '/admin/comptes',
      '/admin/annuaire',
      '/admin/parametres',
      '/admin/donnees',
      '/admin/messages',
      '/admin/mon-compte',
      '/admin/acces-refuse',
    ]
    for (const path of paths) await expectNoViolations(page, path, width)
  })
}
