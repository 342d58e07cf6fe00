import type { TrackedReport } from '@/lib/reports/dto'
import { formatSince, NO_NEED_TO_REPORT } from '@/lib/incidents/notice'
import { confirmReportAction } from './actions'

/** While the report is part of an open incident: the school knows, no need to report again. */
export function IncidentNotice({ incident }: { incident: NonNullable<TrackedReport['incident']> }) {
  return (
    <section className="notice notice-info" aria-labelledby="incident-title">
      <h2 id="incident-title">Problème connu depuis {formatSince(incident.since)}</h2>
      <p>Plusieurs personnes ont signalé le même problème. {NO_NEED_TO_REPORT}</p>
      {incident.message ? <p className="public-message">{incident.message}</p> : null}
    </section>
  )
}

const answers: Record<string, string> = {
  oui: 'Merci : vous avez confirmé pouvoir vous connecter.',
  non: 'Merci : votre signalement est de nouveau entre les mains de l’établissement.',
  refus: 'Votre réponse n’a pas été enregistrée : ce signalement n’est plus marqué comme résolu.',
}

/** After a resolution: "Pouvez-vous vous connecter maintenant ?" (Oui / Non with a comment). */
export function AfterResolution({ report, token, answer }: { report: TrackedReport; token: string; answer: string | undefined }) {
  const said = answer ? answers[answer] : undefined
  if (said) return <p className="notice notice-ok" role="status">{said}</p>
  if (report.status !== 'RESOLVED' || report.confirmation === 'WORKS') return null
  return (
    <form action={confirmReportAction} className="card report-form" aria-labelledby="confirm-title">
      <h2 id="confirm-title">Pouvez-vous vous connecter maintenant ?</h2>
      <input type="hidden" name="reference" value={report.reference} />
      <input type="hidden" name="t" value={token} />
      <button type="submit" name="works" value="oui">Oui, ça fonctionne</button>
      <div className="field">
        <label htmlFor="comment">Si ça ne fonctionne toujours pas, que voyez-vous ? (facultatif)</label>
        <textarea id="comment" name="comment" maxLength={1000} rows={3} />
      </div>
      <button type="submit" name="works" value="non">Non, toujours bloqué</button>
    </form>
  )
}
