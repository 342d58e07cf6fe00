import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { requireViewer } from '@/lib/auth/session'
import { getEntry } from '@/lib/catalogue/entries'
import { profileLabels } from '@/lib/catalogue/types'
import { getResolution } from '@/lib/resolution/queries'
import { formatParisDateTime } from '@/lib/tickets/dates'
import { categoryOptions, labelForCategory } from '@/lib/tickets/labels'
import { getTicketDetail, listAssignableStaff } from '@/lib/tickets/detail'
import { statusLabels } from '@/lib/tickets/status'
import { HighlightedMessage } from './highlighted-message'
import { TicketHistory } from './history'
import { correctedByHand, LearnRule } from './learn-rule'
import { ResolutionPanel } from './resolution-panel'
import { AssignForm, CategoryForm, NoteForm, StatusForm } from './ticket-forms'

type Props = { params: Promise<{ reference: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Signalement ${(await params).reference}` }
}

export default async function TicketPage({ params }: Props) {
  const { reference } = await params
  const viewer = await requireViewer('AGENT', `/admin/tickets/${encodeURIComponent(reference)}`)
  const result = await getTicketDetail(viewer, reference)
  if (!result.ok) notFound()
  const ticket = result.value
  const [resolution, staff] = await Promise.all([getResolution(ticket), listAssignableStaff(viewer)])
  const entry = getEntry(ticket.category)
  const facts: [string, string | null][] = [
    ['Nom', ticket.fullName],
    ['Profil', profileLabels[ticket.profile] ?? ticket.profile],
    ['Établissement', ticket.establishment],
    ['Courriel', ticket.email],
    ['Identifiant PRONOTE', ticket.login],
    ['ENT', ticket.entName],
    ['Identifiant ENT', ticket.entLogin],
    ['Adresse utilisée', ticket.url],
    ['Problème survenu le', formatParisDateTime(ticket.occurredAt)],
    ['Reçu le', formatParisDateTime(ticket.createdAt)],
    ['Attribué à', ticket.assignee?.name ?? 'Personne'],
  ]

  return (
    <main className="container" style={{ maxWidth: 1000 }}>
      <p><a href="/admin">← Retour aux signalements</a></p>
      <h1>
        Signalement <span className="reference">{ticket.reference}</span>
      </h1>
      <p>
        <span className={`status status-${ticket.status.toLowerCase()}`}>{statusLabels[ticket.status]}</span>{' '}
        <strong>{labelForCategory(ticket.category)}</strong>
      </p>

      <section className="card" aria-labelledby="report-title">
        <h2 id="report-title">Le signalement</h2>
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd style={{ overflowWrap: 'anywhere' }}>{value || '—'}</dd>
            </div>
          ))}
        </dl>
        <h3>Message de l’usager</h3>
        <HighlightedMessage message={ticket.message} evidence={ticket.evidence} />
      </section>

      <section className="card" aria-labelledby="diagnosis-title">
        <h2 id="diagnosis-title">Diagnostic automatique</h2>
        <p>
          <strong>{labelForCategory(ticket.autoCategory)}</strong> — confiance {Math.round(ticket.confidence * 100)} %
          {ticket.evidence.length ? ' (indices surlignés dans le message)' : ' (aucun indice précis relevé)'}
        </p>
        {ticket.category !== ticket.autoCategory ? (
          <p className="notice notice-info">
            Catégorie modifiée par l’équipe : <strong>{labelForCategory(ticket.category)}</strong>.
          </p>
        ) : null}
        <h3>Ce que cela signifie</h3>
        <p>{entry.meaning}</p>
        <p>{entry.actorText}</p>
      </section>

      <ResolutionPanel resolution={resolution} />

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Traiter le signalement</h2>
        <StatusForm ticket={ticket} />
        <AssignForm ticket={ticket} staff={staff} />
        <CategoryForm ticket={ticket} categories={categoryOptions} />
        {viewer.role === 'ADMIN' && correctedByHand(ticket) ? <LearnRule ticket={ticket} /> : null}
        <NoteForm ticket={ticket} />
      </section>

      <TicketHistory events={ticket.history} />
    </main>
  )
}
