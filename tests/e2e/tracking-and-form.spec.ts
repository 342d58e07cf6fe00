import { expect, test, type Page } from '@playwright/test'
import { ensureAccount, staff } from './fixtures/auth'
import { labelFor } from '../../lib/catalogue/entries'

// Issue 10, items 3 (how the link is shown), 5 and 8: the confirmation after a report, the tracking
// page of a closed ticket, and the public form's date field and error summary.

const messageLabel = 'Le message d’erreur affiché'

async function submitReport(page: Page, fullName: string) {
  await page.goto('/')
  await page.getByLabel(messageLabel).fill('Votre identifiant ou votre mot de passe est incorrect')
  await page.getByLabel('Vos nom et prénom').fill(fullName)
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await expect(page).toHaveURL(/\/suivi\/RL-[0-9A-Z]{4}-[0-9A-Z]{4}\?t=[\w-]{43}&nouveau=1$/)
}

test.describe('with JavaScript', () => {
  test('after a submission, focus is on the confirmation heading; the link can be copied', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await submitReport(page, 'Focus Confirmation')
    const heading = page.getByRole('heading', { name: 'Votre signalement est enregistré' })
    await expect(heading).toBeFocused()
    await expect(page.getByText('La référence seule ne permet pas d’ouvrir votre signalement')).toBeVisible()
    const link = await page.getByLabel('Lien de suivi privé').inputValue()
    await page.getByRole('button', { name: 'Copier le lien' }).click()
    await expect(page.getByText('Lien copié')).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)
  })

  test('the date field is one stop: "just now" unless the person changes it', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel('L’adresse que vous avez essayée').focus()
    let stops = 0
    const submit = page.getByRole('button', { name: 'Envoyer le signalement' })
    while (stops < 10 && !(await submit.evaluate((el) => el === document.activeElement))) {
      await page.keyboard.press('Tab')
      stops++
    }
    // One stop for the date, one for the button.
    expect(stops).toBeLessThanOrEqual(2)
    await expect(page.getByText('À l’instant', { exact: false }).first()).toBeVisible()
  })

  test('the overlong-message error in the summary names the field', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel(messageLabel).fill('x'.repeat(5001))
    await page.getByLabel('Vos nom et prénom').fill('Camille Longue')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
    const summary = page.getByRole('alert').filter({ hasText: 'Le signalement n’a pas été envoyé.' })
    await expect(summary.getByRole('link')).toHaveText(/^Le message d’erreur affiché : .*trop long/)
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('after a submission, the confirmation heading has focus and the link is selectable text', async ({ page }) => {
    await submitReport(page, 'Focus Sans JS')
    await expect(page.getByRole('heading', { name: 'Votre signalement est enregistré' })).toBeFocused()
    await expect(page.getByText('La référence seule ne permet pas d’ouvrir votre signalement')).toBeVisible()
    await expect(page.getByLabel('Lien de suivi privé')).toHaveValue(/\/suivi\/RL-/)
  })

  test('a different date can still be given', async ({ page }) => {
    await page.goto('/')
    await page.getByLabel(messageLabel).fill('Votre identifiant ou votre mot de passe est incorrect')
    await page.getByLabel('Vos nom et prénom').fill('Date Choisie')
    await page.getByText('Indiquer une autre date').click()
    await page.getByLabel('Date et heure').fill('2026-11-30T08:15')
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
    await expect(page.getByText('30 novembre 2026 à 08:15')).toBeVisible()
  })
})

test('a resolved ticket leads with the outcome and the school’s message; first-aid steps step back', async ({ page, browser }) => {
  ensureAccount(staff.agent)
  const created = await page.request.post('/api/reports', {
    data: { message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: 'Résolu Devant', profile: 'PARENT' },
  })
  expect(created.status()).toBe(201)
  const { reference, trackingUrl } = (await created.json()) as { reference: string; trackingUrl: string }

  const staffContext = await browser.newContext()
  const staffPage = await staffContext.newPage()
  await staffPage.goto('/login')
  await staffPage.getByLabel('Adresse e-mail').fill(staff.agent.email)
  await staffPage.getByLabel('Mot de passe').fill(staff.agent.password)
  await staffPage.getByRole('button', { name: 'Se connecter' }).click()
  await staffPage.waitForURL((url) => url.pathname !== '/login')
  const { version } = (await (await staffContext.request.get(`/api/admin/tickets/${reference}`)).json()) as { version: number }
  const message = 'Votre mot de passe a été réinitialisé : utilisez celui reçu par courrier.'
  const patched = await staffContext.request.patch(`/api/admin/tickets/${reference}`, { data: { version, status: 'RESOLVED', publicMessage: message } })
  expect(patched.status()).toBe(200)
  await staffContext.close()

  await page.goto(new URL(trackingUrl).pathname + new URL(trackingUrl).search)
  const headings = await page.locator('main h2').allTextContents()
  expect(headings[0]).toMatch(/Votre demande est résolue/)
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ')
  expect(text.indexOf(message)).toBeGreaterThan(-1)
  expect(text.indexOf(message)).toBeLessThan(text.indexOf('Rappel du diagnostic initial'))
  // The first-aid steps are still there, folded away, after the outcome.
  await expect(page.locator('.diagnosis-who')).toBeHidden()
  await page.getByText('Rappel du diagnostic initial').click()
  await expect(page.getByRole('heading', { name: labelFor('BAD_CREDENTIALS') })).toBeVisible()
})
