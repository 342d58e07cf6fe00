import { authorizeApi } from '@/lib/auth/api'
import { handleListTickets } from '@/lib/tickets/api'

export async function GET(request: Request) {
  const auth = await authorizeApi('AGENT', request)
  if (!auth.ok) return auth.response
  return handleListTickets(auth.viewer, request)
}
