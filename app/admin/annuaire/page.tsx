import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { countDirectoryAccounts } from '@/lib/directory/queries'
import { ImportForm } from './import-form'

export const metadata: Metadata = { title: 'Annuaire PRONOTE' }

export default async function DirectoryPage() {
  const viewer = await requireViewer('ADMIN', '/admin/annuaire')
  const count = await countDirectoryAccounts(viewer)
  return (
    <main className="container">
      <h1>Annuaire PRONOTE</h1>
      <p className="lead">
        Importez la liste des utilisateurs de PRONOTE (élèves, responsables, professeurs, personnels) : Relais s’en sert pour proposer le
        bon compte lors d’un échec d’interconnexion ENT. Réimporter le même fichier ne change rien.
      </p>
      <p>
        Comptes dans l’annuaire : <strong>{count.ok ? count.value : '—'}</strong>.{' '}
        <a href="/admin/echecs-interconnexion">Retour aux échecs d’interconnexion</a>
      </p>
      <ImportForm />
    </main>
  )
}
