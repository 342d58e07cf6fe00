import fs from 'node:fs'
import { Readable } from 'node:stream'
import { fileSize, ocrAsset, ocrAssetHeaders } from '@/lib/ocr/assets'

// The in-browser OCR engine (worker, WebAssembly core, trained data), fetched only when someone
// picks a screenshot on the report form. Not through proxy.ts: like _next/static, these are
// immutable files with no HTML, and they carry the worker's own CSP.
export async function GET(_request: Request, { params }: { params: Promise<{ asset: string[] }> }) {
  const asset = ocrAsset((await params).asset)
  if (!asset) return new Response('Fichier introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const body = Readable.toWeb(fs.createReadStream(asset.file)) as ReadableStream<Uint8Array>
  return new Response(body, { headers: ocrAssetHeaders(asset, fileSize(asset)) })
}
