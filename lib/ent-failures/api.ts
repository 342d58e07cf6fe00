import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { messageFor, statusFor, type FailureCode, type Result } from '@/lib/result'
import { toApiItem } from './dto'
import { exportEntFailuresCsv } from './export'
import { linkEntFailure, rejectEntFailure } from './mutations'
import { listEntFailures } from './queries'

// The ENT failures JSON API as functions of (viewer, request): route files authorize and delegate.

const errorNames: Record<FailureCode, string> = {
  VALIDATION: 'invalid_request',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  FORBIDDEN: 'forbidden',
  UNAUTHENTICATED: 'unauthenticated',
  RATE_LIMITED: 'rate_limited',
}

export function entFailureErrorResponse(result: Extract<Result<unknown>, { ok: false }>): Response {
  const body: Record<string, unknown> = { error: errorNames[result.code], message: result.message ?? messageFor(result.code) }
  if (result.code === 'VALIDATION') {
    body.issues = Object.entries(result.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message })))
  }
  if (result.code === 'NOT_FOUND' && !result.message) body.message = 'Aucun échec d’interconnexion avec cet identifiant.'
  return Response.json(body, { status: statusFor(result.code) })
}

export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, body: await request.json() }
  } catch {
    return {
      ok: false,
      response: Response.json(
        { error: 'invalid_request', message: messageFor('VALIDATION'), issues: [{ path: '', message: 'Le corps de la requête doit être un objet JSON.' }] },
        { status: 400 },
      ),
    }
  }
}

export async function handleListEntFailures(viewer: Viewer, request: Request): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const result = await listEntFailures(viewer, query)
  if (!result.ok) return entFailureErrorResponse(result)
  return Response.json({ items: result.value.items.map(toApiItem), nextCursor: result.value.nextCursor })
}

export async function handleDecision(viewer: Viewer, id: string, request: Request, decision: 'link' | 'reject'): Promise<Response> {
  const json = await readJson(request)
  if (!json.ok) return json.response
  const result = decision === 'link' ? await linkEntFailure(viewer, id, json.body) : await rejectEntFailure(viewer, id, json.body)
  return result.ok ? Response.json(result.value) : entFailureErrorResponse(result)
}

export async function handleExportEntFailures(viewer: Viewer, request: Request): Promise<Response> {
  const view = new URL(request.url).searchParams.get('view') === 'failures' ? 'failures' : 'summary'
  const result = await exportEntFailuresCsv(viewer, view)
  if (!result.ok) return entFailureErrorResponse(result)
  const day = new Date().toISOString().slice(0, 10)
  return new Response(result.value, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="echecs-interconnexion-${view === 'failures' ? 'liste' : 'suivi'}-${day}.csv"`,
      'cache-control': 'no-store',
    },
  })
}
