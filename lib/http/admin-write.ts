import 'server-only'
import { authorizeApi } from '@/lib/auth/api'
import type { Role, Viewer } from '@/lib/auth/viewer'
import { ADMIN_JSON_MAX_BYTES, withinBodyLimit } from '@/lib/security/body-limit'
import { refuseCrossOrigin } from '@/lib/security/origin'

export type AdminWriteAuthorization = { ok: true; viewer: Viewer; request: Request } | { ok: false; response: Response }

/**
 * The checks every state-changing admin route runs, in this order: the Origin is ours (403), a
 * signed-in account with the role (401/403), then a body within its limit (413), read no further.
 * The returned request is the bounded one: handlers read their body from it.
 */
export async function authorizeAdminWrite(
  request: Request,
  role: Role,
  maxBytes: number = ADMIN_JSON_MAX_BYTES,
): Promise<AdminWriteAuthorization> {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return { ok: false, response: crossOrigin }
  const auth = await authorizeApi(role, request)
  if (!auth.ok) return auth
  const bounded = await withinBodyLimit(request, maxBytes)
  if (bounded instanceof Response) return { ok: false, response: bounded }
  return { ok: true, viewer: auth.viewer, request: bounded }
}
