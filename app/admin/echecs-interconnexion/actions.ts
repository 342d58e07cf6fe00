'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import type { Viewer } from '@/lib/auth/viewer'
import { requireActionViewer } from '@/lib/auth/session'
import type { DecisionFormState } from '@/lib/ent-failures/form'
import { linkEntFailure, rejectEntFailure, reopenEntFailure } from '@/lib/ent-failures/mutations'
import { mailStatusChange } from '@/lib/mail/outbox'
import { listEntFailures } from '@/lib/ent-failures/queries'
import { messageFor, type Result } from '@/lib/result'

const PATH = '/admin/echecs-interconnexion'

function toState<T>(result: Result<T>, done: string): DecisionFormState {
  if (result.ok) {
    revalidatePath(PATH)
    return { status: 'done', message: done }
  }
  return { status: 'error', message: result.message ?? messageFor(result.code), fieldErrors: result.fieldErrors ?? {} }
}

/**
 * After a decision the screen moves on (issue 10): to the oldest failure still open, with the
 * outcome of the one just decided announced at the top (the page reads `decided`). A redirect, so
 * it works the same with and without JavaScript.
 */
async function showNextOpenFailure(viewer: Viewer, decidedId: string): Promise<never> {
  revalidatePath(PATH)
  const next = await listEntFailures(viewer, { status: 'OPEN', limit: 1 }, 0)
  const nextId = next.ok ? next.value.items[0]?.id : undefined
  const query = new URLSearchParams({ status: 'OPEN', ...(nextId ? { failure: nextId } : {}), decided: decidedId })
  redirect(`${PATH}?${query}`)
}

const text = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : undefined
}

export async function linkEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const login = text(form, 'manualLogin')?.trim() || text(form, 'login')
  const id = text(form, 'id') ?? ''
  const result = await linkEntFailure(viewer.value, id, { login, version: text(form, 'version') }, mailStatusChange)
  if (result.ok) await showNextOpenFailure(viewer.value, id)
  return toState(result, 'Mise en relation enregistrée. Pensez à la faire aussi dans PRONOTE.')
}

export async function rejectEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const id = text(form, 'id') ?? ''
  const result = await rejectEntFailure(viewer.value, id, { reason: text(form, 'reason'), version: text(form, 'version') }, mailStatusChange)
  if (result.ok) await showNextOpenFailure(viewer.value, id)
  return toState(result, 'Décision enregistrée : la personne lira votre message sur sa page de suivi.')
}

export async function reopenEntFailureAction(_prev: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const viewer = await requireActionViewer('AGENT')
  if (!viewer.ok) return { status: 'error', message: messageFor(viewer.code), fieldErrors: {} }
  const result = await reopenEntFailure(viewer.value, text(form, 'id') ?? '', { version: text(form, 'version') }, mailStatusChange)
  return toState(result, 'Échec rouvert : il est de nouveau à traiter.')
}
