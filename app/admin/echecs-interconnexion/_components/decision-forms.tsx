'use client'

import { useActionState } from 'react'
import type { Candidate } from '@/lib/ent-failures/matching'
import { idleDecision, type DecisionFormState } from '@/lib/ent-failures/form'
import { linkEntFailureAction, rejectEntFailureAction, reopenEntFailureAction } from '../actions'
import styles from './ent.module.css'

function Outcome({ state }: { state: DecisionFormState }) {
  if (state.status === 'done') return <p className="notice notice-ok" role="status">{state.message}</p>
  if (state.status === 'error' && Object.keys(state.fieldErrors).length === 0) {
    return <p className="notice notice-error" role="alert">{state.message}</p>
  }
  return null
}

type Recipients = { people: number; reports: number }

/** Said before sending: a decision message is read on tracking pages, by whom. */
function Readers({ recipients }: { recipients: Recipients }) {
  if (recipients.reports === 0) return <p className="hint">Aucune demande ouverte ne recevra ce message.</p>
  return (
    <p className="hint">
      Ce message sera lu par {recipients.people} personne{recipients.people > 1 ? 's' : ''} (le premier déclarant, sur{' '}
      {recipients.reports} page{recipients.reports > 1 ? 's' : ''} de suivi). Les signalements d’autres personnes ne reçoivent qu’un
      message neutre.
    </p>
  )
}

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null
  return (
    <p id={id} className="error">
      <span aria-hidden="true">⚠ </span>
      {messages.join(' ')}
    </p>
  )
}

export function LinkForm({
  id,
  version,
  candidates,
  profileLabels,
  recipients,
}: {
  id: string
  version: number
  candidates: Candidate[]
  profileLabels: Record<string, string>
  recipients: Recipients
}) {
  const [state, action, pending] = useActionState(linkEntFailureAction, idleDecision)
  const errors = state.status === 'error' ? state.fieldErrors.login : undefined
  return (
    <form action={action} className="card" aria-labelledby="link-title">
      <h3 id="link-title">Mettre en relation</h3>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <fieldset aria-describedby={errors ? 'login-error' : undefined}>
        <legend>Compte PRONOTE correspondant</legend>
        {candidates.length === 0 ? (
          <p className="hint">Aucun compte proche dans l’annuaire importé. Saisissez l’identifiant PRONOTE ci-dessous si vous le connaissez.</p>
        ) : (
          candidates.map((c, position) => (
            <div key={c.login} className={styles.candidate}>
              <input type="radio" name="login" id={`candidate-${c.login}`} value={c.login} defaultChecked={position === 0} />
              <label htmlFor={`candidate-${c.login}`}>
                <strong>
                  {c.firstName} {c.lastName}
                </strong>{' '}
                ({c.login}) · {profileLabels[c.profile] ?? c.profile}
                {c.group ? ` · ${c.group}` : ''} · <span className={styles.score}>score {c.score}/100</span>
                <ul className={styles.reasons}>
                  {c.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </label>
            </div>
          ))
        )}
        <div className="field">
          <label htmlFor={`manual-${id}`}>
            Ou un autre identifiant PRONOTE <span className="opt">(facultatif)</span>
          </label>
          <input type="text" id={`manual-${id}`} name="manualLogin" autoComplete="off" aria-describedby={errors ? 'login-error' : undefined} />
        </div>
        <FieldError id="login-error" messages={errors} />
      </fieldset>
      <p className="hint">Toutes les demandes de cette personne seront marquées résolues ; elle lira qu’elle peut se reconnecter par l’ENT.</p>
      <Readers recipients={recipients} />
      <button type="submit" className="button-primary" aria-disabled={pending} disabled={pending}>
        Mettre en relation
      </button>
      <Outcome state={state} />
    </form>
  )
}

export function RejectForm({ id, version, recipients }: { id: string; version: number; recipients: Recipients }) {
  const [state, action, pending] = useActionState(rejectEntFailureAction, idleDecision)
  const errors = state.status === 'error' ? state.fieldErrors.reason : undefined
  return (
    <form action={action} className="card" aria-labelledby="reject-title">
      <h3 id="reject-title">Pas de compte correspondant</h3>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <div className="field">
        <label htmlFor={`reason-${id}`}>
          Message pour la personne <span className="req">(obligatoire)</span>
        </label>
        <p id="reason-hint" className="hint">
          Elle le lira sur sa page de suivi : dites-lui quoi faire (par exemple contacter le secrétariat pour être inscrite dans PRONOTE).
        </p>
        <Readers recipients={recipients} />
        <FieldError id="reason-error" messages={errors} />
        <textarea
          id={`reason-${id}`}
          name="reason"
          required
          minLength={10}
          maxLength={1000}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? 'reason-hint reason-error' : 'reason-hint'}
        />
      </div>
      <button type="submit" className={styles.secondary} aria-disabled={pending} disabled={pending}>
        Clore : pas de compte correspondant
      </button>
      <Outcome state={state} />
    </form>
  )
}

export function ReopenForm({ id, version }: { id: string; version: number }) {
  const [state, action, pending] = useActionState(reopenEntFailureAction, idleDecision)
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className={styles.secondary} aria-disabled={pending} disabled={pending}>
        Rouvrir cet échec
      </button>
      <Outcome state={state} />
    </form>
  )
}
