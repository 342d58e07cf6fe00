import type { Backlog } from '@/lib/stats/queries'
import type { DataTable } from '@/lib/stats/tables'
import { ageBrackets, ageLabels, type AgeBracket } from '@/lib/tickets/age'
import { queueHref } from '@/lib/tickets/queue-url'
import { statusLabels } from '@/lib/tickets/status'
import styles from '../dashboard.module.css'

const numberFormat = new Intl.NumberFormat('fr-FR')

/** Open tickets now by status and age: every figure opens the queue filtered on it. */
export function BacklogSection({ backlog, table, csvHref }: { backlog: Backlog; table: DataTable; csvHref: string }) {
  const statuses = Object.keys(backlog.matrix) as (keyof Backlog['matrix'])[]
  const total = statuses.reduce((sum, s) => sum + backlog.byStatus[s], 0)
  const link = (n: number, label: string, status?: string, age?: AgeBracket) => (
    <a href={queueHref({}, { status, age })} aria-label={`${numberFormat.format(n)} ${label} : voir dans la file`}>
      {numberFormat.format(n)}
    </a>
  )
  return (
    <section aria-labelledby="backlog-title" className={styles.section}>
      <h2 id="backlog-title">File ouverte maintenant</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Signalements ouverts par statut et par ancienneté">
        <table className="data-table">
          <caption>{`Signalements ouverts par statut et par ancienneté (${numberFormat.format(total)} en tout)`}</caption>
          <thead>
            <tr>{table.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
          </thead>
          <tbody>
            {statuses.map((s) => (
              <tr key={s}>
                <th scope="row">{statusLabels[s]}</th>
                {ageBrackets.map((a) => (
                  <td key={a}>{link(backlog.matrix[s][a], `« ${statusLabels[s]} » reçus il y a ${ageLabels[a]}`, s, a)}</td>
                ))}
                <td>{link(backlog.byStatus[s], `« ${statusLabels[s]} »`, s)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              {ageBrackets.map((a) => (
                <td key={a}>{link(backlog.byAge[a], `ouverts reçus il y a ${ageLabels[a]}`, undefined, a)}</td>
              ))}
              <td>{numberFormat.format(total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p><a href={csvHref} download>Télécharger ce tableau (CSV)</a></p>
    </section>
  )
}
