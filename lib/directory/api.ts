import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { entFailureErrorResponse } from '@/lib/ent-failures/api'
import { importDirectory } from './import'

const truthy = (value: unknown) => typeof value === 'string' && ['true', '1', 'on', 'yes'].includes(value.toLowerCase())

function invalid(message: string, path = 'file'): Response {
  return Response.json({ error: 'invalid_request', message: 'Certaines informations sont invalides.', issues: [{ path, message }] }, { status: 400 })
}

/** POST multipart `file` (+ optional `dryRun`) → { created, updated, unchanged, errors }. */
export async function handleDirectoryImport(viewer: Viewer, request: Request): Promise<Response> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return invalid('Envoyez le fichier en multipart/form-data, dans le champ « file ».')
  }
  const file = form.get('file')
  if (!file || typeof file === 'string') return invalid('Ajoutez le fichier CSV dans le champ « file ».')
  const dryRun = truthy(form.get('dryRun')) || truthy(new URL(request.url).searchParams.get('dryRun'))
  const result = await importDirectory(viewer, new Uint8Array(await file.arrayBuffer()), { dryRun })
  if (!result.ok) return entFailureErrorResponse(result)
  const { created, updated, unchanged, errors, fileError } = result.value
  const body = { created, updated, unchanged, errors: fileError ? [{ line: 1, message: fileError }, ...errors] : errors }
  return Response.json(body, { status: fileError ? 400 : 200 })
}
