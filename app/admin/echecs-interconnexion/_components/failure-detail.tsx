import { profileLabels } from '@/lib/catalogue/types'
import type { EntFailureDetail } from '@/lib/ent-failures/dto'
import { entFailureStatusLabels } from '@/lib/ent-failures/schemas'
import { statusLabels, type TicketStatus } from '@/lib/tickets/status'
import { LinkForm, RejectForm, ReopenForm } from './decision-forms'
import { ageOf, eventLabels, formatDate, profileLabel } from './labels'
import styles from './ent.module.css'

export function FailureDetail({ failure, now }: { failure: EntFailureDetail; now: number }) {
  return (
    <section aria-labelledby="detail-title">
      <h2 id="detail-title">
        {failure.fullName} <span className="status">{entFailureStatusLabels[failure.status]}</span>
      </h2>
      <div className={styles.sides}>
        <div className="card">
          <h3>Ce que dit l’ENT</h3>
          <dl className="facts">
            <div>
              <dt>Nom complet</dt>
              <dd>{failure.fullName}</dd>
            </div>
            <div>
              <dt>ENT</dt>
              <dd>{failure.entName ?? 'non précisé'}</dd>
            </div>
            <div>
              <dt>Identifiant ENT</dt>
              <dd>{failure.entLogin ?? 'non précisé'}</dd>
            </div>
            <div>
              <dt>Profil</dt>
              <dd>{profileLabel(failure.profile)}</dd>
            </div>
            <div>
              <dt>Établissement</dt>
              <dd>{failure.establishment ?? 'non précisé'}</dd>
            </div>
            <div>
              <dt>Signalements</dt>
              <dd>
                {failure.reportCount}, le premier {ageOf(failure.firstReportedAt, now)}
              </dd>
            </div>
          </dl>
          {failure.otherReportCount > 0 ? (
            <p className="notice notice-error" role="note">
              {failure.otherReportCount} {failure.otherReportCount > 1 ? 'signalements de personnes différentes' : 'signalement d’une personne différente'}{' '}
              du premier déclarant (nom ou e-mail) : possible usurpation. Ils ne rouvrent pas le dossier et ne reçoivent qu’un message neutre.
            </p>
          ) : null}
          {failure.weakKey ? (
            <p className="hint">Sans identifiant ENT : les signalements sont regroupés par nom, établissement et profil.</p>
          ) : null}
          <h4>Demandes liées</h4>
          <ul>
            {failure.tickets.map((t) => (
              <li key={t.reference}>
                <a href={`/admin/tickets/${encodeURIComponent(t.reference)}`}>{t.reference}</a> ·{' '}
                {statusLabels[t.status as TicketStatus] ?? t.status} · {formatDate(t.createdAt)}
                {t.otherReporter ? ' · autre personne' : ''}
              </li>
            ))}
          </ul>
        </div>
        <div className={styles.actions}>
          {failure.status === 'OPEN' ? (
            <>
              <LinkForm id={failure.id} version={failure.version} candidates={failure.candidates} profileLabels={profileLabels} recipients={failure.recipients} />
              <RejectForm id={failure.id} version={failure.version} recipients={failure.recipients} />
            </>
          ) : (
            <div className="card">
              <h3>Décision</h3>
              {failure.status === 'CLOSED' ? (
                <p>Tous les signalements de cette identité ont été clos à la main dans la file : plus rien à traiter ici.</p>
              ) : failure.status === 'LINKED' ? (
                <p>
                  Relié au compte PRONOTE <strong>{failure.linkedLogin}</strong>
                  {failure.decidedByName ? ` par ${failure.decidedByName}` : ''}
                  {failure.decidedAt ? `, le ${formatDate(failure.decidedAt)}` : ''}.
                </p>
              ) : (
                <>
                  <p>
                    Aucun compte correspondant{failure.decidedByName ? ` (décision de ${failure.decidedByName}` : ''}
                    {failure.decidedAt ? `${failure.decidedByName ? ', ' : ' ('}le ${formatDate(failure.decidedAt)})` : failure.decidedByName ? ')' : ''}.
                  </p>
                  <p>Message lu par la personne : « {failure.rejectReason} »</p>
                </>
              )}
              <ReopenForm id={failure.id} version={failure.version} />
            </div>
          )}
        </div>
      </div>
      <h3>Historique</h3>
      <ol className={styles.history}>
        {failure.events.map((e) => (
          <li key={e.id}>
            <strong>{eventLabels[e.type] ?? e.type}</strong> · {formatDate(e.createdAt)}
            {e.actorName ? ` · ${e.actorName}` : ''}
            {e.type === 'LINKED' && e.after?.linkedLogin ? ` · compte ${String(e.after.linkedLogin)}` : ''}
            {e.note ? <div className="hint">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
