'use server'

import { revalidatePath } from 'next/cache'
import { requireActionViewer } from '@/lib/auth/session'
import type { DecisionFormState } from '@/lib/ent-failures/form'
import { linkEntFailure, rejectEntFailure, reopenEntFailure } from '@/lib/ent-failures/mutations'
import { messageFor, type Result } from '@/lib/result'

const PATH = '/admin/echecs-interconnexion'

function toState<T>(result: Result<T>, done: string): DecisionFormState {
  if (result.ok) {
    revalidatePath(PATH)
    return { status: 'done', message: done }
  }
  return { status: 'error', message: result.message ?? messageFor(result.code), fieldErrors: result.fieldErrors ?? {} }
}

const text = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : undefined
}

export async function linkEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const login = text(form, 'manualLogin')?.trim() || text(form, 'login')
  const result = await linkEntFailure(viewer.value, text(form, 'id') ?? '', { login, version: text(form, 'version') })
  return toState(result, 'Mise en relation enregistrée. Pensez à la faire aussi dans PRONOTE.')
}

export async function rejectEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const result = await rejectEntFailure(viewer.value, text(form, 'id') ?? '', { reason: text(form, 'reason'), version: text(form, 'version') })
  return toState(result, 'Décision enregistrée : la personne lira votre message sur sa page de suivi.')
}

export async function reopenEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const result = await reopenEntFailure(viewer.value, text(form, 'id') ?? '', { version: text(form, 'version') })
  return toState(result, 'Échec rouvert : il est de nouveau à traiter.')
}
