'use server'

import { revalidatePath } from 'next/cache'
import type { AccountSummary } from '@/lib/accounts/dto'
import { changeAccountRole, createAccount, resetAccountPassword, setAccountDisabled } from '@/lib/accounts/mutations'
import { requireActionViewer } from '@/lib/auth/session'
import type { Viewer } from '@/lib/auth/viewer'
import { messageFor, type Result } from '@/lib/result'
import { typedValues, type FormState } from './comptes/form-state'

type Mutation = (viewer: Viewer, input: unknown) => Promise<Result<AccountSummary>>

async function run(mutation: Mutation, form: FormData, done: (a: AccountSummary) => string): Promise<FormState> {
  const auth = await requireActionViewer('ADMIN')
  if (!auth.ok) return { message: messageFor(auth.code) }
  const result = await mutation(auth.value, Object.fromEntries(form))
  if (!result.ok) return { message: result.message ?? messageFor(result.code), fieldErrors: result.fieldErrors, values: typedValues(form) }
  revalidatePath('/admin/comptes')
  return { ok: true, message: done(result.value) }
}

export async function createAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(createAccount, form, (a) => `Compte créé pour ${a.name} (${a.email}). Transmettez-lui son mot de passe de vive voix.`)
}

export async function changeRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(changeAccountRole, form, (a) => `Rôle de ${a.name} mis à jour.`)
}

export async function setDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(setAccountDisabled, form, (a) => (a.disabled ? `Compte de ${a.name} désactivé.` : `Compte de ${a.name} réactivé.`))
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return run(resetAccountPassword, form, (a) => `Mot de passe de ${a.name} réinitialisé. Ses sessions ouvertes sont fermées : la connexion se fait désormais avec le nouveau mot de passe.`)
}
