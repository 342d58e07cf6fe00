import { authorizeAdminWrite } from '@/lib/http/admin-write'
import { DIRECTORY_IMPORT_MAX_BYTES } from '@/lib/security/body-limit'
import { handleDirectoryImport } from '@/lib/directory/api'

export async function POST(request: Request) {
  const guard = await authorizeAdminWrite(request, 'ADMIN', DIRECTORY_IMPORT_MAX_BYTES)
  return guard.ok ? handleDirectoryImport(guard.viewer, guard.request) : guard.response
}
