import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { FormNotice } from '@/app/_components/form-notice'
import { ResolutionPanel } from '@/app/admin/tickets/[reference]/resolution-panel'
import { requireViewer } from '@/lib/auth/session'
import { profileLabel } from '@/lib/incidents/dto'
import { outcomeMessage } from '@/lib/incidents/form-handlers'
import { getIncident, listIncidents } from '@/lib/incidents/queries'
import { formatParisDateTime } from '@/lib/tickets/dates'
import { statusLabels, type TicketStatus } from '@/lib/tickets/status'
import { incidentAction } from '../actions'
import { IncidentHistory } from './incident-history'

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ fait?: string; erreur?: string }> }

export const metadata: Metadata = { title: 'Incident' }

const incidentStatusLabels: Record<string, string> = { OPEN: 'Ouvert', RESOLVED: 'Résolu', MERGED: 'Fusionné' }
const confirmationLabels: Record<string, string> = { WORKS: 'Fonctionne', STILL_BLOCKED: 'Toujours bloqué' }

function Hidden({ id, version, intent }: { id: string; version: number; intent: string }) {
  return (
    <>
      <input type="hidden" name="incidentId" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value={intent} />
    </>
  )
}

export default async function IncidentPage({ params, searchParams }: Props) {
  const { id } = await params
  const viewer = await requireViewer('AGENT', `/admin/incidents/${encodeURIComponent(id)}`)
  const result = await getIncident(viewer, id)
  if (!result.ok) notFound()
  const incident = result.value
  const outcome = outcomeMessage(await searchParams)
  const others = incident.status === 'OPEN' ? await listIncidents(viewer, { status: 'OPEN' }) : null
  const mergeable = others?.ok ? others.value.items.filter((i) => i.id !== id) : []
  const open = incident.status === 'OPEN'

  return (
    <main className="container" style={{ maxWidth: 1000 }}>
      <p><a href="/admin">← Retour aux signalements</a></p>
      <h1>Incident : {incident.label}</h1>
      {outcome ? <FormNotice ok={outcome.ok} message={outcome.message} /> : null}
      <p>
        <span className={`status status-${open ? 'new' : 'resolved'}`}>{incidentStatusLabels[incident.status] ?? incident.status}</span>{' '}
        <strong>{incident.ticketCount}</strong> signalement{incident.ticketCount > 1 ? 's' : ''} ({incident.openTicketCount} ouvert{incident.openTicketCount > 1 ? 's' : ''}),
        du {formatParisDateTime(incident.firstReportAt)} au {formatParisDateTime(incident.lastReportAt)}.
      </p>
      {incident.previousResolvedAt ? (
        <p className="notice notice-warn">
          Le même problème est revenu : il avait été résolu le {formatParisDateTime(incident.previousResolvedAt)}
          {incident.previousIncidentId ? <> (<a href={`/admin/incidents/${encodeURIComponent(incident.previousIncidentId)}`}>incident précédent</a>)</> : null}.
        </p>
      ) : null}
      {incident.resolvedAt ? (
        <p>
          Résolu le {formatParisDateTime(incident.resolvedAt)}. Après résolution : <strong>{incident.confirmedCount}</strong> personne(s) confirment
          pouvoir se connecter, <strong>{incident.stillBlockedCount}</strong> sont toujours bloquées.
        </p>
      ) : null}

      <section className="card" aria-labelledby="fix-title">
        <h2 id="fix-title">La cause et sa correction</h2>
        <p>{incident.fix.meaning}</p>
        <p>{incident.fix.actorText}</p>
      </section>
      <ResolutionPanel resolution={incident.fix.resolution} />

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        <form action={incidentAction} className="card report-form">
          <h3>Avis public sur le formulaire</h3>
          <Hidden id={id} version={incident.version} intent="publish" />
          <div className="field">
            <label htmlFor="publicMessage">Message affiché au-dessus du formulaire de signalement</label>
            <p className="hint" id="publicMessage-hint">Les personnes qui signalent ce problème sauront qu’il est connu. Aucune donnée personnelle.</p>
            <textarea id="publicMessage" name="publicMessage" maxLength={1000} required defaultValue={incident.publicMessage ?? ''} aria-describedby="publicMessage-hint" />
          </div>
          <button type="submit">{incident.published ? 'Mettre à jour l’avis' : 'Publier l’avis'}</button>
        </form>
        {incident.published ? (
          <form action={incidentAction} className="card">
            <Hidden id={id} version={incident.version} intent="withdraw" />
            <p>L’avis est affiché sur le formulaire de signalement depuis {incident.publishedAt ? formatParisDateTime(incident.publishedAt) : '—'}.</p>
            <button type="submit">Retirer l’avis</button>
          </form>
        ) : null}
        {open ? (
          <form action={incidentAction} className="card report-form">
            <h3>Résoudre l’incident</h3>
            <Hidden id={id} version={incident.version} intent="resolve" />
            <div className="field">
              <label htmlFor="message">Message à chaque personne concernée</label>
              <p className="hint" id="message-hint">
                Les {incident.openTicketCount} signalement(s) ouverts passent à « Résolu » avec ce message, visible sur leur page de suivi.
              </p>
              <textarea id="message" name="message" maxLength={1000} required aria-describedby="message-hint" />
            </div>
            <button type="submit">Résoudre les {incident.openTicketCount} signalement(s)</button>
          </form>
        ) : incident.status === 'RESOLVED' ? (
          <form action={incidentAction} className="card">
            <Hidden id={id} version={incident.version} intent="reopen" />
            <button type="submit">Rouvrir l’incident</button>
          </form>
        ) : null}
        {open && mergeable.length > 0 ? (
          <form action={incidentAction} className="card report-form">
            <h3>Fusionner un autre incident dans celui-ci</h3>
            <Hidden id={id} version={incident.version} intent="merge" />
            <div className="field">
              <label htmlFor="from">Incident à fusionner</label>
              <select id="from" name="from" required>
                {mergeable.map((i) => <option key={i.id} value={`${i.id}:${i.version}`}>{i.label} ({i.ticketCount})</option>)}
              </select>
            </div>
            <button type="submit">Fusionner</button>
          </form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">Signalements rattachés ({incident.ticketCount})</h2>
        <table>
          <thead>
            <tr><th scope="col">Référence</th><th scope="col">Statut</th><th scope="col">Profil</th><th scope="col">Reçu le</th><th scope="col">Après résolution</th><th scope="col"><span className="visually-hidden">Action</span></th></tr>
          </thead>
          <tbody>
            {incident.tickets.map((t) => (
              <tr key={t.reference}>
                <td><a className="reference" href={`/admin/tickets/${encodeURIComponent(t.reference)}`}>{t.reference}</a></td>
                <td>{statusLabels[t.status as TicketStatus] ?? t.status}</td>
                <td>{profileLabel(t.profile)}</td>
                <td>{formatParisDateTime(t.createdAt)}</td>
                <td>{t.confirmation ? confirmationLabels[t.confirmation] : '—'}</td>
                <td>
                  <form action={incidentAction}>
                    <Hidden id={id} version={incident.version} intent="detach" />
                    <input type="hidden" name="reference" value={t.reference} />
                    <button type="submit" className="secondary" aria-label={`Détacher ${t.reference}`}>Détacher</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <IncidentHistory events={incident.history} />
    </main>
  )
}
