import type { PublicIncident } from '@/lib/incidents/dto'
import { formatSince, NO_NEED_TO_REPORT } from '@/lib/incidents/notice'

/** The known problems above the report form: what the school already knows, and since when. */
export function IncidentNotices({ incidents }: { incidents: PublicIncident[] }) {
  if (incidents.length === 0) return null
  return (
    <section className="notice notice-info" aria-labelledby="known-problems-title">
      <h2 id="known-problems-title">Problème{incidents.length > 1 ? 's' : ''} connu{incidents.length > 1 ? 's' : ''}</h2>
      {incidents.map((incident) => (
        <p key={incident.id}>
          <strong>Problème connu depuis {formatSince(new Date(incident.since))} : {incident.label}.</strong> {incident.message}
        </p>
      ))}
      <p>{NO_NEED_TO_REPORT}</p>
    </section>
  )
}
