import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { DiagnosisCard } from '@/app/_components/diagnosis-card'
import { publicOriginFromHeaders } from '@/lib/http/origin'
import { trackingPath } from '@/lib/reports/dto'
import { PARIS_TIME_ZONE } from '@/lib/time/paris'
import { getTrackedReport } from '@/lib/reports/queries'
import { AfterResolution, IncidentNotice } from './after-resolution'

// The private tracking page: the token in its URL is the only key, so it is kept out of search
// engines and of Referer headers sent to other sites ('same-origin': see proxy.ts for why not
// 'no-referrer').
export const metadata: Metadata = {
  title: 'Suivi de votre signalement',
  robots: 'noindex',
  referrer: 'same-origin',
}
export const dynamic = 'force-dynamic'

type SearchParams = Record<string, string | string[] | undefined>
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: PARIS_TIME_ZONE })

export default async function TrackingPage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>
  searchParams: Promise<SearchParams>
}) {
  const { reference } = await params
  const query = await searchParams
  const token = first(query.t)
  const result = await getTrackedReport(reference, token)
  if (!result.ok || !token) notFound()
  const report = result.value
  const isNew = first(query.nouveau) === '1'
  const link = new URL(trackingPath(report.reference, token), publicOriginFromHeaders(await headers())).href

  return (
    <main className="container">
      <p className="brand">Relais</p>
      {isNew ? (
        <section className="notice notice-ok" role="status" aria-labelledby="confirmation-title">
          <h2 id="confirmation-title">Votre signalement est enregistré</h2>
          <p>
            Votre référence : <strong className="reference">{report.reference}</strong>
          </p>
          <p>
            Gardez ce lien privé (ajoutez-le à vos favoris) : c’est lui qui permet de suivre votre demande. Ne le partagez pas.
          </p>
          <label htmlFor="tracking-link" className="visually-hidden">Lien de suivi privé</label>
          <input id="tracking-link" className="tracking-link" type="text" readOnly value={link} />
        </section>
      ) : null}

      <h1>Signalement {report.reference}</h1>
      {report.incident ? <IncidentNotice incident={report.incident} /> : null}
      <dl className="facts">
        <div>
          <dt>État</dt>
          <dd><span className={`status status-${report.status.toLowerCase()}`}>{report.statusLabel}</span></dd>
        </div>
        <div>
          <dt>Envoyé le</dt>
          <dd>{dateFormat.format(report.createdAt)}</dd>
        </div>
        <div>
          <dt>Problème survenu le</dt>
          <dd>{dateFormat.format(report.occurredAt)}</dd>
        </div>
        <div>
          <dt>Dernière mise à jour</dt>
          <dd>{dateFormat.format(report.updatedAt)}</dd>
        </div>
        {report.closedAt ? (
          <div>
            <dt>Clos le</dt>
            <dd>{dateFormat.format(report.closedAt)}</dd>
          </div>
        ) : null}
      </dl>

      {report.publicMessage ? (
        <section className="notice notice-info" aria-labelledby="public-message-title">
          <h2 id="public-message-title">Message de l’établissement</h2>
          <p className="public-message">{report.publicMessage}</p>
        </section>
      ) : null}

      <AfterResolution report={report} token={token} answer={first(query.reponse)} />

      <section className="card" aria-label="Diagnostic">
        <p className="live-title">Diagnostic</p>
        <DiagnosisCard diagnosis={report.diagnosis} />
      </section>

      <p>
        <Link href="/">Signaler un autre problème</Link>
      </p>
    </main>
  )
}
