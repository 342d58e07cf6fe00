import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, staff, test } from './fixtures/auth'

// The dashboard (issue 16): an admin opens it, changes the period, follows a backlog figure to the
// filtered queue and downloads that queue as CSV; axe finds no violation on it.

test('an admin reads the dashboard, follows a backlog figure to the queue and downloads it as CSV', async ({ adminPage: page }) => {
  test.setTimeout(90_000)
  const created = await page.request.post('/api/reports', {
    data: { message: 'HTTP Error 503. The service is unavailable.', fullName: `Dana Tableau ${Date.now()}`, profile: 'PARENT' },
  })
  expect(created.status()).toBe(201)
  const { reference } = (await created.json()) as { reference: string }

  await page.goto('/admin/tableau-de-bord')
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible()
  await expect(page.getByRole('img', { name: /Signalements reçus par jour, par catégorie, 30 derniers jours/ })).toBeVisible()

  // The period lives in the URL.
  await page.getByRole('radio', { name: 'Aujourd’hui' }).check()
  await page.getByRole('button', { name: 'Afficher' }).click()
  await expect(page).toHaveURL(/period=today/)
  await expect(page.getByRole('img', { name: /par heure/ })).toBeVisible()
  await page.getByText('Voir les données').first().click()
  await expect(page.getByRole('table', { name: /Signalements reçus par heure/ })).toBeVisible()

  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])

  // A backlog figure opens the queue filtered on it.
  await page.getByRole('link', { name: /« Nouveau » reçus il y a moins d’1 h : voir dans la file/ }).click()
  await expect(page).toHaveURL(/\/admin\?status=NEW&age=lt1h$/)
  await expect(page.getByLabel('Ouverts depuis')).toHaveValue('lt1h')
  const list = page.getByRole('list', { name: 'Signalements' })
  await expect(list.getByRole('link', { name: reference })).toBeVisible()
  const total = Number((await page.locator('p[aria-live] strong').innerText()).replace(/\D/g, ''))

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter ces signalements (CSV)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^signalements-\d{4}-\d{2}-\d{2}\.csv$/)
  const bytes = fs.readFileSync((await download.path())!)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').split('\r\n').filter(Boolean)
  expect(lines[0]).toContain('reference;recu_le;statut;categorie')
  expect(lines).toHaveLength(total + 1)
  expect(lines.some((l) => l.startsWith(`${reference};`))).toBe(true)
})

test('the dashboard works without JavaScript, and an agent sees it too', async ({ browser, agentState }) => {
  const context = await browser.newContext({ storageState: agentState, javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/admin/tableau-de-bord?period=rentree')
  await expect(page.getByRole('radio', { name: 'Depuis la rentrée (1er septembre)' })).toBeChecked()
  await page.getByRole('radio', { name: 'Période choisie' }).check()
  await page.getByLabel('Du (période choisie)').fill('2026-11-02')
  await page.getByLabel('Au (inclus)').fill('2026-11-01')
  await page.getByRole('button', { name: 'Afficher' }).click()
  await expect(page.getByRole('alert')).toContainText('La date de fin doit suivre la date de début.')
  await context.close()
})

test('signing in lands on the dashboard', async ({ browser, agentState }) => {
  void agentState // the account exists once the worker's agent has signed in
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Adresse e-mail').fill(staff.agent.email)
  await page.getByLabel('Mot de passe').fill(staff.agent.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(/\/admin\/tableau-de-bord$/)
  await expect(page.getByRole('link', { name: 'Tableau de bord' })).toHaveAttribute('aria-current', 'page')
  await context.close()
})
