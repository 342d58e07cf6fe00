import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { getSchoolSettings } from '@/lib/settings/queries'
import { SettingsForm } from './settings-form'

export const metadata: Metadata = { title: 'Paramètres' }

export default async function SettingsPage() {
  await requireViewer('ADMIN', '/admin/parametres')
  const settings = await getSchoolSettings()
  return (
    <main className="container">
      <h1>Paramètres de l’établissement</h1>
      <p className="lead">
        Ces informations servent à reconnaître les adresses PRONOTE erronées et à orienter les personnes vers la bonne page.
      </p>
      <SettingsForm settings={settings} />
    </main>
  )
}
