// Reads the text of a screenshot or photo of an error page, entirely in the browser: the image is
// prepared in one worker (preprocess.worker.ts) and read by tesseract.js in another, whose script,
// WebAssembly core and trained data all come from this origin (paths.ts). Loaded only when the
// person picks an image; nothing here talks to Relais's API.
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js'
import { OCR_LANGUAGES, ocrAssetUrls } from './paths'
import type { PreprocessReply } from './preprocess.worker'

export { LOW_CONFIDENCE } from './paths'

export interface ScreenshotText {
  text: string
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number
}

/** Overall progress, 0–1: preparing the image, loading the engine, then reading. */
export type ProgressListener = (progress: number) => void

let listener: ProgressListener = () => {}
let engine: Promise<TesseractWorker> | null = null

// Shares of the bar: the engine's first load dominates, later images only read.
const stages: Record<string, [number, number]> = {
  'loading tesseract core': [0.1, 0.3],
  'initializing tesseract': [0.3, 0.35],
  'loading language traineddata': [0.35, 0.55],
  'initializing api': [0.55, 0.6],
  'recognizing text': [0.6, 1],
}

function loadEngine(): Promise<TesseractWorker> {
  engine ??= createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
    ...ocrAssetUrls(window.location.origin),
    // Started from its own address, not a blob: URL, so the page's worker-src stays 'self'.
    workerBlobURL: false,
    // The browser's HTTP cache keeps the data (a year, versioned address); no IndexedDB copy.
    cacheMethod: 'none',
    logger: ({ status, progress }) => {
      const stage = stages[status]
      if (stage) listener(stage[0] + (stage[1] - stage[0]) * progress)
    },
  })
    // Sauvola's local threshold instead of one Otsu threshold for the whole image: photos of a
    // screen are unevenly lit (measured on the test set: photos 34 → 49 of 52 in the right
    // category, screenshots unchanged at 52 of 52).
    .then(async (worker) => {
      await worker.setParameters({ thresholding_method: '2' })
      return worker
    })
    .catch((error: unknown) => {
      engine = null // a later image tries again
      throw error
    })
  return engine
}

/** Prepared image (grey, stretched, at most 1,600 px), or the original when the browser cannot. */
function prepare(file: Blob): Promise<Blob> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./preprocess.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      resolve(file)
      return
    }
    const done = (image: Blob) => {
      worker.terminate()
      resolve(image)
    }
    worker.onmessage = (event: MessageEvent<PreprocessReply>) => done(event.data.image ?? file)
    worker.onerror = () => done(file)
    worker.postMessage(file)
  })
}

/** Tesseract's text, lines trimmed and blank runs collapsed. */
export function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export async function readScreenshot(file: Blob, onProgress: ProgressListener): Promise<ScreenshotText> {
  listener = onProgress
  onProgress(0)
  const [image, worker] = await Promise.all([prepare(file), loadEngine()])
  onProgress(0.6)
  const { data } = await worker.recognize(image)
  onProgress(1)
  return { text: tidyText(data.text), confidence: data.confidence }
}
