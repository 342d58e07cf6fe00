import { authorizeApi } from '@/lib/auth/api'
import { authorizeAdminWrite } from '@/lib/http/admin-write'
import { handleGetTicket, handlePatchTicket } from '@/lib/tickets/api'

type Context = { params: Promise<{ reference: string }> }

export async function GET(request: Request, { params }: Context) {
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  return handleGetTicket(auth.viewer, (await params).reference)
}

export async function PATCH(request: Request, { params }: Context) {
  const guard = await authorizeAdminWrite(request, 'AGENT')
  if (!guard.ok) return guard.response
  return handlePatchTicket(guard.viewer, (await params).reference, guard.request)
}
