'use client'

import { useActionState, useTransition, type FormEvent } from 'react'
import { idleDirectory } from '@/lib/directory/form'
import { importDirectoryAction } from './actions'

// Submitted by hand (not via the form's action) so the chosen file stays selected after the
// preview and "Importer" can send it again.
export function ImportForm() {
  const [state, action, pending] = useActionState(importDirectoryAction, idleDirectory)
  const [, startTransition] = useTransition()

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    data.set('mode', submitter?.value ?? 'preview')
    startTransition(() => action(data))
  }

  const outcome = state.status === 'done' ? state.outcome : null
  return (
    <>
      <form onSubmit={submit} className="card" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="directory-file">
            Fichier CSV exporté de PRONOTE <span className="req">(obligatoire)</span>
          </label>
          <p id="directory-file-hint" className="hint">
            Colonnes attendues : Nom, Prénom, Identifiant, Profil (ou Type), Classe (ou Groupe), Né(e) le. Séparateur « ; » ou « , »,
            encodage UTF-8 ou Windows (Excel).
          </p>
          {state.status === 'error' ? (
            <p id="directory-file-error" className="error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {state.message}
            </p>
          ) : null}
          <input
            type="file"
            id="directory-file"
            name="file"
            accept=".csv,text/csv"
            required
            aria-describedby={state.status === 'error' ? 'directory-file-hint directory-file-error' : 'directory-file-hint'}
          />
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
          <button type="submit" name="mode" value="preview" className="button-primary" disabled={pending}>
            Prévisualiser
          </button>
          <button type="submit" name="mode" value="apply" className="button-primary" disabled={pending || !outcome || !outcome.dryRun}>
            Importer
          </button>
        </div>
        {!outcome ? <p className="hint">Prévisualisez d’abord : rien n’est enregistré avant « Importer ».</p> : null}
      </form>
      {outcome ? (
        <section aria-live="polite" aria-labelledby="outcome-title" className="card">
          <h2 id="outcome-title">{outcome.dryRun ? 'Aperçu de l’import' : 'Import terminé'}</h2>
          {outcome.fileError ? (
            <p className="notice notice-error" role="alert">
              {outcome.fileError}
            </p>
          ) : (
            <p>
              {outcome.dryRun ? 'À créer' : 'Créés'} : <strong>{outcome.created}</strong> · {outcome.dryRun ? 'À mettre à jour' : 'Mis à jour'} :{' '}
              <strong>{outcome.updated}</strong> · Inchangés : <strong>{outcome.unchanged}</strong> · Lignes en erreur :{' '}
              <strong>{outcome.errors.length}</strong>
            </p>
          )}
          {outcome.errors.length > 0 ? (
            <>
              <h3>Lignes ignorées</h3>
              <ul>
                {outcome.errors.slice(0, 200).map((e) => (
                  <li key={`${e.line}-${e.message}`}>
                    Ligne {e.line} : {e.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome.changes.length > 0 ? (
            <>
              <h3>{outcome.dryRun ? 'Premiers changements prévus' : 'Premiers changements'}</h3>
              <ul>
                {outcome.changes.map((c) => (
                  <li key={c.login}>
                    {c.action === 'create' ? 'Nouveau' : `Modifié (${c.fields.join(', ')})`} : {c.name} ({c.login})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {outcome.dryRun && !outcome.fileError ? <p>Si cet aperçu vous convient, cliquez sur « Importer ».</p> : null}
        </section>
      ) : null}
    </>
  )
}
