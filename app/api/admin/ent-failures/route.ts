import { authorizeApi } from '@/lib/auth/api'
import { handleListEntFailures } from '@/lib/ent-failures/api'

export async function GET(request: Request) {
  const auth = await authorizeApi('AGENT', request)
  return auth.ok ? handleListEntFailures(auth.viewer, request) : auth.response
}
