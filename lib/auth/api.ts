import 'server-only'
import { errorResponse } from '@/lib/result'
import { hasRole } from './policy'
import { getRequestViewer, getViewer } from './session'
import type { Role, Viewer } from './viewer'

export type ApiAuthorization = { ok: true; viewer: Viewer } | { ok: false; response: Response }

/**
 * For route handlers. 401 `{"error":"unauthenticated"}` when nobody is signed in, 403
 * `{"error":"forbidden"}` when the role is insufficient (ADMIN satisfies 'AGENT').
 * Pass the handler's `request` when you have it: it is then read from the request itself, which also
 * lets integration tests call handlers with a session cookie (tests/support/session.ts).
 */
export async function authorizeApi(role?: Role, request?: Request): Promise<ApiAuthorization> {
  const viewer = request ? await getRequestViewer(request) : await getViewer()
  if (!viewer) {
    return { ok: false, response: errorResponse('UNAUTHENTICATED') }
  }
  if (role && !hasRole(viewer, role)) {
    return { ok: false, response: errorResponse('FORBIDDEN') }
  }
  return { ok: true, viewer }
}
