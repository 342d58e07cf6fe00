import { authorizeApi } from '@/lib/auth/api'
import { handleDirectoryImport } from '@/lib/directory/api'

export async function POST(request: Request) {
  const auth = await authorizeApi('ADMIN', request)
  return auth.ok ? handleDirectoryImport(auth.viewer, request) : auth.response
}
