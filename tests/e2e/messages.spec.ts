import { expect, test } from './fixtures/auth'

// Issue 14 in the browser: without SMTP_URL (the end-to-end server has none) a report's
// acknowledgement waits in the outbox, and the admin page "Messages" says why; staff choose their
// mails on "Mon compte".

const suffix = Date.now().toString(36)

test('the admin sees the pending acknowledgement, "non envoyé : SMTP non configuré", and can retry', async ({ adminPage: page, request }) => {
  const email = `messages.${suffix}@example.test`
  const response = await request.post('/api/reports', { data: { message: 'Votre identifiant ou votre mot de passe est incorrect', fullName: `Personne ${suffix}`, email } })
  expect(response.status()).toBe(201)
  const { reference } = (await response.json()) as { reference: string }

  await page.goto('/admin')
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Messages' }).click()
  await expect(page.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible()
  await expect(page.getByText(/SMTP non configuré : les messages restent en attente/)).toBeVisible()
  const item = page.getByRole('listitem').filter({ hasText: email })
  await expect(item).toContainText('Accusé de réception')
  await expect(item).toContainText('non envoyé : SMTP non configuré')
  await expect(item.getByRole('link', { name: reference })).toBeVisible()
  await item.getByRole('button', { name: 'Réessayer maintenant' }).click()
  await expect(page.getByRole('status')).toContainText('message(s) relancé(s)')
})

test('an agent may not open "Messages" but chooses their own mails on "Mon compte"', async ({ agentPage: page }) => {
  await page.goto('/admin/messages')
  await expect(page).toHaveURL(/\/admin\/acces-refuse/)
  await page.goto('/admin/mon-compte')
  const digest = page.getByRole('checkbox', { name: /récapitulatif des signalements ouverts/ })
  await expect(digest).not.toBeChecked()
  await expect(page.getByRole('checkbox', { name: /alerte quand un incident/ })).toBeChecked()
  await digest.check()
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await expect(page.getByRole('status')).toHaveText('Préférences enregistrées.')
  await expect(page.getByRole('checkbox', { name: /récapitulatif des signalements ouverts/ })).toBeChecked()
})
