import { expect, test } from './fixtures/auth'

// Issue 13, the rentrée story: a surge of reports with one school-side cause forms one incident;
// the admin publishes a notice that a new visitor of the form sees; the admin resolves; each
// tracking page shows the message; one person answers "Non" (without JavaScript) and their ticket
// is back in the queue, counted on the incident.

const suffix = Date.now().toString(36)
const host = `pronote-${suffix}.exemple.fr`
const notice = 'L’adresse de PRONOTE a changé cet été : utilisez le lien de l’ENT en attendant la correction.'
const resolution = 'L’adresse du site de l’établissement est corrigée : vous pouvez vous reconnecter.'

test('surge → notice → resolve → tracking → "Non"', async ({ adminPage: page, request, browser }) => {
  const filed: { trackingUrl: string; reference: string; incident: { id: string } }[] = []
  for (let i = 0; i < 6; i++) {
    const response = await request.post('/api/reports', {
      data: { message: 'Ce site est inaccessible', fullName: `Parent Rentrée ${suffix} ${i}`, profile: 'PARENT', url: `https://${host}/pronote/parent.html` },
    })
    expect(response.status()).toBe(201)
    filed.push(await response.json())
  }
  expect(new Set(filed.map((f) => f.incident.id)).size).toBe(1)

  // One row on top of the queue, not six tickets to resolve one by one.
  await page.goto('/admin')
  const incidents = page.getByRole('region', { name: /Incidents en cours/ })
  await incidents.getByRole('link', { name: new RegExp(host) }).click()
  await expect(page.getByRole('heading', { name: new RegExp(`Incident : .*${host}`) })).toBeVisible()
  await expect(page.getByText(/6 signalements \(6 ouverts\)/)).toBeVisible()

  await page.getByLabel('Message affiché au-dessus du formulaire de signalement').fill(notice)
  await page.getByRole('button', { name: 'Publier l’avis' }).click()
  await expect(page.getByText('Avis public enregistré')).toBeVisible()

  // A new visitor of the form sees the notice above the message box.
  const visitor = await browser.newContext()
  const form = await visitor.newPage()
  await form.goto('/')
  const known = form.getByRole('region', { name: /Problème connu/ })
  await expect(known).toContainText(/Problème connu depuis \d{1,2} h \d{2}/)
  await expect(known).toContainText(notice)
  await visitor.close()

  await page.getByLabel('Message à chaque personne concernée').fill(resolution)
  await page.getByRole('button', { name: /Résoudre les 6 signalement/ }).click()
  await expect(page.getByText(/Incident résolu : chaque signalement ouvert/)).toBeVisible()

  // Each tracking page shows the message; one person, without JavaScript, is still blocked.
  const person = await browser.newContext({ javaScriptEnabled: false })
  const tracking = await person.newPage()
  for (const f of filed) {
    await tracking.goto(f.trackingUrl)
    await expect(tracking.getByText(resolution)).toBeVisible()
    await expect(tracking.getByRole('heading', { name: 'Pouvez-vous vous connecter maintenant ?' })).toBeVisible()
  }
  await tracking.getByLabel(/Si ça ne fonctionne toujours pas/).fill('Toujours « Ce site est inaccessible ».')
  await tracking.getByRole('button', { name: 'Non, toujours bloqué' }).click()
  await expect(tracking.getByText(/votre signalement est de nouveau entre les mains de l’établissement/).first()).toBeVisible()
  await person.close()

  // Back in the queue as an individual ticket, with the event; the incident counts it.
  const last = filed.at(-1)!
  await page.goto(`/admin/tickets/${last.reference}`)
  await expect(page.getByText('Nouveau', { exact: true }).first()).toBeVisible()
  await expect(page.getByText('Toujours bloqué après résolution.').first()).toBeVisible()
  await page.goto(`/admin/incidents/${last.incident.id}`)
  await expect(page.getByText(/0 personne\(s\) confirment pouvoir se connecter, 1 sont toujours bloquées/)).toBeVisible()
  await page.goto(`/admin?q=${last.reference}`)
  await expect(page.getByRole('link', { name: last.reference })).toBeVisible()
})
