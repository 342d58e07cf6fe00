import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { OCR_ASSETS_VERSION, OCR_LANGUAGES } from './paths'

// The files behind app/ocr/: a fixed list, so no request path ever reaches the file system.
// The trained data are the `4.0.0_best_int` models (LSTM only, integer: small and quick to read).

export interface OcrAsset {
  file: string
  contentType: string
}

const modules = path.join(process.cwd(), 'node_modules')
const javascript = 'text/javascript; charset=utf-8'

// tesseract.js's worker picks one core by the browser's WebAssembly features (LSTM-only builds,
// WebAssembly embedded in the script): all three are offered.
const coreFiles = ['tesseract-core-lstm.wasm.js', 'tesseract-core-simd-lstm.wasm.js', 'tesseract-core-relaxedsimd-lstm.wasm.js']

const assets = new Map<string, OcrAsset>([
  ['worker.min.js', { file: path.join(modules, 'tesseract.js/dist/worker.min.js'), contentType: javascript }],
  ...coreFiles.map((name): [string, OcrAsset] => [
    `core/${name}`,
    { file: path.join(modules, 'tesseract.js-core', name), contentType: javascript },
  ]),
  // Served as stored: tesseract.js unzips the data itself, so no Content-Encoding.
  ...OCR_LANGUAGES.map((lang): [string, OcrAsset] => [
    `lang/${lang}.traineddata.gz`,
    { file: path.join(modules, '@tesseract.js-data', lang, '4.0.0_best_int', `${lang}.traineddata.gz`), contentType: 'application/octet-stream' },
  ]),
])

/** The asset at `/ocr/<version>/<segments…>`, or undefined for any other path or version. */
export function ocrAsset(segments: string[]): OcrAsset | undefined {
  const [version, ...rest] = segments
  if (version !== OCR_ASSETS_VERSION) return undefined
  return assets.get(rest.join('/'))
}

export function ocrAssetNames(): string[] {
  return [...assets.keys()]
}

/** Headers of an OCR asset: cached for a year (the version is in the address), and the worker's CSP. */
export function ocrAssetHeaders(asset: OcrAsset, size: number): Record<string, string> {
  return {
    'Content-Type': asset.contentType,
    'Content-Length': String(size),
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': OCR_WORKER_CSP,
  }
}

/**
 * The policy a dedicated worker runs under is the one its script was served with. The OCR worker
 * loads its core from here ('self'), compiles WebAssembly ('wasm-unsafe-eval', not JavaScript eval)
 * and fetches the trained data from here (connect-src 'self'); nothing else.
 */
export const OCR_WORKER_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export function fileSize(asset: OcrAsset): number {
  return fs.statSync(asset.file).size
}
