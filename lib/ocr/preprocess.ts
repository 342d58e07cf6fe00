// Image preparation before OCR, run in a worker (preprocess.worker.ts). Pure functions over RGBA
// pixels so they can be tested without a browser. Photos of a screen are dim, low in contrast and
// large; Tesseract reads dark text on a light, evenly lit page best, at a moderate size.

/** Longest side after preparation: large enough for small print, small enough to read quickly. */
export const MAX_SIDE = 1600
/** Small screenshots (a phone at 1×) are enlarged up to this factor: Tesseract misreads tiny letters. */
export const MAX_UPSCALE = 2

export function targetSize(width: number, height: number): { width: number; height: number } {
  const longest = Math.max(width, height)
  if (longest <= 0) return { width: 0, height: 0 }
  const scale = Math.min(MAX_SIDE / longest, MAX_UPSCALE)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** Share of the darkest and lightest pixels ignored when stretching (specks, glare). */
const CLIP = 0.01

/**
 * In place: grey levels (Rec. 601 luma), stretched so the image spans black to white. Not
 * inverted: a photo's dark bezel can outweigh the page, and Tesseract retries light-on-dark lines
 * inverted by itself.
 */
export function prepareForOcr(rgba: Uint8ClampedArray): void {
  const pixels = rgba.length / 4
  const grey = new Uint8Array(pixels)
  const histogram = new Uint32Array(256)
  for (let i = 0; i < pixels; i++) {
    const o = i * 4
    const y = (299 * rgba[o]! + 587 * rgba[o + 1]! + 114 * rgba[o + 2]!) / 1000
    const level = Math.round(y)
    grey[i] = level
    histogram[level]!++
  }
  const low = levelAt(histogram, pixels * CLIP)
  const high = Math.max(levelAt(histogram, pixels * (1 - CLIP)), low + 1)
  const scale = 255 / (high - low)
  for (let i = 0; i < pixels; i++) {
    const v = Math.min(255, Math.max(0, (grey[i]! - low) * scale))
    const o = i * 4
    rgba[o] = rgba[o + 1] = rgba[o + 2] = v
    rgba[o + 3] = 255
  }
}

/** The grey level below which `count` pixels lie. */
function levelAt(histogram: Uint32Array, count: number): number {
  let seen = 0
  for (let level = 0; level < 256; level++) {
    seen += histogram[level]!
    if (seen > count) return level
  }
  return 255
}
