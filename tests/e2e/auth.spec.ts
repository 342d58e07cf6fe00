import { ensureAccount, expect, signIn, staff, test } from './fixtures/auth'

test.beforeAll(() => {
  ensureAccount(staff.admin)
  ensureAccount(staff.agent)
})

test.describe('staff sign-in', () => {
  test('a wrong password shows the generic French error and stays on /login', async ({ page }) => {
    await page.goto('/login')
    await page.getByLabel('Adresse e-mail').fill('personne.inconnue@relais.test')
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    const form = page.getByRole('main').locator('form')
    await expect(form.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.')
    await expect(page).toHaveURL(/\/login/)

    // An existing account with a wrong password gets exactly the same words.
    await page.getByLabel('Adresse e-mail').fill(staff.agent.email)
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(form.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.')
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0)
  })

  test('an anonymous visitor of /admin/comptes goes to /login, then back after signing in; sign-out ends the session', async ({ page }) => {
    await page.goto('/admin/comptes')
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fcomptes$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion du personnel' })).toBeVisible()

    await signIn(page, staff.admin, '/admin/comptes')
    await expect(page).toHaveURL(/\/admin\/comptes$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Comptes du personnel' })).toBeVisible()

    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await expect(page).toHaveURL(/\/login/)
    await page.goto('/admin/comptes')
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fcomptes$/)
  })

  test('an external callbackUrl is ignored', async ({ page }) => {
    await signIn(page, staff.admin, 'https://evil.example/')
    await expect(page).toHaveURL((url) => url.host.startsWith('localhost') && url.pathname.startsWith('/admin'))
  })
})

test.describe('roles', () => {
  test('an ADMIN sees every section and the accounts page', async ({ adminPage: page }) => {
    await page.goto('/admin/comptes')
    const nav = page.getByRole('navigation', { name: 'Administration' })
    for (const name of ['File d’attente', 'Échecs d’interconnexion', 'Comptes', 'Paramètres']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible()
    }
    await expect(page.getByText(staff.admin.name, { exact: true }).first()).toBeVisible()
    await expect(page.getByRole('heading', { name: `${staff.admin.name} (vous)` })).toBeVisible()
  })

  test('an AGENT is refused the accounts and settings pages and does not see their links', async ({ agentPage: page }) => {
    for (const path of ['/admin/comptes', '/admin/parametres']) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux administrateurs' })).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Comptes du personnel' })).toHaveCount(0)
    }
    const nav = page.getByRole('navigation', { name: 'Administration' })
    await expect(nav.getByRole('link', { name: 'Comptes' })).toHaveCount(0)
    await expect(nav.getByRole('link', { name: 'Paramètres' })).toHaveCount(0)
  })
})

test.describe('accounts and settings pages', () => {
  test('an ADMIN creates an account, which can then sign in; a short password is refused next to the field', async ({ adminPage: page, browser }) => {
    await page.goto('/admin/comptes')
    const form = page.getByRole('region', { name: 'Créer un compte' })
    await form.getByLabel('Nom').fill('Chloé Nouvelle')
    await form.getByLabel('Adresse e-mail').fill('chloe.e2e@relais.test')
    await form.getByLabel('Mot de passe provisoire').fill('court')
    // The browser's own minlength check would stop the post: bypass it to see the server's message.
    await form.evaluate((el) => el.querySelector('form')?.setAttribute('novalidate', ''))
    await form.getByRole('button', { name: 'Créer le compte' }).click()
    await expect(form.getByText('Le mot de passe doit comporter au moins 12 caractères.')).toBeVisible()
    await expect(form.getByLabel('Adresse e-mail')).toHaveValue('chloe.e2e@relais.test')

    await form.getByLabel('Mot de passe provisoire').fill('une phrase bien longue')
    await form.getByRole('button', { name: 'Créer le compte' }).click()
    await expect(form.getByRole('status')).toContainText('Compte créé pour Chloé Nouvelle')
    await expect(page.getByRole('heading', { name: /Chloé Nouvelle/ })).toBeVisible()

    const context = await browser.newContext()
    const fresh = await context.newPage()
    await signIn(fresh, { email: 'chloe.e2e@relais.test', password: 'une phrase bien longue', name: 'Chloé Nouvelle', role: 'AGENT' }, '/admin/acces-refuse')
    await expect(fresh.getByRole('button', { name: 'Se déconnecter' })).toBeVisible()
    await context.close()
  })

  test('an ADMIN saves the school settings; a UAI with a wrong check letter is refused next to the field', async ({ adminPage: page }) => {
    await page.goto('/admin/parametres')
    await page.getByLabel('Nom de l’établissement').fill('Lycée de test')
    await page.getByLabel('UAI (ex-RNE)').fill('0951099E')
    await page.getByLabel('Espace Parents').fill('https://0951099d.index-education.net/pronote/parent.html')
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click()
    await expect(page.getByText('La lettre finale ne correspond pas')).toBeVisible()
    await expect(page.getByLabel('UAI (ex-RNE)')).toHaveAttribute('aria-invalid', 'true')

    await page.getByLabel('UAI (ex-RNE)').fill('0951099D')
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click()
    await expect(page.getByRole('status')).toHaveText('Paramètres enregistrés.')
    await page.reload()
    await expect(page.getByLabel('UAI (ex-RNE)')).toHaveValue('0951099D')
    await expect(page.getByLabel('Espace Parents')).toHaveValue('https://0951099d.index-education.net/pronote/parent.html')
  })
})
