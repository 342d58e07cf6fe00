'use client'

import { useActionState } from 'react'
import { describedBy, Field } from '@/app/_components/field'
import { espaceCodes, espaceLabels, type SchoolSettings } from '@/lib/settings/schemas'
import { updateSettingsAction } from '../actions-settings'
import styles from '../_shell/shell.module.css'
import { initialFormState } from '../comptes/form-state'
import { FormNotice } from '@/app/_components/form-notice'

const EMPTY_HELP_ROWS = 3

export function SettingsForm({ settings }: { settings: SchoolSettings }) {
  const [state, action, pending] = useActionState(updateSettingsAction, initialFormState)
  const err = (name: string) => state.fieldErrors?.[name]?.[0]
  const helpRows = [...settings.helpLinks, ...Array.from({ length: EMPTY_HELP_ROWS }, () => ({ label: '', url: '' }))]
  const input = (name: string, type: 'text' | 'url', defaultValue: string, hint = false) => (
    <input {...describedBy(name, hint, err(name))} type={type} defaultValue={state.values?.[name] ?? defaultValue} />
  )

  return (
    <form action={action} className={styles.form}>
      <FormNotice ok={state.ok} message={state.message} />

      <fieldset className="card">
        <legend>Établissement</legend>
        <Field name="establishmentName" label="Nom de l’établissement" error={err('establishmentName')}>
          {input('establishmentName', 'text', settings.establishmentName)}
        </Field>
        <Field name="uai" label="UAI (ex-RNE)" hint="7 chiffres suivis d’une lettre, par exemple 0951099D." error={err('uai')}>
          {input('uai', 'text', settings.uai, true)}
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>Adresses PRONOTE.net de chaque Espace</legend>
        <p className="hint">
          L’adresse exacte de chaque Espace, par exemple https://0951099d.index-education.net/pronote/parent.html. Laissez vide
          un Espace que l’établissement n’ouvre pas.
        </p>
        {espaceCodes.map((code) => (
          <Field key={code} name={`espaceUrls.${code}`} label={espaceLabels[code]} error={err(`espaceUrls.${code}`)}>
            {input(`espaceUrls.${code}`, 'url', settings.espaceUrls[code] ?? '')}
          </Field>
        ))}
      </fieldset>

      <fieldset className="card">
        <legend>Hébergement</legend>
        <Field name="hostingConsoleUrl" label="Adresse de la console d’hébergement" error={err('hostingConsoleUrl')}>
          {input('hostingConsoleUrl', 'url', settings.hostingConsoleUrl)}
        </Field>
      </fieldset>

      <fieldset className="card">
        <legend>Pages d’aide pour les utilisateurs</legend>
        <p className="hint">Chaque lien apparaît avec son libellé. Une ligne laissée vide est ignorée.</p>
        {helpRows.map((link, i) => (
          <div key={i} className={styles.row}>
            <Field name={`helpLinks.${i}.label`} label={`Libellé du lien ${i + 1}`} error={err(`helpLinks.${i}.label`)}>
              {input(`helpLinks.${i}.label`, 'text', link.label)}
            </Field>
            <Field name={`helpLinks.${i}.url`} label={`Adresse du lien ${i + 1}`} error={err(`helpLinks.${i}.url`)}>
              {input(`helpLinks.${i}.url`, 'url', link.url)}
            </Field>
          </div>
        ))}
      </fieldset>

      <button type="submit" className="button-primary" aria-disabled={pending}>
        {pending ? 'Enregistrement…' : 'Enregistrer les paramètres'}
      </button>
    </form>
  )
}
