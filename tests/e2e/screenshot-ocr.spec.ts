import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Request } from '@playwright/test'
import { labelFor } from '../../lib/catalogue/entries'

// Reading the error from a screenshot (issue 19), against the production build: the text is read
// in the browser, fills the message box and drives the live diagnosis; the report is filed; and no
// request carries the image, its name or anything from another origin.

const messageLabel = 'Le message d’erreur affiché'
const picker = 'Ou choisissez une capture d’écran de l’erreur'
const fileName = 'chrome-503-fr-phone.png'
const imagePath = path.resolve(__dirname, '..', 'fixtures', 'screenshots', fileName)

test('a screenshot is read in the browser, diagnosed and never sent', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  const requests: Request[] = []
  page.on('request', (request) => requests.push(request))

  await page.goto('/')
  await page.getByLabel(messageLabel).click() // the form's own lazy code loads, not the OCR engine
  await page.waitForLoadState('networkidle')
  expect(requests.filter((r) => new URL(r.url()).pathname.startsWith('/ocr/'))).toEqual([])

  await page.getByLabel(picker).setInputFiles(imagePath)
  const status = page.locator('.screenshot-status')
  await expect(status).toContainText('Vérifiez le texte lu', { timeout: 120_000 })
  const message = page.getByLabel(messageLabel)
  await expect(message).toHaveValue(/HTTP ERROR 503/)
  await expect(message).toHaveValue(/Cette page ne fonctionne pas/)
  const live = page.locator('section.live-diagnosis')
  await expect(live.getByRole('heading', { level: 3 }).first()).toContainText(labelFor('SERVER_NOT_PUBLISHED'))

  // The text stays editable, and the diagnosis follows the edit.
  await message.fill(`${await message.inputValue()}\nmerci`)
  await page.getByLabel('Vos nom et prénom').fill('Camille Martin')
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await expect(page).toHaveURL(/\/suivi\/RL-[0-9A-Z]{4}-[0-9A-Z]{4}\?t=[\w-]{43}&nouveau=1$/)

  const image = fs.readFileSync(imagePath)
  const samples = [image.subarray(0, 64), image.subarray(image.length >> 1, (image.length >> 1) + 64), image.subarray(-64)]
  const origin = new URL(baseURL!).origin
  const posts = requests.filter((r) => r.method() !== 'GET')
  expect(posts.length).toBeGreaterThan(0) // the report itself went out
  for (const request of requests) {
    expect(new URL(request.url()).origin, request.url()).toBe(origin)
    expect(request.url()).not.toContain('chrome-503')
    const body = request.postDataBuffer()
    if (!body) continue
    for (const sample of samples) expect(body.includes(sample), request.url()).toBe(false)
    const text = body.toString('latin1')
    expect(text).not.toContain(fileName)
    expect(text).not.toMatch(/filename=|image\/png|\u0089PNG/)
  }
  // The engine came from Relais itself, once the image was picked.
  const engine = requests.map((r) => new URL(r.url()).pathname).filter((p) => p.startsWith('/ocr/'))
  expect(engine).toEqual(expect.arrayContaining([expect.stringMatching(/\/worker\.min\.js$/), expect.stringMatching(/\/fra\.traineddata\.gz$/)]))
})

test('an image that cannot be read leaves the form as it was', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByLabel(messageLabel).fill('Ce que j’ai tapé')
  await page.getByLabel(picker).setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') })
  await expect(page.locator('.screenshot-status')).toContainText('Cette image n’a pas pu être lue', { timeout: 90_000 })
  await expect(page.getByLabel(messageLabel)).toHaveValue('Ce que j’ai tapé')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('no picker is shown: the form is the plain one', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByLabel(messageLabel)).toBeVisible()
    await expect(page.getByLabel(picker)).toHaveCount(0)
    await expect(page.locator('input[type=file]')).toHaveCount(0)
  })
})
