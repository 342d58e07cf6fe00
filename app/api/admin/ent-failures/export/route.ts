import { authorizeApi } from '@/lib/auth/api'
import { handleExportEntFailures } from '@/lib/ent-failures/api'

export async function GET(request: Request) {
  const auth = await authorizeApi('AGENT', request)
  return auth.ok ? handleExportEntFailures(auth.viewer, request) : auth.response
}
