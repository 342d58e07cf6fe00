import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures/auth'

// Issue 10, item 7: the ENT failures screen with long logins and names, on a phone and at 1366 px,
// and what happens after "Mettre en relation".

const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire que j’ai envoyé.'
const suffix = Date.now().toString(36)
const longLogin = `prenom.compose.tres-long.nom-de-famille-a-rallonge.${suffix}@ent-region-academie.example.fr`
// Words with no break opportunity: what overflowed the phone and ran under the detail column.
const longName = `Marie Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft${suffix}`

async function file(request: APIRequestContext, fullName: string, entLogin: string) {
  const response = await request.post('/api/reports', {
    data: { message: entMessage, fullName, profile: 'ELEVE', entName: 'Mon ENT', entLogin, establishment: `CollègeInternationalPierreEtMarieCurieDeSaintQuentinEnYvelines${suffix}` },
  })
  expect(response.status()).toBe(201)
}

const list = (page: Page) => page.getByRole('region', { name: /les plus anciens d’abord/ })

test.beforeAll(async ({ request }) => {
  await file(request, longName, longLogin)
  await file(request, `Suivant Ordinaire ${suffix}`, `suivant.${suffix}`)
})

async function openLongFailure(page: Page) {
  await page.goto('/admin/echecs-interconnexion?status=OPEN')
  await list(page).getByRole('link', { name: new RegExp(longName) }).click()
  await expect(page.getByRole('heading', { name: 'Ce que dit l’ENT' })).toBeVisible()
}

test('no horizontal scroll at 390 px, and the decision form comes before the list', async ({ browser, adminState }) => {
  const context = await browser.newContext({ storageState: adminState, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  await openLongFailure(page)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  const form = await page.getByRole('form', { name: 'Mettre en relation' }).boundingBox()
  const listBox = await list(page).boundingBox()
  expect(form!.y).toBeLessThan(listBox!.y)
  await context.close()
})

test('the list and the detail do not overlap at 1366 px', async ({ browser, adminState }) => {
  const context = await browser.newContext({ storageState: adminState, viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await openLongFailure(page)
  const listBox = (await list(page).boundingBox())!
  const detail = (await page.getByRole('region', { name: new RegExp(longName.slice(0, 30)) }).boundingBox())!
  expect(listBox.x + listBox.width).toBeLessThanOrEqual(detail.x)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  // Nothing inside the list spills out of it.
  const spill = await list(page).evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(spill).toBeLessThanOrEqual(0)
  await context.close()
})

const pronoteLogin = { on: 'mcolin', off: 'lmorin' } as const

for (const javaScriptEnabled of [true, false]) {
  test(`after "Mettre en relation" the outcome is announced and the next open failure is shown (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser, adminState, request }) => {
    const name = `Décision ${javaScriptEnabled ? 'js' : 'nojs'} ${suffix}`
    await file(request, name, `decision.${javaScriptEnabled ? 'js' : 'nojs'}.${suffix}`)
    const context = await browser.newContext({ storageState: adminState, javaScriptEnabled })
    const page = await context.newPage()
    // The account to link to must be in the imported PRONOTE directory.
    const csv = fs.readFileSync(path.resolve(__dirname, '../fixtures/pronote-directory.csv'))
    const imported = await context.request.post('/api/admin/directory/import', {
      multipart: { file: { name: 'annuaire.csv', mimeType: 'text/csv', buffer: csv } },
    })
    expect(imported.status()).toBe(200)
    await page.goto('/admin/echecs-interconnexion?status=OPEN')
    await list(page).getByRole('link', { name: new RegExp(name) }).click()
    await page.getByLabel(/Ou un autre identifiant PRONOTE/).fill(pronoteLogin[javaScriptEnabled ? 'on' : 'off'])
    await page.getByRole('button', { name: 'Mettre en relation' }).click()
    const outcome = page.getByRole('status').filter({ hasText: `${name} : mise en relation enregistrée` })
    await expect(outcome).toBeVisible()
    await expect(outcome).toBeFocused()
    // The next open failure (the oldest still open) is the one on screen, ready for a decision.
    await expect(page).toHaveURL(/status=OPEN&failure=/)
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(name) })).toHaveCount(0)
    await expect(page.getByRole('form', { name: 'Mettre en relation' })).toBeVisible()
    await context.close()
  })
}
