import { PATCH as patchTicketRoute } from '@/app/api/admin/tickets/[reference]/route'
import { POST as linkRoute } from '@/app/api/admin/ent-failures/[id]/link/route'
import { POST as rejectRoute } from '@/app/api/admin/ent-failures/[id]/reject/route'
import type { Viewer } from '@/lib/auth/viewer'
import { sessionCookie } from './session'

// Admin JSON routes called as a signed-in browser would: through the route handler, with a real
// session cookie and a JSON body, so the one HTTP edge (origin, session, body reader) is exercised.

async function signedJson(viewer: Viewer, method: string, body: unknown): Promise<Request> {
  const headers = { cookie: await sessionCookie(viewer), 'content-type': 'application/json' }
  return new Request('http://localhost/api/admin', { method, headers, body: JSON.stringify(body) })
}

export async function patchTicket(viewer: Viewer, reference: string, body: unknown): Promise<Response> {
  return patchTicketRoute(await signedJson(viewer, 'PATCH', body), { params: Promise.resolve({ reference }) })
}

export async function decideEntFailure(viewer: Viewer, id: string, body: unknown, decision: 'link' | 'reject'): Promise<Response> {
  const route = decision === 'link' ? linkRoute : rejectRoute
  return route(await signedJson(viewer, 'POST', body), { params: Promise.resolve({ id }) })
}
