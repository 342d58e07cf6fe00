import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { DiagnosisCard } from '@/app/_components/diagnosis-card'
import { publicOrigin } from '@/lib/http/public-origin'
import { trackingUrl } from '@/lib/mail/links'
import { PARIS_TIME_ZONE } from '@/lib/time/paris'
import { getTrackedReport } from '@/lib/reports/queries'
import { AfterResolution, IncidentNotice } from './after-resolution'
import { Confirmation } from './confirmation'

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
  // Once the ticket is closed, the outcome and the school's message lead; the first-aid steps of the
  // diagnosis ("commencez par…") step back into a folded reminder (issue 10).
  const closed = report.closedAt !== null || report.status === 'RESOLVED' || report.status === 'REJECTED'
  const link = trackingUrl(publicOrigin(await headers()), report.reference, token)

  return (
    <main className="container">
      <p className="brand">Relais</p>
      {isNew ? <Confirmation reference={report.reference} link={link} /> : null}

      <h1>Signalement {report.reference}</h1>
      {report.incident ? <IncidentNotice incident={report.incident} /> : null}
      {closed ? (
        <section className={`notice ${report.status === 'RESOLVED' ? 'notice-ok' : 'notice-info'}`} aria-labelledby="outcome-title">
          <h2 id="outcome-title">{report.status === 'RESOLVED' ? 'Votre demande est résolue' : 'Votre demande est close'}</h2>
          {report.publicMessage ? (
            <>
              <h3>Message de l’établissement</h3>
              <p className="public-message">{report.publicMessage}</p>
            </>
          ) : (
            <p>L’établissement n’a pas laissé de message. Si vous êtes toujours bloqué·e, faites un nouveau signalement.</p>
          )}
        </section>
      ) : null}
      <AfterResolution report={report} token={token} answer={first(query.reponse)} />

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

      {!closed && report.publicMessage ? (
        <section className="notice notice-info" aria-labelledby="public-message-title">
          <h2 id="public-message-title">Message de l’établissement</h2>
          <p className="public-message">{report.publicMessage}</p>
        </section>
      ) : null}

      {closed ? (
        <details className="card fold">
          <summary>Rappel du diagnostic initial</summary>
          <DiagnosisCard diagnosis={report.diagnosis} />
        </details>
      ) : (
        <section className="card" aria-label="Diagnostic">
          <p className="live-title">Diagnostic</p>
          <DiagnosisCard diagnosis={report.diagnosis} />
        </section>
      )}

      <p>
        <Link href="/">Signaler un autre problème</Link>
      </p>
    </main>
  )
}
