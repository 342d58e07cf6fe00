import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { getEntFailureStats } from '@/lib/ent-failures/queries'
import { getDashboard } from '@/lib/stats/queries'
import { periodFromParams, periodSearch } from '@/lib/stats/period'
import { periodLabels } from '@/lib/stats/schemas'
import { backlogTable, lastYearTable, selfHelpTable, serviceTable } from '@/lib/stats/tables'
import { BacklogSection } from './_components/backlog-section'
import { Table } from './_components/data-table'
import { EntSection } from './_components/ent-section'
import { PeriodForm } from './_components/period-form'
import { ReportsChart } from './_components/reports-chart'
import styles from './dashboard.module.css'

export const metadata: Metadata = { title: 'Tableau de bord' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const csvHref = (search: string, table: string) => `/api/admin/stats/export?${search}&table=${table}`

// The landing page after sign-in (issue 16): the period lives in the URL, everything is rendered on
// the server (charts as SVG), so it works without JavaScript and prints as shown.
export default async function DashboardPage({ searchParams }: Props) {
  const viewer = await requireViewer('AGENT', '/admin/tableau-de-bord')
  const chosen = periodFromParams(await searchParams, new Date())
  const [dashboard, ent] = await Promise.all([getDashboard(viewer, chosen.query), getEntFailureStats(viewer)])
  if (!dashboard.ok) throw new Error(`dashboard: ${dashboard.code}`)
  const d = dashboard.value
  const search = periodSearch(d.query)
  const period = chosen.preset === 'custom' ? `du ${d.query.from} au ${d.query.to}` : periodLabels[chosen.preset].toLowerCase()

  return (
    <main className={`container ${styles.dashboard}`}>
      <h1>Tableau de bord</h1>
      <PeriodForm preset={chosen.preset} from={d.query.from} to={d.query.to} error={chosen.error} />

      <ReportsChart dashboard={d} period={period} csvHref={csvHref(search, 'series')} />

      <BacklogSection table={backlogTable(d)} backlog={d.backlog} csvHref={csvHref(search, 'backlog')} />

      <section aria-labelledby="service-title" className={styles.section}>
        <h2 id="service-title">Service par catégorie</h2>
        <p className="hint">
          Signalements reçus {period}. Délais en minutes depuis la réception ; « 90 % » : délai tenu pour 9 signalements sur
          10. « Confirmés » : la personne a répondu « ça marche » après la résolution. Signalements par
          personne : sur les 20 000 derniers signalements de la période au plus.
        </p>
        <Table table={serviceTable(d)} caption={`Service par catégorie, ${period}`} />
        <p><a href={csvHref(search, 'service')} download>Télécharger ce tableau (CSV)</a></p>
      </section>

      <section aria-labelledby="self-help-title" className={styles.section}>
        <h2 id="self-help-title">Auto-dépannage</h2>
        <Table table={selfHelpTable(d)} caption={`Ce que les personnes peuvent régler seules, ${period}`} />
        <p><a href={csvHref(search, 'self-help')} download>Télécharger ce tableau (CSV)</a></p>
      </section>

      <section aria-labelledby="last-year-title" className={styles.section}>
        <h2 id="last-year-title">Par rapport à l’an dernier</h2>
        {d.lastYear ? (
          <>
            <Table table={lastYearTable(d)} caption={`Signalements par catégorie, ${period} et mêmes jours un an plus tôt`} />
            <p><a href={csvHref(search, 'last-year')} download>Télécharger ce tableau (CSV)</a></p>
          </>
        ) : (
          <p>Aucun signalement enregistré sur les mêmes jours l’an dernier : pas de comparaison possible.</p>
        )}
      </section>

      {ent.ok ? <EntSection stats={ent.value} /> : null}
    </main>
  )
}
