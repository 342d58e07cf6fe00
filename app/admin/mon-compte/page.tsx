import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { getMailPreferences } from '@/lib/mail/preferences'
import { saveMailPreferencesAction } from '../actions-mail'

export const metadata: Metadata = { title: 'Mon compte' }

export default async function MyAccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer(undefined, '/admin/mon-compte')
  const preferences = await getMailPreferences(viewer)
  const saved = (await searchParams).enregistre === '1'
  return (
    <main className="container">
      <h1>Mon compte</h1>
      <p className="lead">
        Connecté·e en tant que {viewer.name} ({viewer.email}).
      </p>
      {saved ? (
        <p className="notice notice-ok" role="status">
          Préférences enregistrées.
        </p>
      ) : null}
      <form action={saveMailPreferencesAction}>
        <fieldset className="card">
          <legend>E-mails que je reçois</legend>
          <p className="field">
            <label>
              <input type="checkbox" name="incidentAlerts" defaultChecked={preferences.incidentAlerts} /> Une alerte quand un
              incident touche beaucoup de personnes
            </label>
          </p>
          <p className="field">
            <label>
              <input type="checkbox" name="dailyDigest" defaultChecked={preferences.dailyDigest} /> Un récapitulatif des
              signalements ouverts, chaque matin
            </label>
          </p>
        </fieldset>
        <button type="submit" className="button-primary">
          Enregistrer
        </button>
      </form>
    </main>
  )
}
