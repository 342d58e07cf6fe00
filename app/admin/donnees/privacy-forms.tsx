'use client'

import { useActionState } from 'react'
import { erasePersonalDataAction } from './actions'
import { initialErasureState } from './form-state'
import { FormNotice } from '@/app/_components/form-notice'

function PersonFields({ idPrefix, kind, value, errors }: { idPrefix: string; kind?: string; value?: string; errors?: string[] }) {
  const errorId = `${idPrefix}-value-error`
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-kind`}>Rechercher par</label>
        <select id={`${idPrefix}-kind`} name="kind" defaultValue={kind ?? 'email'}>
          <option value="email">Adresse e-mail</option>
          <option value="login">Identifiant (PRONOTE ou ENT)</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-value`}>Adresse e-mail ou identifiant</label>
        <input
          id={`${idPrefix}-value`}
          name="value"
          required
          minLength={2}
          maxLength={254}
          autoComplete="off"
          defaultValue={value}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? errorId : undefined}
        />
        {errors ? (
          <p id={errorId} className="error">
            {errors.join(' ')}
          </p>
        ) : null}
      </div>
    </>
  )
}

/** Export is a plain form POST to the API: the browser downloads the JSON file, even without JS. */
export function ExportForm() {
  return (
    <form method="post" action="/api/admin/donnees/export" className="report-form">
      <PersonFields idPrefix="export" />
      <button type="submit" className="button-primary">
        Télécharger ses données (JSON)
      </button>
    </form>
  )
}

export function EraseForm() {
  const [state, action, pending] = useActionState(erasePersonalDataAction, initialErasureState)
  const confirmError = state.fieldErrors?.confirm
  return (
    <form action={action} className="report-form">
      <FormNotice ok={state.ok} message={state.message} />
      <PersonFields idPrefix="erase" kind={state.values?.kind} value={state.ok ? '' : state.values?.value} errors={state.fieldErrors?.value} />
      <div className="field">
        <label>
          <input type="checkbox" name="confirm" aria-describedby={confirmError ? 'erase-confirm-error' : undefined} /> Je confirme :
          ses messages, nom, e-mail et identifiants seront remplacés définitivement.
        </label>
        {confirmError ? (
          <p id="erase-confirm-error" className="error">
            {confirmError.join(' ')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button-primary" aria-disabled={pending}>
        {pending ? 'Effacement…' : 'Effacer ses données'}
      </button>
    </form>
  )
}
