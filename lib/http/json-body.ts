import 'server-only'
import { containsLoneSurrogate, INVALID_TEXT_MESSAGE } from '@/lib/http/text'
import { bodyLimits, type BodyKind } from './api-contract'
import { errorResponse, invalidRequest } from '@/lib/result'

// The one reader of request bodies for route handlers: content type (415), size limit on the declared
// Content-Length and on the stream itself (413: reading stops at the limit, a huge or endless body is
// never read whole), then parsing (400). Each refusal comes back as a ready-made Response.

export type BodyRead = { ok: true; body: unknown } | { ok: false; response: Response }

const mediaTypes: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
}

function kindOf(header: string | null): BodyKind | null {
  const mediaType = header?.split(';')[0]!.trim().toLowerCase()
  if (!mediaType) return null
  if (mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'))) return 'json'
  if (mediaType === mediaTypes.form) return 'form'
  if (mediaType === mediaTypes.multipart) return 'multipart'
  return null
}

function sizeText(max: number): string {
  return max >= 1024 * 1024 ? `${Math.round(max / (1024 * 1024))} Mo` : `${Math.round(max / 1024)} Ko`
}

const tooLarge = (max: number) =>
  errorResponse('PAYLOAD_TOO_LARGE', { message: `Le contenu envoyé dépasse la taille maximale autorisée (${sizeText(max)}).` })

function unsupported(accept: BodyKind[]): Response {
  if (accept.length === 1 && accept[0] === 'json') return errorResponse('UNSUPPORTED_MEDIA_TYPE')
  const message = `Format du contenu non accepté : envoyez ${accept.map((k) => mediaTypes[k]).join(' ou ')}.`
  return errorResponse('UNSUPPORTED_MEDIA_TYPE', { message })
}

const invalid = (message: string) => ({ ok: false as const, response: invalidRequest([{ path: [], message }]) })

type Capped = Uint8Array<ArrayBuffer> | 'too-large' | 'broken'

// Bodies read from the Node request before its Request was built (lib/http/node-route.ts: at most
// the limit + 1 byte, or 'broken'), so that no web stream is made only to be read back at once.
const prereadBodies = new WeakMap<Request, Uint8Array<ArrayBuffer> | 'broken'>()

/** Gives `request` the body already read for it; readBody applies its checks to it as to a stream. */
export function withPrereadBody(request: Request, body: Uint8Array<ArrayBuffer> | 'broken'): Request {
  prereadBodies.set(request, body)
  return request
}

/** At most `max` bytes of the body; 'too-large' as soon as the stream goes past it. */
async function readCapped(request: Request, max: number): Promise<Capped> {
  const preread = prereadBodies.get(request)
  if (preread !== undefined) return preread !== 'broken' && preread.byteLength > max ? 'too-large' : preread
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>
    try {
      next = await reader.read()
    } catch {
      return 'broken' // the client went away or sent a broken stream
    }
    if (next.done) break
    size += next.value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return 'too-large'
    }
    chunks.push(next.value)
  }
  return Buffer.concat(chunks, size)
}

async function parse(kind: BodyKind, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<BodyRead> {
  if (kind === 'multipart') {
    try {
      return { ok: true, body: await new Response(bytes, { headers: { 'content-type': contentType } }).formData() }
    } catch {
      return invalid('Le formulaire envoyé est mal formé (multipart/form-data attendu).')
    }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return invalid(INVALID_TEXT_MESSAGE)
  }
  if (kind === 'form') return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) }
  try {
    const body = JSON.parse(text) as unknown
    return containsLoneSurrogate(body) ? invalid(INVALID_TEXT_MESSAGE) : { ok: true, body }
  } catch {
    return invalid('Le contenu envoyé n’est pas du JSON valide.')
  }
}

/**
 * Reads and parses a body of one of the accepted kinds: JSON → the parsed value, a urlencoded form →
 * a plain object of strings, multipart → FormData.
 */
export async function readBody(request: Request, options: { maxBytes: number; accept?: BodyKind[] }): Promise<BodyRead> {
  const accept = options.accept ?? ['json']
  const contentType = request.headers.get('content-type') ?? ''
  const kind = kindOf(contentType)
  if (!kind || !accept.includes(kind)) return { ok: false, response: unsupported(accept) }
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > options.maxBytes) return { ok: false, response: tooLarge(options.maxBytes) }
  const bytes = await readCapped(request, options.maxBytes)
  if (bytes === 'too-large') return { ok: false, response: tooLarge(options.maxBytes) }
  if (bytes === 'broken') return invalid('Le contenu envoyé est incomplet.')
  return parse(kind, bytes, contentType)
}

/** A JSON body within `maxBytes` (the public API's limit by default). */
export function readJsonBody(request: Request, maxBytes: number = bodyLimits.publicJson): Promise<BodyRead> {
  return readBody(request, { maxBytes })
}
