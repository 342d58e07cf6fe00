import type { IncidentDetail } from '@/lib/incidents/queries'
import { formatParisDateTime } from '@/lib/tickets/dates'

const titles: Record<string, string> = {
  OPENED: 'Incident ouvert (premier signalement)',
  CAME_BACK: 'Le problème est revenu après une résolution',
  NOTICE_PUBLISHED: 'Avis public publié',
  NOTICE_CHANGED: 'Avis public modifié',
  NOTICE_WITHDRAWN: 'Avis public retiré',
  RESOLVED: 'Incident résolu',
  REOPENED: 'Incident rouvert',
  TICKET_DETACHED: 'Signalement détaché',
  MERGED_FROM: 'Autre incident fusionné dans celui-ci',
  MERGED_INTO: 'Fusionné dans un autre incident',
  STILL_BLOCKED: 'Une personne est toujours bloquée après la résolution',
}

function detail(event: IncidentDetail['history'][number]): string | null {
  const after = event.after ?? {}
  if (event.type === 'RESOLVED') return `${String(after.resolved ?? 0)} signalement(s) résolu(s) : « ${String(after.message ?? '')} »`
  if (event.type.startsWith('NOTICE_') && after.publicMessage) return `« ${String(after.publicMessage)} »`
  if (event.type === 'TICKET_DETACHED') return String(event.before?.reference ?? '')
  if (event.type === 'MERGED_FROM') return `${String(after.moved ?? 0)} signalement(s) déplacé(s)`
  return null
}

export function IncidentHistory({ events }: { events: IncidentDetail['history'] }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Historique</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <strong>{titles[e.type] ?? e.type}</strong> — {formatParisDateTime(e.createdAt)}, {e.actor?.name ?? 'automatique'} (version {e.version})
            {detail(e) ? <div>{detail(e)}</div> : null}
            {e.note ? <div className="hint">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
