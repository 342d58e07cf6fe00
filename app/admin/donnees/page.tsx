import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { EraseForm, ExportForm } from './privacy-forms'

export const metadata: Metadata = { title: 'Données personnelles' }

export default async function PersonalDataPage() {
  await requireViewer('ADMIN', '/admin/donnees')
  return (
    <main className="container">
      <h1>Données personnelles</h1>
      <p>
        Une personne vous demande ses données ou leur effacement ? Retrouvez tous ses signalements par son adresse e-mail
        ou son identifiant. Chaque export et chaque effacement est noté dans l’historique des signalements concernés, à
        votre nom.
      </p>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Exporter</h2>
        <ExportForm />
      </section>
      <section className="card" aria-labelledby="erase-title">
        <h2 id="erase-title">Effacer</h2>
        <p>
          Les signalements restent dans les statistiques (catégorie, dates, établissement) mais ne contiennent plus rien
          qui permette de reconnaître la personne.
        </p>
        <EraseForm />
      </section>
    </main>
  )
}
