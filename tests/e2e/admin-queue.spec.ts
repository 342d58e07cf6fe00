import { labelFor } from '../../lib/catalogue/entries'
import { expect, signIn, staff, test } from './fixtures/auth'

// An agent works one ticket end to end: queue filters → workspace → resolution link → status with
// a message to the user → public tracking page → history → conflict from a stale tab → sign out.

test('an agent filters the queue, resolves a ticket and the user sees it', async ({ agentPage: page, browser }) => {
  test.setTimeout(90_000)
  const fullName = `Dominique Queue ${Date.now()}`
  const created = await page.request.post('/api/reports', {
    data: {
      message: 'Ce site est inaccessible. DNS_PROBE_FINISHED_NXDOMAIN en ouvrant le lien donné par le collège',
      fullName,
      profile: 'PARENT',
      url: 'https://0951099.index-education.net/pronote/parent.html',
    },
  })
  expect(created.status()).toBe(201)
  const { reference, trackingUrl } = (await created.json()) as { reference: string; trackingUrl: string }

  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Signalements' })).toBeVisible()
  await page.getByLabel('Rechercher').fill(fullName)
  await page.getByLabel('Catégorie', { exact: true }).selectOption('WRONG_ADDRESS')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page).toHaveURL(/category=WRONG_ADDRESS/)
  const list = page.getByRole('list', { name: 'Signalements' })
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list).toContainText(labelFor('WRONG_ADDRESS'))

  // The filter is in the URL: another category empties the list, the back button restores it.
  await page.getByLabel('Catégorie', { exact: true }).selectOption('SERVER_NOT_PUBLISHED')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page.getByText('Aucun signalement ne correspond à ces filtres.')).toBeVisible()
  await page.goBack()
  await expect(list.getByRole('link', { name: reference })).toBeVisible()
  await list.getByRole('link', { name: reference }).click()

  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference)
  await expect(page.locator('mark').first()).toBeVisible()
  await expect(page.getByText('https://0951099.index-education.net/pronote/parent.html').first()).toBeVisible()

  // A second tab still showing the current version, to provoke a conflict later.
  const workspace = page.url()
  const stale = await page.context().newPage()
  await stale.goto(workspace)

  await page.getByRole('link', { name: 'Vérifier les adresses officielles (paramètres)' }).click()
  // Settings are for administrators: an agent lands on the page that explains the refusal.
  await expect(page).toHaveURL(/\/admin\/(parametres|acces-refuse)/)
  await page.goto(workspace)

  const publicMessage = 'Le bon lien est sur le site du collège, rubrique PRONOTE. Bonne journée !'
  await page.getByLabel('Statut', { exact: true }).selectOption('RESOLVED')
  await page.getByLabel('Message à l’usager', { exact: true }).fill(publicMessage)
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Statut enregistré.' })).toBeVisible()
  const history = page.getByRole('list', { name: 'Historique du signalement' })
  await expect(history).toContainText('Statut modifié')
  await expect(history).toContainText('Nouveau → Résolu')
  await expect(history).toContainText(publicMessage)

  const visitor = await browser.newContext()
  const tracking = await visitor.newPage()
  await tracking.goto(trackingUrl)
  await expect(tracking.getByText('Résolu', { exact: true })).toBeVisible()
  await expect(tracking.getByText(publicMessage)).toBeVisible()
  await visitor.close()

  await stale.getByLabel('Note (visible seulement par l’équipe)').fill('Note écrite depuis un onglet resté ouvert')
  await stale.getByRole('button', { name: 'Ajouter la note' }).click()
  const noteForm = stale.getByRole('form', { name: 'Note interne' })
  await expect(noteForm.getByRole('alert')).toContainText('Quelqu’un d’autre a modifié ce signalement')
  // The refused note is still in its field, not silently dropped.
  await expect(noteForm.getByLabel('Note (visible seulement par l’équipe)')).toHaveValue('Note écrite depuis un onglet resté ouvert')
  await stale.getByRole('link', { name: 'Recharger le signalement' }).click()
  await expect(stale.getByRole('list', { name: 'Historique du signalement' })).toContainText('Nouveau → Résolu')
  await expect(stale.getByText('Note écrite depuis un onglet resté ouvert')).toHaveCount(0)
  await stale.close()

  // Signing out ends the session on the server (issue 11): done in a session of its own, so the
  // stored agent session the other tests share stays signed in.
  const own = await browser.newContext()
  const ownPage = await own.newPage()
  await signIn(ownPage, staff.agent, '/admin')
  await ownPage.getByRole('button', { name: 'Se déconnecter' }).click()
  await ownPage.waitForURL((url) => !url.pathname.startsWith('/admin'))
  await ownPage.goto('/admin')
  await expect(ownPage).toHaveURL(/\/login\?callbackUrl=/)
  await own.close()
})

test('the queue refuses anonymous visitors', async ({ page }) => {
  await page.goto('/admin?status=NEW')
  await expect(page).toHaveURL(/\/login\?callbackUrl=/)
  const api = await page.request.get('/api/admin/tickets')
  expect(api.status()).toBe(401)
})
