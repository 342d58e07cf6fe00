import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/auth'

// From the report to the decision: two people blocked on "Identification impossible" report it,
// the admin imports the PRONOTE directory, links one identity, rejects the other, and each person's
// tracking page tells them what happens next.

const fixture = path.resolve(__dirname, '../fixtures/pronote-directory.csv')
const entMessage = 'Après la connexion à l’ENT, PRONOTE affiche « Identification impossible » avec un formulaire que j’ai envoyé.'
const suffix = Date.now().toString(36)
const list = (page: Page) => page.getByRole('region', { name: /les plus anciens d’abord/ })

test('reports, directory import, link and reject, tracking pages', async ({ adminPage: page, request, browser }) => {
  const file = async (body: Record<string, string>) => {
    const response = await request.post('/api/reports', { data: { message: entMessage, ...body } })
    expect(response.status()).toBe(201)
    const json = (await response.json()) as { category: string; trackingUrl: string }
    expect(json.category).toBe('ENT_IDENTITY_MISMATCH')
    return json.trackingUrl
  }
  const emmaUrl = await file({ fullName: 'emma evrard', profile: 'ELEVE', entName: 'Mon ENT', entLogin: `emma.evrard.${suffix}` })
  const unknownName = `Zéphyrin Introuvable ${suffix}`
  const unknownUrl = await file({ fullName: unknownName, profile: 'PARENT', entName: 'Mon ENT', entLogin: `zephyrin.${suffix}` })

  // The admin imports the directory: preview first, then apply.
  await page.goto('/admin/annuaire')
  await page.getByLabel(/Fichier CSV exporté de PRONOTE/).setInputFiles(fixture)
  await page.getByRole('button', { name: 'Prévisualiser' }).click()
  await expect(page.getByRole('heading', { name: 'Aperçu de l’import' })).toBeVisible()
  await expect(page.getByText(/Lignes en erreur : 0/)).toBeVisible()
  await page.getByRole('button', { name: 'Importer' }).click()
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible()

  // Link the first failure to the top candidate.
  await page.goto('/admin/echecs-interconnexion')
  await expect(page.getByText('Communication > Gestion des identités > Résolution des échecs d’interconnexion')).toBeVisible()
  await list(page).getByRole('link', { name: /emma evrard/ }).click()
  await expect(page.getByRole('heading', { name: 'Ce que dit l’ENT' })).toBeVisible()
  const top = page.getByRole('radio', { name: /Emma ÉVRARD \(eevrard\)/ })
  await expect(top).toBeChecked()
  await page.getByRole('button', { name: 'Mettre en relation' }).click()
  // The screen moves on to the next open failure; the decision is one link away.
  await expect(page.getByRole('status').filter({ hasText: 'mise en relation enregistrée' })).toBeVisible()
  await page.getByRole('link', { name: 'Revoir cette décision' }).click()
  await expect(page.getByText(/Relié au compte PRONOTE/)).toBeVisible()
  await expect(page.getByText('eevrard', { exact: true })).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: 'Mise en relation avec un compte PRONOTE' })).toBeVisible()

  // Reject the second one, after a too short reason is refused next to the field.
  await page.goto('/admin/echecs-interconnexion?status=OPEN')
  await list(page).getByRole('link', { name: new RegExp(unknownName) }).click()
  const reason = page.getByLabel(/Message pour la personne/)
  await reason.fill('Non.')
  await reason.evaluate((el) => el.removeAttribute('minlength'))
  await page.getByRole('button', { name: 'Clore : pas de compte correspondant' }).click()
  await expect(page.getByText(/10 caractères au moins/)).toBeVisible()
  const message = 'Nous ne trouvons aucun responsable à ce nom dans PRONOTE : contactez le secrétariat pour être ajouté.'
  await reason.fill(message)
  await page.getByRole('button', { name: 'Clore : pas de compte correspondant' }).click()
  await page.getByRole('link', { name: 'Revoir cette décision' }).click()
  await expect(page.getByText(`Message lu par la personne : « ${message} »`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Rouvrir cet échec' })).toBeVisible()

  // Tracking figures count both decisions.
  await page.goto('/admin/echecs-interconnexion?status=LINKED')
  await expect(list(page).getByRole('link', { name: /emma evrard/ })).toBeVisible()

  // What each person reads.
  const visitor = await browser.newContext()
  const tracking = await visitor.newPage()
  await tracking.goto(emmaUrl)
  await expect(tracking.getByText(/l’établissement a relié votre compte ENT à votre compte PRONOTE/)).toBeVisible()
  await tracking.goto(unknownUrl)
  await expect(tracking.getByText(message)).toBeVisible()
  await visitor.close()
})

test('an agent sees the screen; the directory import is for admins', async ({ agentPage: page }) => {
  await page.goto('/admin/echecs-interconnexion')
  await expect(page.getByRole('heading', { level: 1, name: /Résolution des échecs d’interconnexion/ })).toBeVisible()
  const response = await page.goto('/admin/annuaire')
  expect(page.url()).not.toMatch(/\/admin\/annuaire$/)
  expect(response?.ok() ?? true).toBeTruthy()
})

test('the screen works on a phone', async ({ browser, adminState }) => {
  const context = await browser.newContext({ storageState: adminState, viewport: { width: 375, height: 740 }, isMobile: true })
  const page = await context.newPage()
  await page.goto('/admin/echecs-interconnexion')
  await expect(page.getByRole('heading', { name: 'Suivi' })).toBeVisible()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(1)
  await context.close()
})
