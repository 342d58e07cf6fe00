import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures/auth'

// The admin queue as people use it (issue 10, items 1 and 6): the bulk form does exactly the action
// whose button was pressed, with or without JavaScript, and says what it did; a skip link, touch
// targets and "select all" for keyboard and tablet users.

async function fileReport(request: APIRequestContext, fullName: string): Promise<string> {
  const created = await request.post('/api/reports', {
    data: { message: 'Votre identifiant ou votre mot de passe est incorrect', fullName, profile: 'PARENT' },
  })
  expect(created.status()).toBe(201)
  return ((await created.json()) as { reference: string }).reference
}

async function showOnly(page: Page, fullName: string) {
  await page.goto(`/admin?q=${encodeURIComponent(fullName)}`)
  await expect(page.getByRole('list', { name: 'Signalements' }).getByRole('listitem')).toHaveCount(1)
}

async function statusOf(request: APIRequestContext, reference: string) {
  const response = await request.get(`/api/admin/tickets/${reference}`)
  expect(response.status()).toBe(200)
  return (await response.json()) as { status: string; assignee: { name: string } | null }
}

for (const javaScriptEnabled of [true, false]) {
  test(`the bulk status change does what was chosen and names it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser, agentState, request }) => {
    const context = await browser.newContext({ storageState: agentState, javaScriptEnabled })
    const page = await context.newPage()
    const fullName = `Bulk Statut ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`
    const reference = await fileReport(request, fullName)
    // First assign it, so that an accidental "assign to nobody" would show.
    await showOnly(page, fullName)
    await page.getByRole('checkbox', { name: `Sélectionner ${reference}` }).check()
    await page.getByLabel('Attribuer à').selectOption({ label: 'Bruno Agent' })
    await page.getByRole('button', { name: 'Attribuer la sélection' }).click()
    await expect(page.getByRole('status').filter({ hasText: '1 signalement attribué à Bruno Agent.' })).toBeVisible()

    await showOnly(page, fullName)
    await page.getByRole('checkbox', { name: `Sélectionner ${reference}` }).check()
    await page.getByLabel('Nouveau statut').selectOption({ label: 'Résolu' })
    await page.getByRole('button', { name: 'Changer le statut de la sélection' }).click()
    await expect(page.getByRole('status').filter({ hasText: '1 signalement passé au statut « Résolu ».' })).toBeVisible()

    const agentRequest = context.request
    const ticket = await statusOf(agentRequest, reference)
    expect(ticket.status).toBe('RESOLVED')
    expect(ticket.assignee?.name).toBe('Bruno Agent')
    await context.close()
  })
}

test('a skip link reaches the list in a few key presses', async ({ agentPage: page, request }) => {
  const fullName = `Skip Link ${Date.now()}`
  const reference = await fileReport(request, fullName)
  await page.goto(`/admin?q=${encodeURIComponent(fullName)}`)
  const skip = page.getByRole('link', { name: 'Aller à la liste des signalements' })
  let presses = 0
  while (presses < 5 && !(await skip.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab')
    presses++
  }
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('checkbox', { name: `Sélectionner ${reference}` })).toBeFocused()
})

test('checkboxes and reference links are 44 px touch targets at tablet width; "select all" selects the page', async ({ browser, agentState, request }) => {
  const stamp = Date.now()
  await fileReport(request, `Tablette Un ${stamp}`)
  await fileReport(request, `Tablette Deux ${stamp}`)
  const context = await browser.newContext({ storageState: agentState, viewport: { width: 768, height: 1024 }, hasTouch: true })
  const page = await context.newPage()
  await page.goto(`/admin?q=${encodeURIComponent(`Tablette ${stamp}`)}`)
  const list = page.getByRole('list', { name: 'Signalements' })
  await expect(list.getByRole('listitem')).toHaveCount(2)
  for (const item of await list.getByRole('listitem').all()) {
    // The target is what a tap hits: the checkbox's label wraps it, the link is the link.
    const box = await item.locator('label:has(input[type="checkbox"])').boundingBox()
    expect(box!.width).toBeGreaterThanOrEqual(44)
    expect(box!.height).toBeGreaterThanOrEqual(44)
    const link = await item.getByRole('link').first().boundingBox()
    expect(link!.width).toBeGreaterThanOrEqual(44)
    expect(link!.height).toBeGreaterThanOrEqual(44)
  }
  // Tapping the label's edge (not the box itself) checks the checkbox.
  const first = list.getByRole('listitem').first()
  await first.scrollIntoViewIfNeeded()
  const label = await first.locator('label:has(input[type="checkbox"])').boundingBox()
  await page.touchscreen.tap(label!.x + 3, label!.y + 3)
  await expect(first.getByRole('checkbox')).toBeChecked()

  const all = page.getByRole('checkbox', { name: 'Tout sélectionner sur cette page' })
  await all.check()
  for (const box of await list.getByRole('checkbox').all()) await expect(box).toBeChecked()
  await all.uncheck()
  for (const box of await list.getByRole('checkbox').all()) await expect(box).not.toBeChecked()
  await context.close()
})

test('without JavaScript, "tout sélectionner" is a link that checks the whole page', async ({ browser, agentState, request }) => {
  const stamp = Date.now()
  await fileReport(request, `Sans JS Un ${stamp}`)
  await fileReport(request, `Sans JS Deux ${stamp}`)
  const context = await browser.newContext({ storageState: agentState, javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`/admin?q=${encodeURIComponent(`Sans JS ${stamp}`)}`)
  const list = page.getByRole('list', { name: 'Signalements' })
  await expect(list.getByRole('checkbox')).toHaveCount(2)
  await page.getByRole('link', { name: 'Tout sélectionner sur cette page' }).click()
  for (const box of await list.getByRole('checkbox').all()) await expect(box).toBeChecked()
  await expect(page.getByLabel('Rechercher')).toHaveValue(`Sans JS ${stamp}`)
  await page.getByRole('link', { name: 'Tout désélectionner' }).click()
  for (const box of await list.getByRole('checkbox').all()) await expect(box).not.toBeChecked()
  await context.close()
})
