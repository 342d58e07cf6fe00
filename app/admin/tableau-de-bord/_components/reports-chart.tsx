import { categoryColours } from '@/lib/catalogue/colours'
import { categoryCodes } from '@/lib/catalogue/types'
import type { Dashboard } from '@/lib/stats/queries'
import { seriesTable } from '@/lib/stats/tables'
import { labelForCategory } from '@/lib/tickets/labels'
import { PARIS_TIME_ZONE } from '@/lib/time/paris'
import styles from '../dashboard.module.css'
import { DataDisclosure } from './data-table'
import { StackedBars } from './stacked-bars'

const axisFormat = {
  hour: new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: '2-digit' }),
  day: new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, day: '2-digit', month: '2-digit' }),
}
const numberFormat = new Intl.NumberFormat('fr-FR')
const openedFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' })

/** Reports over time, stacked by category, with its legend, its table and its CSV. */
export function ReportsChart({ dashboard: d, period, csvHref }: { dashboard: Dashboard; period: string; csvHref: string }) {
  const total = categoryCodes.reduce((sum, c) => sum + d.totals[c], 0)
  const caption = `Signalements reçus ${d.query.bucket === 'hour' ? 'par heure' : 'par jour'}, par catégorie, ${period} (heure de Paris)`
  const buckets = d.series.map((s) => ({
    label: d.query.bucket === 'hour' ? `${axisFormat.hour.format(new Date(s.start))} h` : axisFormat.day.format(new Date(s.start)),
    values: s.counts,
  }))
  // Open incidents, marked where they opened (at the start when they opened before the period).
  const starts = d.series.map((s) => Date.parse(s.start))
  const marks = d.incidents.map((incident, i) => {
    const at = Date.parse(incident.openedAt)
    const index = Math.max(0, starts.findLastIndex((start) => start <= at))
    return { index, label: `Incident ${i + 1}` }
  })
  return (
    <section aria-labelledby="reports-title" className={styles.section}>
      <h2 id="reports-title">Signalements reçus</h2>
      <p>
        <strong>{numberFormat.format(total)}</strong> signalement{total > 1 ? 's' : ''} {period}.
      </p>
      <figure>
        <StackedBars
          label={`${caption}. Les chiffres sont dans le tableau « Voir les données ».`}
          keys={categoryCodes}
          colours={categoryColours}
          buckets={buckets}
          marks={marks}
        />
        <figcaption>{caption}</figcaption>
        <ul className={styles.legend} aria-label="Légende">
          {categoryCodes.map((c) => (
            <li key={c}>
              <span className="swatch" style={{ background: categoryColours[c] }} aria-hidden="true" />
              {labelForCategory(c)} ({numberFormat.format(d.totals[c])})
            </li>
          ))}
        </ul>
      </figure>
      {d.incidents.length > 0 ? (
        <>
          <h3>Incidents ouverts (traits pointillés sur le graphique)</h3>
          <ol>
            {d.incidents.map((incident) => (
              <li key={incident.id}>
                <a href={`/admin/incidents/${encodeURIComponent(incident.id)}`}>{labelForCategory(incident.category)}</a>, ouvert le{' '}
                {openedFormat.format(new Date(incident.openedAt))}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <DataDisclosure table={seriesTable(d)} caption={caption} csvHref={csvHref} />
    </section>
  )
}
