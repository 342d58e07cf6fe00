'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { safeCallbackUrl } from '@/lib/auth/callback-url'
import { signInWithPassword } from '@/lib/auth/password-sign-in'

export type SignInFormState = { error: string | null; email: string }

const text = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

/** The login form's action: a POST with or without JavaScript; errors come back as state. */
export async function signInAction(_prev: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = text(form, 'email')
  const result = await signInWithPassword({ email, password: text(form, 'password') }, await headers())
  if (!result.ok) return { error: result.message, email }
  ;(await cookies()).set(result.cookie.name, result.cookie.value, result.cookie.options)
  redirect(safeCallbackUrl(text(form, 'callbackUrl')))
}
