import 'server-only'
import { bodyLimits } from './api-contract'
import { readBody } from './json-body'

type RouteHandler = (request: Request, context: unknown) => Promise<Response> | Response

/**
 * next-auth parses a JSON POST body itself and lets a malformed one throw: Next.js then logs a stack
 * trace and answers 500. JSON bodies go through our reader first (415/413/400 and one log line);
 * the sign-in form's urlencoded posts are passed on untouched.
 */
export function withReadableAuthBody(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const type = request.headers.get('content-type') ?? ''
    if (request.method !== 'POST' || !type.toLowerCase().includes('json')) return handler(request, context)
    const read = await readBody(request, { maxBytes: bodyLimits.publicJson })
    if (!read.ok) {
      console.warn(`[auth] ${new URL(request.url).pathname} : corps JSON refusé (${read.response.status})`)
      return read.response
    }
    const headers = new Headers(request.headers)
    headers.delete('content-length')
    return handler(new Request(request.url, { method: 'POST', headers, body: JSON.stringify(read.body) }), context)
  }
}
