// Prepares a picked image for OCR off the main thread: decode (EXIF orientation applied), scale to
// at most MAX_SIDE, grey levels and contrast. Answers with a PNG, or with `null` when this browser
// lacks OffscreenCanvas: the OCR engine then reads the original file.
import { prepareForOcr, targetSize } from './preprocess'

export type PreprocessReply = { image: Blob; width: number; height: number } | { image: null; error?: string }

const scope = self as unknown as { onmessage: ((event: MessageEvent<Blob>) => void) | null; postMessage(reply: PreprocessReply): void }

scope.onmessage = (event) => {
  prepare(event.data).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => scope.postMessage({ image: null, error: String(error) }),
  )
}

async function prepare(file: Blob): Promise<PreprocessReply> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return { image: null }
  const bitmap = await createImageBitmap(file)
  const { width, height } = targetSize(bitmap.width, bitmap.height)
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return { image: null }
  context.imageSmoothingQuality = 'high'
  context.drawImage(bitmap, 0, 0, width, height)
  bitmap.close()
  const pixels = context.getImageData(0, 0, width, height)
  prepareForOcr(pixels.data)
  context.putImageData(pixels, 0, 0)
  return { image: await canvas.convertToBlob({ type: 'image/png' }), width, height }
}
