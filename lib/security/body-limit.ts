import 'server-only'
import { containsLoneSurrogate, INVALID_TEXT_MESSAGE } from './text'

// Size limits for request bodies read by handlers that do not go through lib/http/json-body.ts
// (multipart uploads, handlers calling request.json()). The body is refused on its declared
// Content-Length, and reading stops as soon as the stream goes past the limit: a huge or endless
// body is never read whole.

/** PRONOTE directory export (CSV in a multipart upload): a large school's file is well under 1 MB. */
export const DIRECTORY_IMPORT_MAX_BYTES = 5 * 1024 * 1024
/** JSON bodies of the admin API (ticket update: note ≤ 5,000 characters, message ≤ 2,000). */
export const ADMIN_JSON_MAX_BYTES = 64 * 1024

function tooLarge(max: number): Response {
  const size = max >= 1024 * 1024 ? `${Math.round(max / (1024 * 1024))} Mo` : `${Math.round(max / 1024)} Ko`
  return Response.json(
    { error: 'payload_too_large', message: `Le contenu envoyé dépasse la taille maximale autorisée (${size}).` },
    { status: 413 },
  )
}

/**
 * The same request with its body read into memory, or a 413 answer when the body is (or declares
 * itself) larger than `maxBytes`.
 */
export async function withinBodyLimit(request: Request, maxBytes: number): Promise<Request | Response> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > maxBytes) return tooLarge(maxBytes)
  if (!request.body) return request
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>
    try {
      next = await reader.read()
    } catch {
      // The client went away or sent a broken stream: answer as for any unreadable body.
      return Response.json({ error: 'invalid_request', message: 'Le contenu envoyé est incomplet.' }, { status: 400 })
    }
    if (next.done) break
    size += next.value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return tooLarge(maxBytes)
    }
    chunks.push(next.value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  // Handlers may call request.json() whatever the content type: check any body that parses as JSON.
  if (hasLoneSurrogateJson(body)) {
    return Response.json({ error: 'invalid_request', message: INVALID_TEXT_MESSAGE }, { status: 400 })
  }
  const headers = new Headers(request.headers)
  headers.delete('content-length')
  return new Request(request.url, { method: request.method, headers, body })
}

/** Malformed JSON is left for the handler to refuse; well-formed JSON with "\ud800" is refused here. */
function hasLoneSurrogateJson(body: Uint8Array): boolean {
  // Only an object, array or string can hold a string: anything else (a 5 MB multipart upload) is
  // not decoded at all, which would hold the event loop for nothing.
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)
  if (first !== 0x7b && first !== 0x5b && first !== 0x22 && first !== 0xef /* byte-order mark */) return false
  try {
    return containsLoneSurrogate(JSON.parse(new TextDecoder().decode(body)))
  } catch {
    return false
  }
}
