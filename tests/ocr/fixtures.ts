// The committed OCR test set (tests/fixtures/screenshots/, written by scripts/generate-ocr-fixtures.ts)
// and the browser that makes and reads it.
import fs from 'node:fs'
import path from 'node:path'
import type { LaunchOptions } from '@playwright/test'

export interface FixtureImage {
  file: string
  /** A screenshot as saved by the device, or a stand-in for a photo of the screen. */
  kind: 'screenshot' | 'photo'
  page: string
  look: string
  lang: 'fr' | 'en'
  device: 'phone' | 'desktop'
  /** The text shown on the page. */
  text: string
}

export const screenshotsDir = path.resolve(import.meta.dirname, '..', 'fixtures', 'screenshots')

export function loadFixtureImages(): FixtureImage[] {
  return JSON.parse(fs.readFileSync(path.join(screenshotsDir, 'manifest.json'), 'utf8')) as FixtureImage[]
}

/** Same browser and flags as the end-to-end tests (tests/playwright.config.ts). */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  }
}
