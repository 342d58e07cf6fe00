import type { EntFailureStats } from '@/lib/ent-failures/dto'
import { formatDuration } from '@/lib/ent-failures/stats'
import { ageOf } from './labels'
import styles from './ent.module.css'

export function StatsPanel({ stats, now }: { stats: EntFailureStats; now: number }) {
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Suivi</h2>
      <dl className={styles.stats}>
        <div>
          <dt>À traiter</dt>
          <dd>{stats.open}</dd>
        </div>
        <div>
          <dt>Mis en relation</dt>
          <dd>{stats.linked}</dd>
        </div>
        <div>
          <dt>Sans compte correspondant</dt>
          <dd>{stats.rejected}</dd>
        </div>
        <div>
          <dt>Délai médian de mise en relation</dt>
          <dd>{formatDuration(stats.medianLinkMs)}</dd>
        </div>
        <div>
          <dt>Délai pour 90 % des cas</dt>
          <dd>{formatDuration(stats.p90LinkMs)}</dd>
        </div>
        <div>
          <dt>Plus ancien à traiter</dt>
          <dd>
            {stats.oldestOpen ? (
              <a href={`/admin/echecs-interconnexion?failure=${encodeURIComponent(stats.oldestOpen.id)}`}>
                {stats.oldestOpen.fullName}, {ageOf(stats.oldestOpen.firstReportedAt, now)}
              </a>
            ) : (
              'aucun'
            )}
          </dd>
        </div>
      </dl>
      <p>
        Exporter (CSV) : <a href="/api/admin/ent-failures/export">les chiffres de suivi</a> ·{' '}
        <a href="/api/admin/ent-failures/export?view=failures">la liste des échecs</a>
      </p>
    </section>
  )
}
