import type { Metadata } from 'next'
import Link from 'next/link'
import { requireViewer } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Accès réservé' }

// Where requireViewer(role) sends a signed-in person whose role does not open the page they asked for.
export default async function AccessDeniedPage() {
  await requireViewer(undefined, '/admin/acces-refuse')
  return (
    <main className="container">
      <h1>Accès réservé aux administrateurs</h1>
      <div className="notice notice-warn" role="alert">
        <p>Votre compte ne permet pas d’ouvrir cette page. Si vous en avez besoin, demandez à un administrateur de Relais.</p>
      </div>
      <p>
        <Link href="/admin">Retour à la file d’attente</Link>
      </p>
    </main>
  )
}
