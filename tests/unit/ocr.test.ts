import fs from 'node:fs'
import path from 'node:path'
import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { GET } from '@/app/ocr/[...asset]/route'
import { ocrAsset, ocrAssetNames } from '@/lib/ocr/assets'
import { OCR_ASSETS_VERSION, OCR_BASE_PATH, ocrAssetUrls } from '@/lib/ocr/paths'
import { MAX_SIDE, prepareForOcr, targetSize } from '@/lib/ocr/preprocess'
import { tidyText } from '@/lib/ocr/read-screenshot'
import { proxy } from '@/proxy'

// Reading screenshots in the browser (issue 19): the engine's files come from Relais with a
// versioned address, the worker's own CSP and a year of caching; only the report form may start a
// worker; the image preparation is plain pixel arithmetic.

const installed = (pkg: string) =>
  (JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version

const fetchAsset = (segments: string[]) =>
  GET(new Request(`http://localhost${OCR_BASE_PATH}/x`), { params: Promise.resolve({ asset: segments }) })

describe('OCR engine files', () => {
  it('the address version is the installed tesseract.js and tesseract.js-core (else cached files go stale)', () => {
    expect(installed('tesseract.js')).toBe(OCR_ASSETS_VERSION)
    expect(installed('tesseract.js-core')).toBe(OCR_ASSETS_VERSION)
  })

  it('serves every listed file from node_modules, with a year of caching and the worker policy', async () => {
    expect(ocrAssetNames()).toEqual(
      expect.arrayContaining(['worker.min.js', 'core/tesseract-core-simd-lstm.wasm.js', 'lang/fra.traineddata.gz', 'lang/eng.traineddata.gz']),
    )
    for (const name of ocrAssetNames()) expect(fs.existsSync(ocrAsset([OCR_ASSETS_VERSION, ...name.split('/')])!.file), name).toBe(true)
    const res = await fetchAsset([OCR_ASSETS_VERSION, 'lang', 'fra.traineddata.gz'])
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-encoding')).toBeNull() // tesseract.js unzips the data itself
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    const worker = await fetchAsset([OCR_ASSETS_VERSION, 'worker.min.js'])
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(worker.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    )
    await worker.body?.cancel()
  })

  it('answers 404 to any other path or version: no request path reaches the file system', async () => {
    for (const segments of [
      ['6.0.0', 'worker.min.js'],
      [OCR_ASSETS_VERSION, '..', 'package.json'],
      [OCR_ASSETS_VERSION, 'core', 'tesseract-core.wasm'],
      [OCR_ASSETS_VERSION, 'lang', 'deu.traineddata.gz'],
      [OCR_ASSETS_VERSION],
    ]) {
      expect((await fetchAsset(segments)).status, segments.join('/')).toBe(404)
    }
  })

  it('gives tesseract.js absolute addresses on this origin', () => {
    expect(ocrAssetUrls('https://relais.example.fr')).toEqual({
      workerPath: `https://relais.example.fr/ocr/${OCR_ASSETS_VERSION}/worker.min.js`,
      corePath: `https://relais.example.fr/ocr/${OCR_ASSETS_VERSION}/core`,
      langPath: `https://relais.example.fr/ocr/${OCR_ASSETS_VERSION}/lang`,
    })
  })
})

describe('page CSP and workers', () => {
  const csp = (p: string) => proxy(new NextRequest(`http://localhost:3000${p}`)).headers.get('content-security-policy')!
  const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(name + ' '))

  it('the report form may start same-origin workers and compile WebAssembly, nothing more', () => {
    const form = csp('/')
    expect(directive(form, 'worker-src')).toBe("worker-src 'self'")
    expect(directive(form, 'script-src')).toMatch(/^script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'wasm-unsafe-eval'$/)
    expect(directive(form, 'connect-src')).toBe("connect-src 'self'")
  })

  it('no other page may start a worker or compile WebAssembly', () => {
    for (const p of ['/admin', '/login', '/suivi/RL-7K3F-9Q2M?t=x', '/api/auth/signin']) {
      const policy = csp(p)
      expect(directive(policy, 'worker-src'), p).toBe("worker-src 'none'")
      expect(policy, p).not.toContain('wasm-unsafe-eval')
    }
  })
})

describe('image preparation', () => {
  it('downscales large images to 1,600 px and enlarges small ones at most twice', () => {
    expect(targetSize(4032, 3024)).toEqual({ width: MAX_SIDE, height: 1200 })
    expect(targetSize(1170, 2532)).toEqual({ width: 739, height: MAX_SIDE })
    expect(targetSize(390, 600)).toEqual({ width: 780, height: 1200 })
    expect(targetSize(0, 0)).toEqual({ width: 0, height: 0 })
  })

  const image = (levels: number[]) => new Uint8ClampedArray(levels.flatMap((v) => [v, v, v, 200]))
  const greys = (rgba: Uint8ClampedArray) => [...rgba].filter((_, i) => i % 4 === 0)

  it('turns a dim, low-contrast photo into black text on white', () => {
    // Mostly background (level 90), some text (level 40): a dark photo of a light page.
    const rgba = image([...Array<number>(80).fill(90), ...Array<number>(20).fill(40)])
    prepareForOcr(rgba)
    expect(new Set(greys(rgba))).toEqual(new Set([255, 0]))
    expect(greys(rgba)[0]).toBe(255)
    expect(rgba[3]).toBe(255)
  })

  it('makes colour grey and keeps a dark page dark (Tesseract inverts light-on-dark lines itself)', () => {
    const rgba = new Uint8ClampedArray([...Array<number>(80).fill(0).flatMap(() => [20, 30, 40, 255]), ...Array<number>(20).fill(0).flatMap(() => [250, 240, 200, 255])])
    prepareForOcr(rgba)
    expect(greys(rgba)[0]).toBe(0)
    expect(greys(rgba)[99]).toBe(255)
    expect(rgba[0]).toBe(rgba[1])
    expect(rgba[1]).toBe(rgba[2])
  })
})

describe('recognised text', () => {
  it('trims lines and collapses blank runs', () => {
    expect(tidyText('  Cette page  ne fonctionne pas \n\n\n\nHTTP ERROR 503\n ')).toBe('Cette page ne fonctionne pas\n\nHTTP ERROR 503')
  })
})
