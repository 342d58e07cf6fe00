// npm run fixtures:ocr — writes the OCR test set into tests/fixtures/screenshots/: a screenshot of
// each sample page (tests/ocr/browser-pages.ts), at phone or desktop size in turn, and a "photo"
// stand-in of each (rotated, darkened, slightly blurred, JPEG) plus manifest.json. Deterministic
// apart from the renderer's fonts; the result is committed so the eval and e2e need no generation.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { pageHtml, pageText, samplePages, type SamplePage } from '../tests/ocr/browser-pages'
import { chromiumLaunchOptions, type FixtureImage } from '../tests/ocr/fixtures'

const outDir = path.resolve(import.meta.dirname, '..', 'tests', 'fixtures', 'screenshots')

const devices = {
  phone: { viewport: { width: 390, height: 560 }, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1024, height: 440 }, deviceScaleFactor: 1 },
} as const

async function screenshot(browser: Browser, page: SamplePage, device: keyof typeof devices): Promise<Buffer> {
  const context = await browser.newContext(devices[device])
  const tab = await context.newPage()
  await tab.setContent(pageHtml(page))
  const png = await tab.screenshot({ type: 'png' })
  await context.close()
  return png
}

/**
 * The screenshot as if photographed off the screen: tilted, dim, unevenly lit, soft, with the dark
 * bezel around it, at the screenshot's own resolution (a phone camera has more pixels than that).
 */
async function photo(browser: Browser, png: Buffer, index: number, device: keyof typeof devices): Promise<Buffer> {
  const { viewport, deviceScaleFactor } = devices[device]
  const margin = 60
  const context = await browser.newContext({
    viewport: { width: viewport.width + 2 * margin, height: viewport.height + 2 * margin },
    deviceScaleFactor,
  })
  const tab = await context.newPage()
  const angle = index % 2 === 0 ? 4 : -3
  await tab.setContent(`<!doctype html><body style="margin:0;background:#1e1e1e;display:grid;place-items:center;height:100vh;overflow:hidden">
<div style="position:relative;transform:rotate(${angle}deg)">
<img src="data:image/png;base64,${png.toString('base64')}" style="display:block;width:${viewport.width}px;filter:brightness(0.55) contrast(0.8) blur(0.5px)">
<div style="position:absolute;inset:0;background:radial-gradient(circle at 30% 20%,rgba(255,255,255,0.12),rgba(0,0,0,0.35))"></div>
</div></body>`)
  await tab.locator('img').evaluate((img: HTMLImageElement) => img.decode())
  const jpeg = await tab.screenshot({ type: 'jpeg', quality: 60 })
  await context.close()
  return jpeg
}

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch(chromiumLaunchOptions())
  const manifest: FixtureImage[] = []
  try {
    for (const [index, page] of samplePages().entries()) {
      const device = index % 2 === 0 ? 'phone' : 'desktop'
      const png = await screenshot(browser, page, device)
      const common = { page: page.id, look: page.look, lang: page.lang, device, text: pageText(page) } as const
      fs.writeFileSync(path.join(outDir, `${page.id}-${device}.png`), png)
      manifest.push({ file: `${page.id}-${device}.png`, kind: 'screenshot', ...common })
      fs.writeFileSync(path.join(outDir, `${page.id}-${device}-photo.jpg`), await photo(browser, png, index, device))
      manifest.push({ file: `${page.id}-${device}-photo.jpg`, kind: 'photo', ...common })
    }
  } finally {
    await browser.close()
  }
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n')
  console.log(`${manifest.length} images in ${path.relative(process.cwd(), outDir)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
