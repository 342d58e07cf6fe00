'use client'

import { signIn } from 'next-auth/react'
import { useState, type FormEvent } from 'react'
import { describedBy, Field } from '@/app/_components/field'
import { lockedMessage, parseLockedError, SIGN_IN_GENERIC_ERROR } from '@/lib/auth/schemas'

function messageFor(error: string | null | undefined): string | null {
  if (!error) return null
  const minutes = parseLockedError(error)
  if (minutes !== null) return lockedMessage(minutes)
  if (error === 'CredentialsSignin') return SIGN_IN_GENERIC_ERROR
  return 'La connexion n’a pas abouti. Réessayez dans un instant.'
}

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(messageFor(initialError))
  const [pending, setPending] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const form = new FormData(event.currentTarget)
    setPending(true)
    setError(null)
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      })
      if (result?.ok && !result.error) {
        // A full navigation so every server component renders with the new session.
        window.location.assign(callbackUrl)
        return
      }
      setError(messageFor(result?.error ?? 'CredentialsSignin'))
    } catch {
      setError(messageFor('network'))
    }
    setPending(false)
  }

  return (
    <form className="report-form card" onSubmit={onSubmit} noValidate={false}>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <Field name="email" label="Adresse e-mail" required>
        <input {...describedBy('email', false)} type="email" autoComplete="username" required inputMode="email" />
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
