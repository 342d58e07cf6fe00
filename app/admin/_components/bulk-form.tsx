'use client'

import { useActionState, useState, useSyncExternalStore } from 'react'
import { bulkUpdateTicketsAction } from '@/app/admin/actions'
import type { StaffRef } from '@/lib/tickets/dto'
import type { BulkFormState } from '@/lib/tickets/form'
import { statusLabels, ticketStatuses } from '@/lib/tickets/status'
import styles from './queue.module.css'

export const BULK_FORM_ID = 'bulk-form'

const noopSubscribe = () => () => {}

const actionLabels = { assign: 'Attribuer', status: 'Changer le statut', category: 'Changer la catégorie' } as const

export function BulkForm({ staff, categories }: { staff: StaffRef[]; categories: { value: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState<BulkFormState, FormData>(bulkUpdateTicketsAction, { status: 'idle' })
  const [action, setAction] = useState<keyof typeof actionLabels>('assign')
  // Until React runs, every value field stays visible so the form also works without JavaScript.
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false)
  const errors = state.status === 'error' ? state.fieldErrors : {}
  return (
    <form id={BULK_FORM_ID} action={formAction} className={`card ${styles.bulk}`} aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="visually-hidden">Action groupée sur la sélection</h2>
      <div className="field">
        <label htmlFor="bulk-action">Action sur la sélection</label>
        <select id="bulk-action" name="action" value={action} onChange={(e) => setAction(e.target.value as keyof typeof actionLabels)}>
          {Object.entries(actionLabels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="field" hidden={hydrated && action !== 'assign'}>
        <label htmlFor="bulk-assignee">Attribuer à</label>
        <select id="bulk-assignee" name="assigneeId" defaultValue="">
          <option value="">Personne (retirer l’attribution)</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </div>
      <div className="field" hidden={hydrated && action !== 'status'}>
        <label htmlFor="bulk-status">Nouveau statut</label>
        <select id="bulk-status" name="status" defaultValue="IN_PROGRESS">
          {ticketStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
        </select>
      </div>
      <div className="field" hidden={hydrated && action !== 'category'}>
        <label htmlFor="bulk-category">Nouvelle catégorie</label>
        <select id="bulk-category" name="category" defaultValue={categories[0]?.value}>
          {categories.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>Appliquer à la sélection</button>
      <div role="status" aria-live="polite" style={{ flexBasis: '100%' }}>
        {state.status === 'done' ? (
          <div className={`notice ${state.conflicted || state.failed.length ? 'notice-warn' : 'notice-ok'}`}>
            <p>
              {state.applied} signalement{state.applied > 1 ? 's' : ''} modifié{state.applied > 1 ? 's' : ''}
              {state.conflicted
                ? `, ${state.conflicted} non modifié${state.conflicted > 1 ? 's' : ''} car changé${state.conflicted > 1 ? 's' : ''} entre-temps par quelqu’un d’autre (rechargez la page pour voir leur dernière version)`
                : ''}
              .
            </p>
            {state.failed.length ? (
              <ul>{state.failed.map((f) => <li key={f.reference}>{f.reference} : {f.message}</li>)}</ul>
            ) : null}
          </div>
        ) : null}
        {state.status === 'error' ? (
          <p className="error">{errors.items?.[0] ?? Object.values(errors)[0]?.[0] ?? state.message}</p>
        ) : null}
      </div>
    </form>
  )
}
