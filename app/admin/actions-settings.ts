'use server'

import { revalidatePath } from 'next/cache'
import { requireActionViewer } from '@/lib/auth/session'
import { messageFor } from '@/lib/result'
import { updateSchoolSettings } from '@/lib/settings/mutations'
import { settingsInputFromForm } from '@/lib/settings/schemas'
import { typedValues, type FormState } from './comptes/form-state'

export async function updateSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const auth = await requireActionViewer('ADMIN')
  if (!auth.ok) return { message: messageFor(auth.code) }
  const result = await updateSchoolSettings(auth.value, settingsInputFromForm(form))
  if (!result.ok) return { message: 'Les paramètres n’ont pas été enregistrés : corrigez les champs signalés.', fieldErrors: result.fieldErrors, values: typedValues(form) }
  // Settings appear on public pages (addresses, help links) as well as here.
  revalidatePath('/', 'layout')
  return { ok: true, message: 'Paramètres enregistrés.' }
}
