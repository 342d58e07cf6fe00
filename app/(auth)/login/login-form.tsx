'use client'

import { useActionState } from 'react'
import { describedBy, Field } from '@/app/_components/field'
import { lockedMessage, parseLockedError, SIGN_IN_GENERIC_ERROR } from '@/lib/auth/schemas'
import { signInAction, type SignInFormState } from './actions'

/** Errors next-auth puts in the URL (/login?error=…) when its own endpoints refuse a sign-in. */
function messageFor(error: string | null | undefined): string | null {
  if (!error) return null
  const minutes = parseLockedError(error)
  if (minutes !== null) return lockedMessage(minutes)
  if (error === 'CredentialsSignin') return SIGN_IN_GENERIC_ERROR
  return 'La connexion n’a pas abouti. Réessayez dans un instant.'
}

// A server action form: it posts (never a GET carrying the password) and shows its refusal with
// or without JavaScript.
export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(signInAction, {
    error: messageFor(initialError),
    email: '',
  })
  return (
    <form className="report-form card" action={formAction}>
      {state.error ? (
        <div className="notice notice-error" role="alert">
          <p>{state.error}</p>
        </div>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="email" label="Adresse e-mail" required>
        <input {...describedBy('email', false)} type="email" autoComplete="username" required inputMode="email" defaultValue={state.email} key={state.email} />
      </Field>
      <Field name="password" label="Mot de passe" required>
        <input {...describedBy('password', false)} type="password" autoComplete="current-password" required />
      </Field>
      <button type="submit" className="button-primary" aria-disabled={pending}>
        {pending ? 'Connexion…' : 'Se connecter'}
      </button>
    </form>
  )
}
