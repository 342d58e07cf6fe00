import { listPublicIncidents } from '@/lib/incidents/queries'
import { emptyReportValues, prefillFromSearchParams } from '@/lib/reports/form'
import { IncidentNotices } from './_components/incident-notices'
import { ReportForm } from './report-form'

// Prefill parameters make this page per-request.
export const dynamic = 'force-dynamic'

export default async function ReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initialValues = {
    ...emptyReportValues(),
    ...prefillFromSearchParams(await searchParams),
  }
  return (
    <main className="container">
      <header className="page-header">
        <p className="brand">Relais</p>
        <h1>Vous n’arrivez pas à vous connecter à PRONOTE ?</h1>
        <p className="lead">
          Indiquez le message que vous voyez : nous vous disons tout de suite ce qu’il signifie et ce que vous pouvez faire,
          et votre demande est transmise à l’établissement.
        </p>
      </header>
      <p className="notice notice-warn">
        <strong>Nous ne vous demanderons jamais votre mot de passe.</strong> Ne l’écrivez nulle part dans ce formulaire.
      </p>
      {/* The same list GET /api/incidents serves: no personal data. */}
      <IncidentNotices incidents={await listPublicIncidents()} />
      <ReportForm initialValues={initialValues} />
    </main>
  )
}
