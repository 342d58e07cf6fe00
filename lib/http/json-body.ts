import 'server-only'
import { containsLoneSurrogate, INVALID_TEXT_MESSAGE } from '@/lib/security/text'

// Reading JSON request bodies in route handlers: content type, size limit (declared and actual),
// JSON parsing. Each failure comes back as a ready-made Response so handlers stay thin.

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024

export type BodyResult = { ok: true; body: unknown } | { ok: false; response: Response }

export interface Issue {
  path: (string | number)[]
  message: string
}

/** The one 400 shape of the JSON API. */
export function invalidRequest(issues: Issue[]): Response {
  return Response.json({ error: 'invalid_request', issues }, { status: 400 })
}

export function jsonError(status: number, error: string, message?: string): Response {
  return Response.json(message ? { error, message } : { error }, { status })
}

function isJsonContentType(header: string | null): boolean {
  if (!header) return false
  const mediaType = header.split(';')[0]!.trim().toLowerCase()
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'))
}

const tooLarge = (max: number) =>
  jsonError(413, 'payload_too_large', `Le contenu envoyé dépasse la taille maximale autorisée (${Math.round(max / 1024)} Ko).`)

/** Reads at most `max` bytes of the body; null when the stream is longer (reading stops there). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Parses a JSON body: 415 for another content type, 413 when Content-Length or the stream itself
 * exceeds `maxBytes`, 400 (invalid_request) when the bytes are not UTF-8 JSON.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<BodyResult> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    return {
      ok: false,
      response: jsonError(415, 'unsupported_media_type', 'Envoyez le contenu au format JSON (Content-Type: application/json).'),
    }
  }
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, response: tooLarge(maxBytes) }

  const bytes = await readCapped(request, maxBytes)
  if (bytes === null) return { ok: false, response: tooLarge(maxBytes) }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    const body = JSON.parse(text) as unknown
    if (containsLoneSurrogate(body)) return { ok: false, response: invalidRequest([{ path: [], message: INVALID_TEXT_MESSAGE }]) }
    return { ok: true, body }
  } catch {
    return {
      ok: false,
      response: invalidRequest([{ path: [], message: 'Le contenu envoyé n’est pas du JSON valide.' }]),
    }
  }
}

/** Field errors keyed by dotted path ('' for the whole body) → the API's issue list. */
export function issuesFromFieldErrors(fieldErrors: Record<string, string[]> | undefined): Issue[] {
  if (!fieldErrors) return []
  return Object.entries(fieldErrors).flatMap(([key, messages]) =>
    messages.map((message) => ({ path: key === '' ? [] : key.split('.'), message })),
  )
}
