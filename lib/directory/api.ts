import 'server-only'
import type { Viewer } from '@/lib/auth/viewer'
import { fail, ok, type Result } from '@/lib/result'
import { importDirectory } from './import'

const truthy = (value: unknown) => typeof value === 'string' && ['true', '1', 'on', 'yes'].includes(value.toLowerCase())

/** An uploaded form (`file`, optional `dryRun`, also accepted in the query) → the import's counts. */
export async function importDirectoryForm(viewer: Viewer, form: unknown, query: Record<string, string>) {
  const file = form instanceof FormData ? form.get('file') : null
  if (!file || typeof file === 'string') {
    return fail('VALIDATION', { fieldErrors: { file: ['Ajoutez le fichier CSV dans le champ « file ».'] } })
  }
  const dryRun = truthy((form as FormData).get('dryRun')) || truthy(query.dryRun)
  const result = await importDirectory(viewer, new Uint8Array(await file.arrayBuffer()), { dryRun })
  if (!result.ok) return result
  const { created, updated, unchanged, errors, fileError } = result.value
  // A file that cannot be used at all imports nothing: the one 400 shape, about the file.
  if (fileError) return fail('VALIDATION', { fieldErrors: { file: [fileError] } })
  return ok({ created, updated, unchanged, errors }) satisfies Result<unknown>
}
