'use client'

import { useActionState } from 'react'
import { describedBy, Field } from '@/app/_components/field'
import { PASSWORD_MIN_LENGTH } from '@/lib/accounts/schemas'
import { roleLabels, roles } from '@/lib/auth/viewer'
import { createAccountAction } from '../actions-accounts'
import styles from '../_shell/shell.module.css'
import { initialFormState } from './form-state'
import { FormNotice } from '@/app/_components/form-notice'

export function CreateAccountForm() {
  const [state, action, pending] = useActionState(createAccountAction, initialFormState)
  const err = (name: string) => state.fieldErrors?.[name]?.[0]
  const typed = (name: string) => state.values?.[name] ?? ''
  // After a success the form is reset by React; after a failure it keeps what was typed.
  return (
    <form action={action} className={styles.form}>
      <FormNotice ok={state.ok} message={state.message} />
      <Field name="name" label="Nom" required error={err('name')}>
        <input {...describedBy('name', false, err('name'))} type="text" autoComplete="off" required maxLength={120} defaultValue={typed('name')} />
      </Field>
      <Field name="email" label="Adresse e-mail" required error={err('email')}>
        <input {...describedBy('email', false, err('email'))} type="email" autoComplete="off" required defaultValue={typed('email')} />
      </Field>
      <Field name="role" label="Rôle" required error={err('role')} hint="Un agent traite les signalements ; un administrateur gère aussi les comptes et les paramètres.">
        <select {...describedBy('role', true, err('role'))} defaultValue={typed('role') || 'AGENT'} key={typed('role')}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field name="password" label="Mot de passe provisoire" required error={err('password')} hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est plus facile à retenir.`}>
        <input {...describedBy('password', true, err('password'))} type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} />
      </Field>
      <button type="submit" className="button-primary" aria-disabled={pending}>
        {pending ? 'Création…' : 'Créer le compte'}
      </button>
    </form>
  )
}
