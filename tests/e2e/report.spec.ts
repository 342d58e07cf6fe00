import { expect, test, type Page } from '@playwright/test'
import { labelFor } from '../../lib/catalogue/entries'

// The public report flow against the production build: with and without JavaScript.

const messageLabel = 'Le message d’erreur affiché'

async function fillRequired(page: Page, message: string, fullName = 'Camille Martin') {
  await page.getByLabel(messageLabel).fill(message)
  await page.getByLabel('Vos nom et prénom').fill(fullName)
}

test.describe('with JavaScript', () => {
  test('shows the diagnosis while typing, files the report and opens the tracking link', async ({ page, context }) => {
    await page.goto('/')
    await expect(page.getByText('Nous ne vous demanderons jamais votre mot de passe.')).toBeVisible()
    const live = page.locator('section.live-diagnosis')
    await expect(live).toContainText('Collez le message ci-dessus')

    await page.getByLabel(messageLabel).pressSequentially('Votre identifiant ou votre mot de passe est incorrect', { delay: 5 })
    await expect(live.getByRole('heading', { level: 3 }).first()).toContainText(labelFor('BAD_CREDENTIALS'))
    await expect(live.getByRole('listitem').first()).toBeVisible()

    await page.getByLabel('Vous êtes').selectOption('PARENT')
    await page.getByLabel('Vos nom et prénom').fill('Camille Martin')
    await page.getByLabel('Votre adresse e-mail').fill('camille@example.test')
    await page.getByLabel('Établissement').fill('0951099D')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()

    await expect(page).toHaveURL(/\/suivi\/RL-[0-9A-Z]{4}-[0-9A-Z]{4}\?t=[\w-]{43}&nouveau=1$/)
    const banner = page.getByRole('status').filter({ hasText: 'Votre signalement est enregistré' })
    await expect(banner).toBeVisible()
    const reference = (await banner.locator('.reference').textContent())!.trim()
    expect(reference).toMatch(/^RL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)

    const link = await page.getByLabel('Lien de suivi privé').inputValue()
    expect(link).toContain(`/suivi/${reference}?t=`)
    expect(link).not.toContain('nouveau')

    const tracking = await context.newPage()
    const response = await tracking.goto(link)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['referrer-policy']).toBe('same-origin')
    await expect(tracking.getByRole('heading', { level: 1 })).toHaveText(`Signalement ${reference}`)
    await expect(tracking.getByText('Nouveau', { exact: true })).toBeVisible()
    await expect(tracking.getByRole('heading', { name: labelFor('BAD_CREDENTIALS') })).toBeVisible()
    await expect(tracking.getByText('Votre signalement est enregistré')).toHaveCount(0)

    // Same reference, wrong token: a plain 404 that reveals nothing.
    const wrong = await tracking.goto(link.replace(/t=[\w-]+/, `t=${'A'.repeat(43)}`))
    expect(wrong?.status()).toBe(404)
    await expect(tracking.getByRole('heading', { name: 'Page introuvable' })).toBeVisible()
  })

  test('shows the ENT fields only when they matter', async ({ page }) => {
    await page.goto('/')
    const entName = page.getByLabel('Nom de l’ENT')
    await page.getByLabel('Vous êtes').selectOption('PROFESSEUR')
    await page.getByLabel(messageLabel).fill('Votre identifiant ou votre mot de passe est incorrect')
    await expect(entName).toBeHidden()
    await page.getByLabel(messageLabel).fill('Après l’ENT il y a marqué Identification impossible')
    await expect(entName).toBeVisible()
    await page.getByLabel(messageLabel).fill('HTTP Error 503')
    await expect(entName).toBeHidden()
    await page.getByLabel('Vous êtes').selectOption('ELEVE')
    await expect(entName).toBeVisible()
  })

  test('invalid input: French errors next to the fields, focus on the first, values kept', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel('Votre adresse e-mail').fill('camille@')
    await page.getByLabel('Établissement').fill('Lycée Victor Hugo')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()

    const message = page.getByLabel(messageLabel)
    await expect(message).toBeFocused()
    await expect(message).toHaveAttribute('aria-invalid', 'true')
    await expect(message).toHaveAccessibleDescription(/Collez ou recopiez le message d’erreur/)
    await expect(page.getByLabel('Vos nom et prénom')).toHaveAccessibleDescription(/Indiquez vos nom et prénom/)
    await expect(page.getByLabel('Votre adresse e-mail')).toHaveAccessibleDescription(/Adresse e-mail invalide/)
    await expect(page.getByRole('alert').filter({ hasText: 'Le signalement n’a pas été envoyé' })).toBeVisible()
    await expect(page.getByLabel('Établissement')).toHaveValue('Lycée Victor Hugo')
    await expect(page).toHaveURL(/\/$/)

    // Fixing the fields clears their errors as the person types.
    await fillRequired(page, 'HTTP Error 503', 'Jules Bernard')
    await page.getByLabel('Votre adresse e-mail').fill('camille@example.test')
    await expect(message).not.toHaveAttribute('aria-invalid', 'true')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
    await expect(page).toHaveURL(/\/suivi\/RL-/)
  })

  test('prefills from query parameters', async ({ page }) => {
    const params = new URLSearchParams({
      message: 'Identification impossible',
      profile: 'parent',
      establishment: 'Collège Jean Moulin',
      login: 'cmartin',
      entName: 'Toutatice',
      entLogin: 'c.martin',
      url: 'https://0951099d.index-education.net/pronote/parent.html',
    })
    await page.goto(`/?${params}`)
    await expect(page.getByLabel(messageLabel)).toHaveValue('Identification impossible')
    await expect(page.getByLabel('Vous êtes')).toHaveValue('PARENT')
    await expect(page.getByLabel('Établissement')).toHaveValue('Collège Jean Moulin')
    await expect(page.getByLabel('Votre identifiant PRONOTE')).toHaveValue('cmartin')
    await expect(page.getByLabel('Nom de l’ENT')).toHaveValue('Toutatice')
    await expect(page.getByLabel('Votre identifiant ENT')).toHaveValue('c.martin')
    await expect(page.getByLabel('L’adresse que vous avez essayée')).toHaveValue(params.get('url')!)
    await expect(page.locator('section.live-diagnosis')).toContainText(labelFor('ENT_IDENTITY_MISMATCH'))
  })

  test('fits a phone screen without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/?message=' + encodeURIComponent('Le site n’est pas disponible'))
    await expect(page.locator('section.live-diagnosis')).toContainText(labelFor('SITE_UNAVAILABLE'))
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const button = await page.getByRole('button', { name: 'Envoyer le signalement' }).boundingBox()
    expect(button!.height).toBeGreaterThanOrEqual(44)
    expect(button!.width).toBeGreaterThan(300)
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the plain form post files the report and shows the reference', async ({ page }) => {
    await page.goto('/')
    // ENT fields are present, in a clearly optional section.
    await expect(page.getByRole('group', { name: /Connexion par l’ENT/ })).toContainText('facultatif')
    await fillRequired(page, 'Le site n’est pas disponible. Votre adresse IP est provisoirement suspendue', 'Inès Moreau')
    await page.getByLabel('Vous êtes').selectOption('ELEVE')
    await page.getByLabel('Nom de l’ENT').fill('Mon Bureau Numérique')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()

    await expect(page).toHaveURL(/\/suivi\/RL-[0-9A-Z]{4}-[0-9A-Z]{4}\?t=[\w-]{43}&nouveau=1$/)
    await expect(page.getByText('Votre signalement est enregistré')).toBeVisible()
    await expect(page.locator('.reference')).toHaveText(/^RL-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expect(page.getByRole('heading', { name: labelFor('SITE_UNAVAILABLE', 'IP_SUSPENDED') })).toBeVisible()
  })

  test('server-side errors are shown next to the fields and nothing typed is lost', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel(messageLabel).fill('HTTP Error 503')
    await page.getByLabel('Votre adresse e-mail').fill('pas-une-adresse')
    await page.getByLabel('Votre identifiant PRONOTE').fill('cmartin')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()

    const fullName = page.getByLabel('Vos nom et prénom')
    await expect(fullName).toHaveAttribute('aria-invalid', 'true')
    await expect(fullName).toHaveAccessibleDescription(/Indiquez vos nom et prénom/)
    await expect(fullName).toBeFocused()
    await expect(page.getByLabel('Votre adresse e-mail')).toHaveAccessibleDescription(/Adresse e-mail invalide/)
    await expect(page.getByLabel(messageLabel)).toHaveValue('HTTP Error 503')
    await expect(page.getByLabel('Votre adresse e-mail')).toHaveValue('pas-une-adresse')
    await expect(page.getByLabel('Votre identifiant PRONOTE')).toHaveValue('cmartin')
  })
})
