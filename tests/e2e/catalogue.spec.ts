import { expect, test } from './fixtures/auth'

// Issue 15 §2: an admin corrects a ticket's category by hand, turns its words into a school rule,
// sees the dry run (the corrected ticket listed as set by hand), saves the rule and applies it; the
// other ticket is re-classified with the rule in its history, and new reports use the rule at once.

const suffix = Date.now().toString(36)
const words = `panneau cornichon ${suffix}`
const message = `Le portail affiche un panneau Cornichon ${suffix} et je ne peux rien faire.`

test('an admin turns a correction into a rule, sees its dry run and applies it', async ({ adminPage: page, request }) => {
  test.setTimeout(90_000) // one long story: correction, dry run, save, apply, disable, change, phone
  const file = async (fullName: string) => {
    const res = await request.post('/api/reports', { data: { message, fullName } })
    expect(res.status()).toBe(201)
    const body = (await res.json()) as { reference: string; category: string }
    expect(body.category).toBe('UNKNOWN')
    return body.reference
  }
  const corrected = await file(`Corentin Règle ${suffix}`)
  const other = await file(`Odile Règle ${suffix}`)

  // The category corrected by hand, then the offer to learn from it.
  await page.goto(`/admin/tickets/${corrected}`)
  await page.getByRole('combobox', { name: 'Catégorie', exact: true }).selectOption('SITE_UNAVAILABLE')
  await page.getByRole('button', { name: 'Changer la catégorie' }).click()
  const learn = page.getByRole('form', { name: 'Apprendre de cette correction' })
  await expect(learn).toBeVisible()
  await learn.getByLabel('Mots du message à reconnaître').fill(words)
  await learn.getByRole('button', { name: 'Créer une règle et l’essayer' }).click()

  // Straight to the dry run on the Catalogue page.
  await expect(page).toHaveURL(/\/admin\/catalogue\?/)
  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue' })).toBeVisible()
  const result = page.getByRole('region', { name: 'Résultat de l’essai' })
  await expect(result.getByText('1 signalement changerait de catégorie.')).toBeVisible()
  await expect(result.getByRole('link', { name: other })).toBeVisible()
  await expect(result.getByText(/1 signalement a été classé à la main/)).toBeVisible()
  await expect(result.getByRole('link', { name: corrected })).toBeVisible()

  await result.getByRole('button', { name: 'Enregistrer la règle' }).click()
  await expect(page.getByText('Règle enregistrée : elle s’applique dès maintenant aux nouveaux signalements.')).toBeVisible()
  await page.getByRole('button', { name: 'Appliquer aux 1 signalement(s)' }).click()
  await expect(page.getByText(/^1 signalement\(s\) reclassé\(s\)/)).toBeVisible()
  await expect(page.getByRole('region', { name: 'Règles de l’établissement' }).getByText(words, { exact: true })).toBeVisible()

  // The other ticket carries the rule in its history; the corrected one kept its category.
  await page.goto(`/admin/tickets/${other}`)
  const history = page.getByRole('list', { name: 'Historique du signalement' })
  await expect(history.getByText('Recatégorisé par une règle de l’établissement')).toBeVisible()
  await expect(history.getByText(`recatégorisé par la règle « ${words} »`)).toBeVisible()

  // New reports use the rule at once.
  const res = await request.post('/api/reports', { data: { message, fullName: `Nadia Règle ${suffix}` } })
  expect(((await res.json()) as { category: string }).category).toBe('SITE_UNAVAILABLE')

  // Disabled, it stops matching new reports.
  await page.goto('/admin/catalogue')
  await page.getByRole('button', { name: `Désactiver la règle « ${words} »` }).click()
  await expect(page.getByText(`Règle « ${words} » désactivée.`)).toBeVisible()
  const after = await request.post('/api/reports', { data: { message, fullName: `Paul Règle ${suffix}` } })
  expect(((await after.json()) as { category: string }).category).toBe('UNKNOWN')

  // Changed: tried in place of its current version (3 automatic tickets would move), then saved.
  await page.getByRole('link', { name: `Modifier la règle « ${words} »` }).click()
  await expect(page.getByRole('heading', { name: 'Modifier la règle' })).toBeVisible()
  await page.getByLabel('Catégorie', { exact: true }).selectOption('WRONG_ADDRESS')
  await page.getByRole('button', { name: 'Essayer sur les signalements enregistrés' }).click()
  await expect(result.getByText('3 signalements changeraient de catégorie.')).toBeVisible()
  await result.getByRole('button', { name: 'Enregistrer la modification' }).click()
  await expect(page.getByText('Règle modifiée : elle s’applique dès maintenant aux nouveaux signalements.')).toBeVisible()

  // On a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto('/admin/catalogue')
  await expect(page.getByRole('heading', { level: 1, name: 'Catalogue' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
})

test('the production server checks regular expressions before saving them', async ({ adminPage: page }) => {
  const refused = await page.request.post('/api/admin/catalogue/rules', { data: { kind: 'regex', pattern: '^(\\w+\\s?)+$', category: 'BAD_CREDENTIALS' } })
  expect(refused.status()).toBe(400)
  const body = (await refused.json()) as { issues: { path: string[]; message: string }[] }
  expect(body.issues[0]).toMatchObject({ path: ['pattern'], message: expect.stringMatching(/^Expression refusée : /) })
  const saved = await page.request.post('/api/admin/catalogue/rules', { data: { kind: 'regex', pattern: `code ${suffix} \\d{3}`, category: 'SITE_UNAVAILABLE' } })
  expect(saved.status()).toBe(201)
})

test('an agent is refused the Catalogue page and does not see its link', async ({ agentPage: page }) => {
  await page.goto('/admin/catalogue')
  await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux administrateurs' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Catalogue' })).toHaveCount(0)
})
