import { authorizeApi } from '@/lib/auth/api'
import { ADMIN_JSON_MAX_BYTES, withinBodyLimit } from '@/lib/security/body-limit'
import { refuseCrossOrigin } from '@/lib/security/origin'
import { handleGetTicket, handlePatchTicket } from '@/lib/tickets/api'

type Context = { params: Promise<{ reference: string }> }

export async function GET(request: Request, { params }: Context) {
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  return handleGetTicket(auth.viewer, (await params).reference)
}

export async function PATCH(request: Request, { params }: Context) {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  const bounded = await withinBodyLimit(request, ADMIN_JSON_MAX_BYTES)
  if (bounded instanceof Response) return bounded
  return handlePatchTicket(auth.viewer, (await params).reference, bounded)
}
