'use client'

import { Suspense, lazy, useActionState, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { profileCodes, profileLabels } from '@/lib/catalogue/types'
import {
  HONEYPOT_FIELD,
  entFieldsRelevant,
  reportInputFromValues,
  reportValuesFromFormData,
  type ReportFormState,
  type ReportFormValues,
} from '@/lib/reports/form'
import { MESSAGE_MAX, reportFields, type ReportField } from '@/lib/reports/fields'
import type { FieldErrors } from '@/lib/result'
import { submitReportAction } from './actions'
import { Field, describedBy, fieldIds } from './_components/field'
import { LiveDiagnosis, useLiveClassification } from './_components/live-diagnosis'
import { reportFieldLabels } from './report-field-labels'

// Reading a screenshot needs JavaScript: the picker is rendered once hydrated, from its own chunk
// (React.lazy rather than next/dynamic, whose loader would add to the first load).
const ScreenshotReader = lazy(() => import('./_components/screenshot-reader').then((m) => ({ default: m.ScreenshotReader })))

const noopSubscribe = () => () => {}
/** False during server rendering and hydration, true once React runs in the browser. */
function useHydrated() {
  return useSyncExternalStore(noopSubscribe, () => true, () => false)
}

function firstErrorField(errors: FieldErrors): ReportField | undefined {
  return reportFields.find((f) => errors[f]?.length)
}

// The one report schema (zod) is not part of the page's first load: it is fetched when the person
// first focuses a field, well before they can submit. The server validates again in any case.
type SchemaModule = typeof import('@/lib/reports/schemas')
let schemaModule: SchemaModule | null = null
let schemaLoading: Promise<SchemaModule | null> | null = null
/** Set when the schema could not be fetched: submissions then go straight to the server's check. */
let schemaUnavailable = false

function loadSchema(): Promise<SchemaModule | null> {
  schemaLoading ??= import('@/lib/reports/schemas').then(
    (m) => (schemaModule = m),
    () => {
      schemaUnavailable = true
      return null
    },
  )
  return schemaLoading
}

function validate(schemas: SchemaModule, form: HTMLFormElement): FieldErrors {
  const parsed = schemas.reportSchema.safeParse(reportInputFromValues(reportValuesFromFormData(new FormData(form))))
  return parsed.success ? {} : schemas.fieldErrorsFrom(parsed.error)
}

export function ReportForm({ initialValues }: { initialValues: ReportFormValues }) {
  const [state, formAction, isPending] = useActionState<ReportFormState, FormData>(submitReportAction, {
    status: 'editing',
    values: initialValues,
    fieldErrors: {},
  })
  const formRef = useRef<HTMLFormElement>(null)
  const hydrated = useHydrated()
  const [message, setMessage] = useState(state.values.message)
  const [profile, setProfile] = useState(state.values.profile)
  // Errors found in the browser before posting; null once the server has the last word.
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null)
  const verdict = useLiveClassification(message)

  const errors = clientErrors ?? state.fieldErrors
  const errorFor = (f: ReportField) => errors[f]?.[0]
  const firstError = firstErrorField(errors)

  // After the server answers with errors, move focus to the first one (the server render uses autoFocus).
  useEffect(() => {
    const first = firstErrorField(state.fieldErrors)
    if (first) document.getElementById(fieldIds(first).input)?.focus()
  }, [state])

  if (state.status === 'received') {
    return (
      <div className="notice notice-ok" role="status">
        <h2>Merci, votre signalement a bien été envoyé.</h2>
        <p>L’établissement va l’examiner.</p>
      </div>
    )
  }

  const control = (name: ReportField, hasHint = false) => ({
    ...describedBy(name, hasHint, errorFor(name)),
    defaultValue: state.values[name],
    autoFocus: firstError === name,
  })
  const showEnt = !hydrated || entFieldsRelevant(profile, verdict?.category, state.values)
  const errorList = reportFields.filter((f) => errors[f]?.length)

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="report-form"
      onSubmit={(event) => {
        // One report per click: a second submit while the first is on its way would file it twice.
        if (isPending) {
          event.preventDefault()
          return
        }
        const form = event.currentTarget
        if (!schemaModule) {
          if (schemaUnavailable) return // the server validates
          // Not fetched yet (submitted without focusing a field): wait for it, then submit again.
          event.preventDefault()
          void loadSchema().then(() => form.requestSubmit())
          return
        }
        const found = validate(schemaModule, form)
        const first = firstErrorField(found)
        if (first) {
          event.preventDefault()
          setClientErrors(found)
          document.getElementById(fieldIds(first).input)?.focus()
        } else setClientErrors(null)
      }}
      onFocus={() => void loadSchema()}
      onChange={() => {
        // Once errors are showing, keep them in step with what is typed.
        if (errorList.length === 0) return
        void loadSchema().then((schemas) => {
          if (schemas && formRef.current) setClientErrors(validate(schemas, formRef.current))
        })
      }}
    >
      {errorList.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Le signalement n’a pas été envoyé.</strong> Corrigez {errorList.length > 1 ? 'les points suivants' : 'le point suivant'} :
          </p>
          <ul>
            {errorList.map((f) => (
              <li key={f}>
                <a href={`#${fieldIds(f).input}`}>{reportFieldLabels[f]} : {errors[f]?.[0]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <Field name="message" label={reportFieldLabels.message} required error={errorFor('message')}
        hint="Recopiez ou collez le texte exact de la page d’erreur, ou décrivez ce que vous voyez.">
        <textarea {...control('message', true)} rows={5} aria-required="true" spellCheck={false}
          onChange={(e) => setMessage(e.currentTarget.value)} />
        {hydrated ? (
          <p className={message.length > MESSAGE_MAX ? 'counter counter-over' : 'counter'}>
            {message.length} / {MESSAGE_MAX} caractères
          </p>
        ) : null}
        {hydrated ? <Suspense fallback={null}><ScreenshotReader onText={setMessage} /></Suspense> : null}
      </Field>

      {hydrated ? <LiveDiagnosis verdict={verdict} /> : null}

      <Field name="profile" label={reportFieldLabels.profile} error={errorFor('profile')}>
        <select {...control('profile')} onChange={(e) => setProfile(e.currentTarget.value)}>
          <option value="">— Choisir —</option>
          {profileCodes.map((code) => (
            <option key={code} value={code}>{profileLabels[code]}</option>
          ))}
        </select>
      </Field>

      <Field name="fullName" label={reportFieldLabels.fullName} required error={errorFor('fullName')}>
        <input type="text" {...control('fullName')} autoComplete="name" aria-required="true" />
      </Field>

      <Field name="email" label={reportFieldLabels.email} error={errorFor('email')}
        hint="Pour que l’établissement puisse vous répondre.">
        <input type="email" {...control('email', true)} autoComplete="email" inputMode="email" />
      </Field>

      <Field name="establishment" label={reportFieldLabels.establishment} error={errorFor('establishment')}
        hint="Son nom et sa ville, ou son code UAI (ex. 0951099D).">
        <input type="text" {...control('establishment', true)} autoComplete="organization" />
      </Field>

      <Field name="login" label={reportFieldLabels.login} error={errorFor('login')}
        hint="Seulement l’identifiant, jamais le mot de passe.">
        <input type="text" {...control('login', true)} autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </Field>

      <fieldset className="ent-fields" hidden={!showEnt}>
        <legend>Connexion par l’ENT {hydrated ? null : <span className="opt">(facultatif, seulement si vous passez par l’ENT)</span>}</legend>
        <p className="hint">L’ENT est le portail de votre région ou de votre établissement (ou EduConnect) par lequel vous arrivez sur PRONOTE.</p>
        <Field name="entName" label={reportFieldLabels.entName} error={errorFor('entName')} hint="Par exemple : Mon Bureau Numérique, Toutatice, EduConnect.">
          <input type="text" {...control('entName', true)} />
        </Field>
        <Field name="entLogin" label={reportFieldLabels.entLogin} error={errorFor('entLogin')}>
          <input type="text" {...control('entLogin')} autoCapitalize="none" spellCheck={false} />
        </Field>
      </fieldset>

      <Field name="url" label={reportFieldLabels.url} error={errorFor('url')}
        hint="L’adresse affichée en haut du navigateur, par exemple https://…index-education.net/pronote/parent.html">
        <input type="text" {...control('url', true)} inputMode="url" autoCapitalize="none" spellCheck={false} />
      </Field>

      {/* One stop for the date (issue 10): "just now" unless the person unfolds it to give another. */}
      <details className="fold occurred-at" open={Boolean(state.values.occurredAt) || Boolean(errorFor('occurredAt'))}>
        <summary>
          Quand est-ce arrivé ? À l’instant.&nbsp;<span className="summary-action">Indiquer une autre date</span>
        </summary>
        <Field name="occurredAt" label={reportFieldLabels.occurredAt} error={errorFor('occurredAt')}
          hint="Heure de Paris. Laissez vide si c’est à l’instant.">
          <input type="datetime-local" {...control('occurredAt', true)} />
        </Field>
      </details>

      <div className="hp" aria-hidden="true">
        <label htmlFor="field-website">Site web (ne pas remplir)</label>
        <input id="field-website" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>

      {state.status === 'editing' && state.formError && errorList.length === 0 ? (
        <p className="notice notice-error" role="alert">{state.formError}</p>
      ) : null}

      <button type="submit" className="button-primary" aria-disabled={isPending}>
        {isPending ? 'Envoi en cours…' : 'Envoyer le signalement'}
      </button>
    </form>
  )
}
