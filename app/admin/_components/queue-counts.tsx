import { categoryColours } from '@/lib/catalogue/colours'
import { categoryCodes } from '@/lib/catalogue/types'
import type { CappedCount, TicketFacets } from '@/lib/tickets/dto'
import { labelForCategory } from '@/lib/tickets/labels'
import { queueHref, type QueueParams } from '@/lib/tickets/queue-url'
import { statusLabels, ticketStatuses } from '@/lib/tickets/status'
import styles from './queue.module.css'

const numberFormat = new Intl.NumberFormat('fr-FR')

export function formatCount(c: CappedCount): string {
  return `${numberFormat.format(c.count)}${c.capped ? '+' : ''}`
}

export function QueueCounts({ params, facets }: { params: QueueParams; facets: TicketFacets }) {
  return (
    <section aria-labelledby="counts-title">
      <h2 id="counts-title" className="visually-hidden">Répartition</h2>
      <nav aria-label="Par statut">
        <ul className={styles.facets}>
          <li><a href={queueHref(params, { status: undefined })} aria-current={!params.status}>Tous les statuts</a></li>
          {ticketStatuses.map((s) => (
            <li key={s}>
              <a href={queueHref(params, { status: s })} aria-current={params.status === s}>
                {statusLabels[s]} ({formatCount(facets.byStatus[s])})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Par catégorie">
        <ul className={styles.facets}>
          <li><a href={queueHref(params, { category: undefined })} aria-current={!params.category}>Toutes les catégories</a></li>
          {categoryCodes.map((c) => (
            <li key={c}>
              <a href={queueHref(params, { category: c })} aria-current={params.category === c}>
                <span className="swatch" style={{ background: categoryColours[c] }} aria-hidden="true" /> {labelForCategory(c)} ({formatCount(facets.byCategory[c])})
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  )
}
