import 'server-only'
import { authorizeApi } from '@/lib/auth/api'
import type { Viewer } from '@/lib/auth/viewer'
import { failureResponse, type Result } from '@/lib/result'
import { refuseCrossOrigin } from '@/lib/security/origin-check'
import type { ApiRoute } from './api-contract'
import { readBody } from './json-body'

// Serves a declared route (lib/http/api-contract.ts): the edge's checks in one order for every
// endpoint, then the handler, then its Result mapped to HTTP once.
//   Origin (403, state-changing methods) → session and role (401/403) → body (415/413/400)
//   → handler → 2xx JSON or the failure's status (lib/result.ts).
// Admin answers are never cached (Cache-Control: no-store): they hold personal data.

export interface RouteInput<R extends ApiRoute> {
  request: Request
  viewer: R['access'] extends 'public' ? null : Viewer
  /** Path parameters as strings, decoded by Next; the lib function parses them. */
  params: Record<string, string>
  /** Query parameters as strings; the lib function parses them with the route's `query` schema. */
  query: Record<string, string>
  /** The parsed body (JSON value, form fields, or FormData for multipart); undefined without one. */
  body: unknown
}

type Handler<R extends ApiRoute> = (input: RouteInput<R>) => Promise<Response | Result<unknown>>
type Context = { params?: Promise<Record<string, string | string[]>> }

async function viewerFor(route: ApiRoute, request: Request): Promise<Viewer | null | Response> {
  if (route.access === 'public') return null
  const auth = await authorizeApi(route.access, request)
  return auth.ok ? auth.viewer : auth.response
}

async function paramsOf(context: Context | undefined): Promise<Record<string, string>> {
  const raw = (await context?.params) ?? {}
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]))
}

async function respond<R extends ApiRoute>(route: R, handler: Handler<R>, request: Request, context?: Context) {
  const crossOrigin = route.method === 'get' ? null : refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const viewer = await viewerFor(route, request)
  if (viewer instanceof Response) return viewer
  let body: unknown
  if (route.body) {
    const read = await readBody(request, { maxBytes: route.body.maxBytes, accept: route.body.kinds })
    if (!read.ok) return read.response
    body = read.body
  }
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const params = await paramsOf(context)
  const outcome = await handler({ request, viewer: viewer as RouteInput<R>['viewer'], params, query, body })
  if (outcome instanceof Response) return outcome
  return outcome.ok ? Response.json(outcome.value, { status: route.success.status }) : failureResponse(outcome)
}

/** The Next route handler of a declared route. */
export function apiRoute<R extends ApiRoute>(route: R, handler: Handler<R>) {
  return async (request: Request, context?: Context): Promise<Response> => {
    const response = await respond(route, handler, request, context)
    if (route.access !== 'public') response.headers.set('Cache-Control', 'no-store')
    return response
  }
}
