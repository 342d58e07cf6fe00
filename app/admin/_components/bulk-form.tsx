'use client'

import { useActionState } from 'react'
import { bulkUpdateTicketsAction } from '@/app/admin/actions'
import type { StaffRef } from '@/lib/tickets/dto'
import type { BulkFormState } from '@/lib/tickets/form'
import { statusLabels, ticketStatuses, type TicketStatus } from '@/lib/tickets/status'
import { SelectAll } from './select-all'
import styles from './queue.module.css'

export const BULK_FORM_ID = 'bulk-form'

type Option = { value: string; label: string }

// One submit button per action, each beside its own value (issue 10): the button pressed is the
// action sent (`name="action"`), so what is applied is always the value shown next to it, with or
// without JavaScript. The confirmation says what was done.

function doneSentence(state: Extract<BulkFormState, { status: 'done' }>, staff: StaffRef[], categories: Option[]): string {
  const n = state.applied
  const tickets = `${n} signalement${n > 1 ? 's' : ''}`
  if (state.action === 'assign') {
    const name = staff.find((s) => s.id === state.value)?.name
    return name ? `${tickets} attribué${n > 1 ? 's' : ''} à ${name}` : `${tickets} sans attribution désormais`
  }
  if (state.action === 'status') {
    const label = statusLabels[state.value as TicketStatus] ?? state.value
    return `${tickets} passé${n > 1 ? 's' : ''} au statut « ${label} »`
  }
  const label = categories.find((c) => c.value === state.value)?.label ?? state.value
  return `${tickets} classé${n > 1 ? 's' : ''} dans la catégorie « ${label} »`
}

function Outcome({ state, staff, categories }: { state: BulkFormState; staff: StaffRef[]; categories: Option[] }) {
  if (state.status === 'error') {
    const errors = state.fieldErrors
    return <p className="error">{errors.items?.[0] ?? Object.values(errors)[0]?.[0] ?? state.message}</p>
  }
  if (state.status !== 'done') return null
  const conflicted = state.conflicted
  return (
    <div className={`notice ${conflicted || state.failed.length ? 'notice-warn' : 'notice-ok'}`}>
      <p>
        {doneSentence(state, staff, categories)}
        {conflicted
          ? `, ${conflicted} non modifié${conflicted > 1 ? 's' : ''} car changé${conflicted > 1 ? 's' : ''} entre-temps par quelqu’un d’autre (rechargez la page pour voir leur dernière version)`
          : ''}
        .
      </p>
      {state.failed.length ? <ul>{state.failed.map((f) => <li key={f.reference}>{f.reference} : {f.message}</li>)}</ul> : null}
    </div>
  )
}

export function BulkForm({ staff, categories, selectAllHref, allSelected }: { staff: StaffRef[]; categories: Option[]; selectAllHref: string; allSelected: boolean }) {
  const [state, formAction, pending] = useActionState<BulkFormState, FormData>(bulkUpdateTicketsAction, { status: 'idle' })
  return (
    <form id={BULK_FORM_ID} action={formAction} className={`card ${styles.bulk}`} aria-labelledby="bulk-title">
      <h2 id="bulk-title" className={styles.bulkTitle}>Action groupée sur la sélection</h2>
      <SelectAll formId={BULK_FORM_ID} href={selectAllHref} allSelected={allSelected} />
      <div className={styles.bulkAction}>
        <div className="field">
          <label htmlFor="bulk-assignee">Attribuer à</label>
          <select id="bulk-assignee" name="assigneeId" defaultValue="">
            <option value="">Personne (retirer l’attribution)</option>
            {staff.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <button type="submit" name="action" value="assign" className={styles.secondary} aria-disabled={pending}>Attribuer la sélection</button>
      </div>
      <div className={styles.bulkAction}>
        <div className="field">
          <label htmlFor="bulk-status">Nouveau statut</label>
          <select id="bulk-status" name="status" defaultValue="IN_PROGRESS">
            {ticketStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
          </select>
        </div>
        <button type="submit" name="action" value="status" className={styles.secondary} aria-disabled={pending}>Changer le statut de la sélection</button>
      </div>
      <div className={styles.bulkAction}>
        <div className="field">
          <label htmlFor="bulk-category">Nouvelle catégorie</label>
          <select id="bulk-category" name="category" defaultValue={categories[0]?.value}>
            {categories.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </div>
        <button type="submit" name="action" value="category" className={styles.secondary} aria-disabled={pending}>Changer la catégorie de la sélection</button>
      </div>
      <div role="status" aria-live="polite" className={styles.bulkOutcome}>
        <Outcome state={state} staff={staff} categories={categories} />
      </div>
    </form>
  )
}
