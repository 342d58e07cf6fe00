'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { applyInSlices, callApi, rulesUrl } from './api'
import styles from './catalogue.module.css'
import { useDryRun, type RuleDraft } from './dry-run'
import { DryRunReport } from './dry-run-report'

// A new rule: typed, tried on the stored tickets (the dry run), saved (active at once for new
// reports), then applied to the stored automatic tickets. Arriving from a ticket whose category
// was corrected by hand, the form is filled in and the dry run starts by itself.

export interface CategoryChoice {
  value: string
  label: string
  variants: { code: string; label: string }[]
}

type Saved = { id: string } | null
type Outcome = { tone: 'ok' | 'error'; text: string } | null

interface Props {
  categories: CategoryChoice[]
  initial: RuleDraft
  autoRun: boolean
  /** A saved rule being changed: tried in place of its current version, saved with the version read. */
  editing: { id: string; version: number } | null
}

export function RuleForm({ categories, initial, autoRun, editing }: Props) {
  const router = useRouter()
  const [draft, setDraft] = useState<RuleDraft>(initial)
  const [saved, setSaved] = useState<Saved>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)
  const { state, start, reset } = useDryRun()
  const started = useRef(false)
  const labels = Object.fromEntries(categories.map((c) => [c.value, c.label]))
  labels.UNKNOWN ??= 'Non reconnu'
  const variants = categories.find((c) => c.value === draft.category)?.variants ?? []
  const fields = state.phase === 'error' ? (state.fields ?? {}) : {}

  useEffect(() => {
    if (autoRun && !started.current && initial.pattern) {
      started.current = true
      void start(initial)
    }
  }, [autoRun, initial, start])

  const change = (patch: Partial<RuleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setSaved(null)
    setOutcome(null)
    reset()
  }

  async function save() {
    setBusy(true)
    const rule = { pattern: draft.pattern, category: draft.category, variant: draft.variant || null }
    const answer = editing
      ? await callApi<{ id: string }>('PATCH', rulesUrl.one(editing.id), { version: editing.version, ...rule })
      : await callApi<{ id: string }>('POST', rulesUrl.list, { kind: draft.kind, ...rule })
    setBusy(false)
    if (!answer.ok || !answer.data) return setOutcome({ tone: 'error', text: Object.values(answer.fields ?? {})[0] ?? answer.message ?? '' })
    setSaved({ id: answer.data.id })
    setOutcome({ tone: 'ok', text: `Règle ${editing ? 'modifiée' : 'enregistrée'} : elle s’applique dès maintenant aux nouveaux signalements.` })
    router.refresh()
  }

  async function apply() {
    if (!saved) return
    setBusy(true)
    setOutcome({ tone: 'ok', text: 'Application en cours…' })
    const answer = await applyInSlices(saved.id, (share, changed) =>
      setOutcome({ tone: 'ok', text: `Application en cours… ${Math.round(share * 100)} % parcourus, ${changed} signalement(s) reclassé(s).` }),
    )
    setBusy(false)
    if (!answer.ok || !answer.data) return setOutcome({ tone: 'error', text: answer.message ?? '' })
    reset()
    setOutcome({ tone: 'ok', text: `${answer.data.changed} signalement(s) reclassé(s). Chacun porte la règle dans son historique.` })
    router.refresh()
  }

  const patternError = fields.pattern
  return (
    <form
      className="report-form"
      onSubmit={(event) => {
        event.preventDefault()
        setOutcome(null)
        void start(draft, editing?.id)
      }}
    >
      <fieldset>
        <legend>Type de règle</legend>
        {(['phrase', 'regex'] as const).map((kind) => (
          <label key={kind} className={styles.choice}>
            <input type="radio" name="kind" value={kind} checked={draft.kind === kind} disabled={!!editing} onChange={() => change({ kind })} />{' '}
            {kind === 'phrase' ? 'Expression (mots entiers ; accents, majuscules et espaces ignorés)' : 'Expression régulière'}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="rule-pattern">{draft.kind === 'phrase' ? 'Mots à reconnaître' : 'Expression régulière'}</label>
        <input
          id="rule-pattern"
          type="text"
          name="pattern"
          required
          maxLength={300}
          autoComplete="off"
          spellCheck={false}
          value={draft.pattern}
          onChange={(e) => change({ pattern: e.target.value })}
          aria-invalid={patternError ? true : undefined}
          aria-describedby={`rule-pattern-hint${patternError ? ' rule-pattern-error' : ''}`}
        />
        <p id="rule-pattern-hint" className="hint">
          {draft.kind === 'phrase'
            ? 'Exemple : « compte suspendu par la vie scolaire ».'
            : 'Appliquée au message en minuscules, sans accents ni ponctuation, lettres et chiffres séparés par une espace (« Erreur404 » devient « erreur 404 »). Les expressions qui risquent de bloquer le serveur sont refusées.'}
        </p>
        {patternError ? (
          <p id="rule-pattern-error" className="error">
            {patternError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="rule-category">Catégorie</label>
        <select id="rule-category" name="category" value={draft.category} onChange={(e) => change({ category: e.target.value, variant: '' })}>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {variants.length > 0 ? (
        <div className="field">
          <label htmlFor="rule-variant">
            Variante <span className="opt">(facultatif)</span>
          </label>
          <select id="rule-variant" name="variant" value={draft.variant} onChange={(e) => change({ variant: e.target.value })}>
            <option value="">Aucune</option>
            {variants.map((v) => (
              <option key={v.code} value={v.code}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="button-primary" disabled={state.phase === 'running'}>
        Essayer sur les signalements enregistrés
      </button>
      <div aria-live="polite">
        {state.phase === 'running' ? (
          <p>
            <label htmlFor="dry-run-progress">Essai en cours… {Math.round(state.progress * 100)} % des signalements parcourus</label>
            <progress id="dry-run-progress" max={1} value={state.progress} style={{ width: '100%' }} />
          </p>
        ) : null}
        {state.phase === 'error' ? <p className="notice notice-error">{patternError ?? state.message}</p> : null}
        {state.phase === 'done' ? (
          <section aria-label="Résultat de l’essai">
            <h3>Résultat de l’essai</h3>
            <DryRunReport result={state.result} labels={labels} />
            {!saved ? (
              <button type="button" className="button-primary" onClick={save} disabled={busy}>
                {editing ? 'Enregistrer la modification' : 'Enregistrer la règle'}
              </button>
            ) : state.result.wouldChange > 0 ? (
              <button type="button" className="button-primary" onClick={apply} disabled={busy}>
                Appliquer aux {state.result.wouldChange} signalement(s)
              </button>
            ) : null}
          </section>
        ) : null}
        {outcome ? <p className={`notice notice-${outcome.tone}`}>{outcome.text}</p> : null}
      </div>
    </form>
  )
}
