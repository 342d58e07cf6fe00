// Where the browser finds the OCR engine. Everything is served by Relais itself (app/ocr/): a
// school's network or a strict CSP may block another origin, and the image must never need one.
// The version is part of every address so the files can be cached for a year without going stale;
// a unit test checks it against the installed tesseract.js and tesseract.js-core.

export const OCR_ASSETS_VERSION = '7.0.0'
export const OCR_BASE_PATH = `/ocr/${OCR_ASSETS_VERSION}`

/** Languages read, French first: messages are mostly French, browsers' own pages often English. */
export const OCR_LANGUAGES = ['fra', 'eng'] as const

/** Below this mean word confidence (0–100) the person is asked to check or retype the text. */
export const LOW_CONFIDENCE = 70

/** Absolute addresses for tesseract.js (its worker resolves them, so they must not be relative). */
export function ocrAssetUrls(origin: string) {
  const base = origin + OCR_BASE_PATH
  return { workerPath: `${base}/worker.min.js`, corePath: `${base}/core`, langPath: `${base}/lang` }
}
