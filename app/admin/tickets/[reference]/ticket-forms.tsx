'use client'

import { useActionState } from 'react'
import { updateTicketAction } from '@/app/admin/actions'
import type { StaffRef, TicketDetail } from '@/lib/tickets/dto'
import type { TicketFormIntent, TicketFormState } from '@/lib/tickets/form'
import { statusLabels, statusTransitions } from '@/lib/tickets/status'

// Each form posts the version the agent is looking at; a stale one comes back as a conflict.

function Outcome({ state, reference }: { state: TicketFormState; reference: string }) {
  if (state.status === 'saved') return <p className="notice notice-ok" role="status">{state.message}</p>
  if (state.status !== 'error') return null
  if (state.code === 'CONFLICT') {
    return (
      <div className="notice notice-warn" role="alert">
        <p>Quelqu’un d’autre a modifié ce signalement pendant que vous le consultiez. Votre modification n’a pas été enregistrée.</p>
        <p><a href={`/admin/tickets/${encodeURIComponent(reference)}`}>Recharger le signalement</a> pour voir la dernière version, puis recommencez si besoin.</p>
      </div>
    )
  }
  return <p className="error" role="alert">{state.message}</p>
}

function useTicketForm() {
  return useActionState<TicketFormState, FormData>(updateTicketAction, { status: 'idle' })
}

function errorFor(state: TicketFormState, field: string) {
  return state.status === 'error' ? state.fieldErrors[field]?.join(' ') : undefined
}

function Hidden({ ticket, intent }: { ticket: TicketDetail; intent: TicketFormIntent }) {
  return (
    <>
      <input type="hidden" name="reference" value={ticket.reference} />
      <input type="hidden" name="version" value={ticket.version} />
      <input type="hidden" name="intent" value={intent} />
    </>
  )
}

/** The value the agent typed when the change was refused, else the ticket's current one. */
function typed(state: TicketFormState, field: string, current: string): string {
  return state.status === 'error' ? (state.values[field] ?? current) : current
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <p className="error" id={id}>{message}</p> : null
}

export function StatusForm({ ticket }: { ticket: TicketDetail }) {
  const [state, action, pending] = useTicketForm()
  const options = [ticket.status, ...statusTransitions[ticket.status]]
  const statusError = errorFor(state, 'status')
  const messageError = errorFor(state, 'publicMessage')
  return (
    <form action={action} className="card report-form" aria-labelledby="status-form-title">
      <h3 id="status-form-title">Statut et message à l’usager</h3>
      <Hidden ticket={ticket} intent="status" />
      <div className="field">
        <label htmlFor="status">Statut</label>
        <select id="status" name="status" defaultValue={typed(state, 'status', ticket.status)} aria-invalid={!!statusError} aria-describedby={statusError ? 'status-error' : undefined}>
          {options.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
        </select>
        <FieldError id="status-error" message={statusError} />
      </div>
      <div className="field">
        <label htmlFor="publicMessage">Message à l’usager</label>
        <p className="hint" id="publicMessage-hint">Visible sur sa page de suivi. Laissez vide pour ne rien afficher.</p>
        <textarea
          id="publicMessage"
          name="publicMessage"
          defaultValue={typed(state, 'publicMessage', ticket.publicMessage ?? '')}
          maxLength={2000}
          aria-invalid={!!messageError}
          aria-describedby={messageError ? 'publicMessage-hint publicMessage-error' : 'publicMessage-hint'}
        />
        <FieldError id="publicMessage-error" message={messageError} />
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>Enregistrer le statut</button>
      <Outcome state={state} reference={ticket.reference} />
    </form>
  )
}

export function AssignForm({ ticket, staff }: { ticket: TicketDetail; staff: StaffRef[] }) {
  const [state, action, pending] = useTicketForm()
  const error = errorFor(state, 'assigneeId')
  return (
    <form action={action} className="card report-form" aria-labelledby="assign-form-title">
      <h3 id="assign-form-title">Attribution</h3>
      <Hidden ticket={ticket} intent="assign" />
      <div className="field">
        <label htmlFor="assigneeId">Attribué à</label>
        <select id="assigneeId" name="assigneeId" defaultValue={typed(state, 'assigneeId', ticket.assignee?.id ?? '')} aria-invalid={!!error} aria-describedby={error ? 'assigneeId-error' : undefined}>
          <option value="">Personne</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
        <FieldError id="assigneeId-error" message={error} />
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>Enregistrer l’attribution</button>
      <Outcome state={state} reference={ticket.reference} />
    </form>
  )
}

export function CategoryForm({ ticket, categories }: { ticket: TicketDetail; categories: { value: string; label: string }[] }) {
  const [state, action, pending] = useTicketForm()
  const error = errorFor(state, 'category')
  return (
    <form action={action} className="card report-form" aria-labelledby="category-form-title">
      <h3 id="category-form-title">Catégorie</h3>
      <Hidden ticket={ticket} intent="category" />
      <div className="field">
        <label htmlFor="category">Catégorie</label>
        <p className="hint" id="category-hint">Le diagnostic automatique reste conservé.</p>
        <select id="category" name="category" defaultValue={typed(state, 'category', ticket.category)} aria-invalid={!!error} aria-describedby={error ? 'category-hint category-error' : 'category-hint'}>
          {categories.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
        <FieldError id="category-error" message={error} />
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>Changer la catégorie</button>
      <Outcome state={state} reference={ticket.reference} />
    </form>
  )
}

export function NoteForm({ ticket }: { ticket: TicketDetail }) {
  const [state, action, pending] = useTicketForm()
  const error = errorFor(state, 'note')
  return (
    <form action={action} className="card report-form" aria-labelledby="note-form-title">
      <h3 id="note-form-title">Note interne</h3>
      <Hidden ticket={ticket} intent="note" />
      <div className="field">
        <label htmlFor="note">Note (visible seulement par l’équipe)</label>
        <textarea id="note" name="note" defaultValue={typed(state, 'note', '')} required maxLength={5000} aria-invalid={!!error} aria-describedby={error ? 'note-error' : undefined} />
        <FieldError id="note-error" message={error} />
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>Ajouter la note</button>
      <Outcome state={state} reference={ticket.reference} />
    </form>
  )
}
