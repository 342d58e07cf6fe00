import { ensureAccount, expect, staff, test } from './fixtures/auth'

// Issue 10, item 2: without JavaScript the login form used to GET /login?email=…&password=…, and
// the page reloaded empty. It must POST, sign in, and show its refusal.

test.use({ javaScriptEnabled: false })
test.beforeAll(() => ensureAccount(staff.agent))

test('a wrong password is refused with the generic message; the password never reaches a URL', async ({ page }) => {
  const urls: string[] = []
  page.on('request', (request) => urls.push(request.url()))
  await page.goto('/login?callbackUrl=%2Fadmin')
  await page.getByLabel('Adresse e-mail').fill(staff.agent.email)
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.')
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(staff.agent.email)
  expect(urls.filter((u) => u.includes('password') || u.includes('pas%20le%20bon') || u.includes('pas+le+bon'))).toEqual([])
})

test('the right password signs in and goes to the page asked for', async ({ page }) => {
  const methods: string[] = []
  page.on('request', (request) => {
    if (request.isNavigationRequest()) methods.push(`${request.method()} ${new URL(request.url()).pathname}`)
  })
  await page.goto('/login?callbackUrl=%2Fadmin%2Fechecs-interconnexion')
  await page.getByLabel('Adresse e-mail').fill(staff.agent.email)
  await page.getByLabel('Mot de passe').fill(staff.agent.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(/\/admin\/echecs-interconnexion$/)
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible()
  expect(methods).toContain('POST /login')
  expect(page.url()).not.toContain('password')
})
