import { authorizeApi } from '@/lib/auth/api'
import { DIRECTORY_IMPORT_MAX_BYTES, withinBodyLimit } from '@/lib/security/body-limit'
import { refuseCrossOrigin } from '@/lib/security/origin'
import { handleDirectoryImport } from '@/lib/directory/api'

export async function POST(request: Request) {
  const crossOrigin = refuseCrossOrigin(request)
  if (crossOrigin) return crossOrigin
  const auth = await authorizeApi('ADMIN', request)
  if (!auth.ok) return auth.response
  const bounded = await withinBodyLimit(request, DIRECTORY_IMPORT_MAX_BYTES)
  return bounded instanceof Response ? bounded : handleDirectoryImport(auth.viewer, bounded)
}
