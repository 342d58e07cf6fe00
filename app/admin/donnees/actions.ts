'use server'

import { revalidatePath } from 'next/cache'
import { requireActionViewer } from '@/lib/auth/session'
import { messageFor } from '@/lib/result'
import { erasePersonalData } from '@/lib/privacy/person-data'
import type { ErasureFormState } from './form-state'

/** Erases a person's data on their request: every ticket filed with that e-mail or login is anonymised. */
export async function erasePersonalDataAction(_prev: ErasureFormState, form: FormData): Promise<ErasureFormState> {
  const values = { kind: String(form.get('kind') ?? 'email'), value: String(form.get('value') ?? '') }
  if (form.get('confirm') !== 'on') {
    return { values, fieldErrors: { confirm: ['Cochez la case pour confirmer l’effacement définitif.'] } }
  }
  const auth = await requireActionViewer('ADMIN')
  if (!auth.ok) return { values, message: messageFor(auth.code) }
  const result = await erasePersonalData(auth.value, values)
  if (!result.ok) return { values, message: messageFor(result.code), fieldErrors: result.fieldErrors }
  revalidatePath('/admin')
  const { erased } = result.value
  return {
    ok: true,
    message:
      erased === 0
        ? 'Aucun signalement ne correspond à cette personne : rien à effacer.'
        : `${erased} signalement(s) anonymisé(s). L’effacement est noté dans leur historique.`,
  }
}
