import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { safeCallbackUrl } from '@/lib/auth/callback-url'
import { getViewer } from '@/lib/auth/session'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: 'Connexion du personnel' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams
  const callbackUrl = safeCallbackUrl(params.callbackUrl)
  if (await getViewer()) redirect(callbackUrl)
  const error = typeof params.error === 'string' ? params.error : undefined

  return (
    <main className="container" style={{ maxWidth: 480 }}>
      <h1>Connexion du personnel</h1>
      <p className="lead">Espace réservé aux personnes qui traitent les signalements de l’établissement.</p>
      <LoginForm callbackUrl={callbackUrl} initialError={error} />
      <p className="hint">
        Mot de passe oublié ? Demandez à un administrateur de Relais de le réinitialiser. Vous cherchez de l’aide pour
        PRONOTE ? <Link href="/">Signalez votre problème ici</Link>.
      </p>
    </main>
  )
}
