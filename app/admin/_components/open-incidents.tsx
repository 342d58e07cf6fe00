import { profileLabel } from '@/lib/incidents/dto'
import type { QueueIncident } from '@/lib/incidents/queries'
import { formatParisDateTime } from '@/lib/tickets/dates'

// Open incidents on top of the queue: one row each instead of hundreds of tickets (issue 13).

function Timeline({ slots }: { slots: QueueIncident['timeline'] }) {
  const max = Math.max(1, ...slots.map((s) => s.count))
  const text = slots.map((s) => `${formatParisDateTime(s.at).slice(-5)} : ${s.count}`).join(', ')
  return (
    <span role="img" aria-label={`Signalements par tranche de 10 minutes : ${text}`} style={{ display: 'inline-flex', alignItems: 'flex-end', gap: 2, height: 24 }}>
      {slots.map((s) => (
        <span key={s.at} style={{ width: 6, height: `${Math.max(2, Math.round((24 * s.count) / max))}px`, background: 'currentColor', opacity: 0.6 }} />
      ))}
    </span>
  )
}

export function OpenIncidents({ incidents }: { incidents: QueueIncident[] }) {
  if (incidents.length === 0) return null
  return (
    <section aria-labelledby="incidents-title" className="card">
      <h2 id="incidents-title">Incidents en cours ({incidents.length})</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Problème commun</th>
            <th scope="col">Signalements</th>
            <th scope="col">Premier / dernier</th>
            <th scope="col">Profils</th>
            <th scope="col">Activité</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`/admin/incidents/${encodeURIComponent(i.id)}`}>{i.label}</a>
                {i.published ? <div className="hint">Avis publié</div> : null}
                {i.previousResolvedAt ? <div className="hint">Revenu : résolu le {formatParisDateTime(i.previousResolvedAt)}</div> : null}
              </td>
              <td><strong>{i.openTicketCount}</strong> ouvert{i.openTicketCount > 1 ? 's' : ''} / {i.ticketCount}</td>
              <td>{formatParisDateTime(i.firstReportAt)}<br />{formatParisDateTime(i.lastReportAt)}</td>
              <td>{i.profiles.map(profileLabel).join(', ')}</td>
              <td><Timeline slots={i.timeline} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
