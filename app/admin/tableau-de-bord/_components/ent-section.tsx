import type { EntFailureStats } from '@/lib/ent-failures/dto'
import { formatDuration } from '@/lib/ent-failures/stats'
import styles from '../dashboard.module.css'

/** The ENT identity figures (the same as on the ENT failures page, which keeps the detail). */
export function EntSection({ stats }: { stats: EntFailureStats }) {
  const figures: [string, string | number][] = [
    ['À traiter', stats.open],
    ['Mis en relation', stats.linked],
    ['Sans compte correspondant', stats.rejected],
    ['Délai médian de mise en relation', formatDuration(stats.medianLinkMs)],
    ['Délai pour 90 % des cas', formatDuration(stats.p90LinkMs)],
  ]
  return (
    <section aria-labelledby="ent-title" className={styles.section}>
      <h2 id="ent-title">Identités ENT</h2>
      <dl className={styles.figures}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/admin/echecs-interconnexion">Voir les échecs d’interconnexion</a> ·{' '}
        <a href="/api/admin/ent-failures/export" download>Télécharger ces chiffres (CSV)</a>
      </p>
    </section>
  )
}
