import { formatParisDateTime } from '@/lib/tickets/dates'
import type { TicketEventView } from '@/lib/tickets/dto'
import { describeChange, eventTitle } from '@/lib/tickets/events'

export function TicketHistory({ events }: { events: TicketEventView[] }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Historique</h2>
      {events.length === 0 ? (
        <p className="hint">Aucune modification pour l’instant.</p>
      ) : (
        <ol className="steps" aria-label="Historique du signalement">
          {[...events].reverse().map((e) => {
            const change = describeChange(e.type, e.before, e.after)
            return (
              <li key={e.id}>
                <strong>{eventTitle(e.type)}</strong>{' '}
                <span className="hint">
                  — {formatParisDateTime(e.createdAt)}, {e.actor ? e.actor.name : 'Relais'}
                </span>
                {change ? <div className="public-message">{change}</div> : null}
                {e.note ? <div className="public-message">{e.note}</div> : null}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
