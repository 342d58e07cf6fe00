// npm run eval:ocr — reads every image of the OCR test set (tests/fixtures/screenshots/) through the
// report form of the production build, in Chromium, as a person would: pick the file, wait for the
// message box to fill. Reports per kind of image the share classified into the same category as
// the page's original text, and the time to text in the browser (median, p95). Exits non-zero
// under the targets. OCR_EVAL_URL=<origin> uses a running server instead of starting one
// (E2E_PORT, build in .next-e2e, rebuilt when stale).
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { classify } from '../lib/catalogue/classify'
import { root, startProcess, stopProcess, waitForHttp } from '../bench/procs'
import { chromiumLaunchOptions, loadFixtureImages, screenshotsDir, type FixtureImage } from '../tests/ocr/fixtures'
import { LOW_CONFIDENCE } from '../lib/ocr/paths'

const targets = { screenshot: 0.95, photo: 0.8 } as const

interface Outcome {
  image: FixtureImage
  text: string
  ms: number
  /** The form asked the person to check closely (confidence under LOW_CONFIDENCE) or to retype. */
  warned: boolean
  same: boolean
  expected: string
  got: string
}

type Read = Omit<Outcome, 'same' | 'expected' | 'got'>

const PICKER = 'Ou choisissez une capture d’écran de l’erreur'

/**
 * Picks the image and returns the message box's text with the in-page time from the pick to the
 * reading's outcome, watched on the form's status region as a person would see it: the progress
 * bar appears, then gives way to the outcome.
 */
async function readOne(page: Page, image: FixtureImage): Promise<Read> {
  await page.locator('#field-message').fill('')
  await page.evaluate(() => {
    const w = window as unknown as { __ocr: { picked: number; reading: boolean; done: { ms: number; status: string } | null } }
    w.__ocr = { picked: 0, reading: false, done: null }
    document.addEventListener('change', () => (w.__ocr.picked = performance.now()), { capture: true, once: true })
    const status = document.querySelector('.screenshot-status')!
    const observer = new MutationObserver(() => {
      if (status.querySelector('progress')) w.__ocr.reading = true
      else if (w.__ocr.reading) {
        w.__ocr.done = { ms: performance.now() - w.__ocr.picked, status: status.textContent ?? '' }
        observer.disconnect()
      }
    })
    observer.observe(status, { childList: true, subtree: true, characterData: true })
  })
  await page.getByLabel(PICKER).setInputFiles(path.join(screenshotsDir, image.file))
  const handle = await page.waitForFunction(
    () => (window as unknown as { __ocr: { done: { ms: number; status: string } | null } }).__ocr.done,
    undefined,
    { timeout: 120_000, polling: 'raf' },
  )
  const { ms, status } = (await handle.jsonValue())!
  const text = await page.locator('#field-message').inputValue()
  return { image, text, ms, warned: !status.includes('Vérifiez le texte lu') || status.includes('difficile à lire') }
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
}

async function withServer<T>(fn: (origin: string) => Promise<T>): Promise<T> {
  if (process.env.OCR_EVAL_URL) return fn(process.env.OCR_EVAL_URL)
  const port = process.env.E2E_PORT || '3100'
  const server = startProcess(process.execPath, [path.join(root, 'scripts', 'e2e-server.mjs')], { env: { ...process.env, E2E_PORT: port } })
  try {
    await waitForHttp(`http://localhost:${port}/api/health`, server, 900_000)
    return await fn(`http://localhost:${port}`)
  } finally {
    await stopProcess(server)
  }
}

async function evaluate(origin: string): Promise<{ outcomes: Outcome[]; firstMs: number }> {
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage()
    await page.goto(origin + '/')
    const outcomes: Outcome[] = []
    for (const image of loadFixtureImages()) outcomes.push(compare(await readOne(page, image)))
    // The first image also waited for the engine to load (cold cache): reported on its own.
    return { outcomes, firstMs: outcomes[0]?.ms ?? NaN }
  } finally {
    await browser.close()
  }
}

function compare(read: Read): Outcome {
  const expected = classify(read.image.text).category
  const got = read.text ? classify(read.text).category : 'none'
  return { ...read, expected, got, same: expected === got }
}

function report(outcomes: Outcome[], firstMs: number): boolean {
  let pass = true
  console.log(`| images | n | same category | target | time to text p50 | p95 | asked to check (confidence < ${LOW_CONFIDENCE}) or retype |`)
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const kind of ['screenshot', 'photo'] as const) {
    const set = outcomes.filter((o) => o.image.kind === kind)
    const share = set.filter((o) => o.same).length / set.length
    const times = set.filter((o) => o !== outcomes[0]).map((o) => o.ms)
    const low = set.filter((o) => o.warned).length
    if (share < targets[kind]) pass = false
    console.log(`| ${kind} | ${set.length} | ${share.toFixed(3)} | ≥ ${targets[kind]} | ${(quantile(times, 0.5) / 1000).toFixed(2)} s | ${(quantile(times, 0.95) / 1000).toFixed(2)} s | ${low} |`)
  }
  console.log(`\nFirst image, engine loaded on the spot (cold cache): ${(firstMs / 1000).toFixed(2)} s (left out of the percentiles)`)
  const misses = outcomes.filter((o) => !o.same)
  if (misses.length) console.log(`\nDifferent category (${misses.length}):`)
  for (const m of misses) console.log(`- ${m.image.file}: expected ${m.expected}, got ${m.got} (${m.warned ? 'person asked to check' : 'no warning'}) — ${JSON.stringify(m.text.slice(0, 160))}`)
  return pass
}

withServer(evaluate).then(
  ({ outcomes, firstMs }) => process.exit(report(outcomes, firstMs) ? 0 : 1),
  (error: unknown) => {
    console.error(error)
    process.exit(2)
  },
)
