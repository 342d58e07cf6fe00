import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { getEntFailure, getEntFailureStats, listEntFailures } from '@/lib/ent-failures/queries'
import { entFailureStatusLabels, entFailureStatuses, type EntFailureStatus } from '@/lib/ent-failures/schemas'
import { DecisionOutcome } from './_components/decision-outcome'
import { FailureDetail } from './_components/failure-detail'
import { FailureList } from './_components/failure-list'
import { StatsPanel } from './_components/stats-panel'
import styles from './_components/ent.module.css'

export const metadata: Metadata = { title: 'Échecs d’interconnexion ENT' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

export default async function EntFailuresPage({ searchParams }: Props) {
  const viewer = await requireViewer('AGENT', '/admin/echecs-interconnexion')
  const params = await searchParams
  const failureId = single(params.failure)
  const decidedId = single(params.decided)
  const [detail, decided] = await Promise.all([
    failureId ? getEntFailure(viewer, failureId) : null,
    decidedId ? getEntFailure(viewer, decidedId, 0) : null,
  ])
  const requested = single(params.status)
  const status: EntFailureStatus = (entFailureStatuses as readonly string[]).includes(requested ?? '')
    ? (requested as EntFailureStatus)
    : detail?.ok
      ? detail.value.status
      : 'OPEN'
  const cursor = single(params.cursor)
  const [list, stats] = await Promise.all([listEntFailures(viewer, { status, cursor, limit: 30 }, 0), getEntFailureStats(viewer)])
  // eslint-disable-next-line react-hooks/purity -- server component: "now" is the time of this render
  const now = Date.now()

  return (
    <main className="container" style={{ maxWidth: 1100 }}>
      <h1>Résolution des échecs d’interconnexion ENT</h1>
      <div className="notice notice-info">
        <p>
          Dans PRONOTE : <span className={styles.path}>Communication &gt; Gestion des identités &gt; Résolution des échecs d’interconnexion</span>.
        </p>
        <p>
          Relais garde la trace de vos décisions, mais la mise en relation doit <strong>aussi être faite dans PRONOTE</strong> : rattachez
          l’identité ENT au bon utilisateur, puis enregistrez-la ici. Si la personne n’existe pas encore dans PRONOTE, créez-la d’abord.
        </p>
        <p>
          Les candidats proposés viennent de l’<a href="/admin/annuaire">annuaire PRONOTE importé</a>.
        </p>
      </div>
      {stats.ok ? <StatsPanel stats={stats.value} now={now} /> : null}

      <nav aria-label="Statut des échecs">
        <ul className={styles.tabs}>
          {entFailureStatuses.map((s) => (
            <li key={s}>
              <a href={`?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {entFailureStatusLabels[s]}
                {stats.ok ? ` (${{ OPEN: stats.value.open, LINKED: stats.value.linked, REJECTED: stats.value.rejected, CLOSED: stats.value.closed }[s]})` : ''}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {/* The detail comes first in reading order: on a phone the decision form is not below the whole
          list (issue 10); on a wide screen the grid still shows the list on the left. */}
      <div className={styles.layout}>
        <div className={styles.detailColumn}>
          {decided?.ok ? <DecisionOutcome decided={decided.value} nextName={detail?.ok ? detail.value.fullName : null} /> : null}
          {detail && !detail.ok ? (
            <p className="notice notice-error" role="alert">
              Cet échec d’interconnexion est introuvable. Choisissez-en un dans la liste.
            </p>
          ) : detail?.ok ? (
            <FailureDetail failure={detail.value} now={now} />
          ) : (
            <p className="notice">Choisissez un échec dans la liste pour voir les comptes PRONOTE candidats et décider.</p>
          )}
        </div>
        <section aria-labelledby="list-title" className={styles.listColumn}>
          <h2 id="list-title">{entFailureStatusLabels[status]}, les plus anciens d’abord</h2>
          {!list.ok ? (
            <p className="notice notice-error" role="alert">
              La liste n’a pas pu être chargée. <a href="/admin/echecs-interconnexion">Revenir au début</a>
            </p>
          ) : list.value.items.length === 0 ? (
            <p className="notice">
              {status === 'OPEN'
                ? 'Aucun échec d’interconnexion à traiter. Les nouvelles demandes « Identification impossible » apparaîtront ici.'
                : 'Aucun échec dans cet état pour l’instant.'}
            </p>
          ) : (
            <>
              <FailureList items={list.value.items} status={status} selectedId={failureId} now={now} />
              {list.value.nextCursor ? (
                <p>
                  <a href={`?status=${status}&cursor=${encodeURIComponent(list.value.nextCursor)}`}>Échecs suivants</a>
                </p>
              ) : null}
            </>
          )}
        </section>
      </div>
    </main>
  )
}
