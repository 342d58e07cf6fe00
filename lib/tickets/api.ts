import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { getResolution } from '@/lib/resolution/queries'
import { messageFor, statusFor, type FailureCode, type FieldErrors, type Result } from '@/lib/result'
import { updateTicket } from './mutations'
import { getTicketDetail, listTickets } from './queries'

// The admin tickets JSON API as plain functions of (viewer, request): the route files only
// authorize and delegate, and tests call these with explicit viewers.

const errorNames: Partial<Record<FailureCode, string>> = {
  VALIDATION: 'invalid_request',
  NOT_FOUND: 'not_found',
  CONFLICT: 'conflict',
  FORBIDDEN: 'forbidden',
  UNAUTHENTICATED: 'unauthenticated',
}

function issuesOf(fieldErrors: FieldErrors | undefined) {
  return Object.entries(fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message })))
}

export function failureResponse(result: Extract<Result<unknown>, { ok: false }>): Response {
  const body: Record<string, unknown> = {
    error: errorNames[result.code] ?? result.code.toLowerCase(),
    message: result.message ?? messageFor(result.code),
  }
  if (result.code === 'VALIDATION') body.issues = issuesOf(result.fieldErrors)
  return Response.json(body, { status: statusFor(result.code) })
}

function invalid(message: string): Response {
  return Response.json(
    { error: 'invalid_request', message: messageFor('VALIDATION'), issues: [{ path: '', message }] },
    { status: 400 },
  )
}

export async function handleListTickets(viewer: Viewer, request: Request): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams)
  const result = await listTickets(viewer, query)
  return result.ok ? Response.json(result.value) : failureResponse(result)
}

async function withResolution(viewer: Viewer, reference: string): Promise<Response> {
  const result = await getTicketDetail(viewer, reference)
  if (!result.ok) return failureResponse(result)
  const { category, menuPath, steps, link, linkNote, addressCheck } = await getResolution(result.value)
  return Response.json({ ...result.value, resolution: { category, menuPath, steps, link, linkNote, addressCheck } })
}

export function handleGetTicket(viewer: Viewer, reference: string): Promise<Response> {
  return withResolution(viewer, reference)
}

export async function handlePatchTicket(viewer: Viewer, reference: string, request: Request): Promise<Response> {
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return invalid('Le corps de la requête doit être un objet JSON.')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('Le corps de la requête doit être un objet JSON.')
  const result = await updateTicket(viewer, reference, body)
  if (!result.ok) return failureResponse(result)
  return withResolution(viewer, reference)
}
