'use server'

import { revalidatePath } from 'next/cache'
import { requireActionViewer } from '@/lib/auth/session'
import { importDirectory } from '@/lib/directory/import'
import type { DirectoryFormState } from '@/lib/directory/form'
import { messageFor } from '@/lib/result'

export async function importDirectoryAction(_prev: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const viewer = await requireActionViewer('ADMIN')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code) }
  const file = form.get('file')
  if (!file || typeof file === 'string' || file.size === 0) return { status: 'error', message: 'Choisissez le fichier CSV exporté de PRONOTE.' }
  const dryRun = form.get('mode') !== 'apply'
  const result = await importDirectory(viewer.value, new Uint8Array(await file.arrayBuffer()), { dryRun })
  if (!result.ok) return { status: 'error', message: Object.values(result.fieldErrors ?? {})[0]?.[0] ?? messageFor(result.code) }
  if (!dryRun) revalidatePath('/admin/echecs-interconnexion')
  return { status: 'done', outcome: result.value }
}
