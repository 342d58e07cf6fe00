import type { Metadata } from 'next'
import { Suspense } from 'react'
import type { Viewer } from '@/lib/auth/viewer'
import { requireViewer } from '@/lib/auth/session'
import { listQueueIncidents } from '@/lib/incidents/queries'
import { listAssignableStaff } from '@/lib/tickets/detail'
import { countTicketFacets } from '@/lib/tickets/facets'
import { listTickets } from '@/lib/tickets/list'
import { categoryOptions } from '@/lib/tickets/labels'
import { queueHref, queueParamsFrom, type QueueParams } from '@/lib/tickets/queue-url'
import { filterFromQuery, ticketListQuerySchema, type TicketFilter } from '@/lib/tickets/schemas'
import { BulkForm } from './_components/bulk-form'
import { OpenIncidents } from './_components/open-incidents'
import { QueueCounts, formatCount } from './_components/queue-counts'
import { QueueFilters } from './_components/queue-filters'
import { TicketList } from './_components/ticket-list'
import styles from './_components/queue.module.css'

export const metadata: Metadata = { title: 'Signalements' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * The counts stream in after the list: when they are not cached (every 15 s, or after a change) they
 * are the slowest part of the page, and the agent should not wait for them to see the tickets.
 */
async function Facets({ viewer, params, filter }: { viewer: Viewer; params: QueueParams; filter: TicketFilter }) {
  const facets = await countTicketFacets(viewer, filter)
  return (
    <>
      <p aria-live="polite">
        <strong>{formatCount(facets.total)}</strong> signalement{facets.total.count > 1 ? 's' : ''} pour ces filtres.
      </p>
      <QueueCounts params={params} facets={facets} />
    </>
  )
}

export default async function QueuePage({ searchParams }: Props) {
  const viewer = await requireViewer('AGENT', '/admin')
  const raw = await searchParams
  const params = queueParamsFrom(raw)
  // Without JavaScript, "tout sélectionner" is a link to this same page with every box checked.
  const allSelected = raw.tout === '1'
  const pageHref = queueHref(params, { cursor: params.cursor })
  const selectAllHref = `${pageHref}${pageHref.includes('?') ? '&' : '?'}tout=1`
  const [page, staff, incidents] = await Promise.all([
    listTickets(viewer, params),
    listAssignableStaff(viewer),
    params.cursor ? [] : listQueueIncidents(viewer), // on the first page only
  ])
  const errors = page.ok ? {} : (page.fieldErrors ?? {})
  const query = ticketListQuerySchema.safeParse(params)
  const filter = page.ok && query.success ? filterFromQuery(query.data) : null

  return (
    <main className="container" style={{ maxWidth: 1100 }}>
      <h1>Signalements</h1>
      <OpenIncidents incidents={incidents} />
      <QueueFilters params={params} staff={staff} errors={errors} />
      {!page.ok ? (
        <div className="notice notice-error" role="alert">
          <p>Certains filtres sont invalides : corrigez-les ci-dessus ou <a href="/admin">réinitialisez les filtres</a>.</p>
        </div>
      ) : (
        <>
          {filter ? (
            <Suspense fallback={<p className="hint">Décompte des signalements…</p>}>
              <Facets viewer={viewer} params={params} filter={filter} />
            </Suspense>
          ) : null}
          {page.value.items.length === 0 ? (
            <div className="notice notice-info">
              <p>
                {params.cursor
                  ? 'Il n’y a plus de signalement après cette page.'
                  : 'Aucun signalement ne correspond à ces filtres.'}{' '}
                <a href="/admin">Voir tous les signalements</a>
              </p>
            </div>
          ) : (
            <>
              <BulkForm staff={staff} categories={categoryOptions} selectAllHref={allSelected ? pageHref : selectAllHref} allSelected={allSelected} />
              <TicketList items={page.value.items} allSelected={allSelected} />
            </>
          )}
          <nav className={styles.pager} aria-label="Pagination">
            {params.cursor ? <a href={queueHref(params)}>Revenir à la première page</a> : null}
            {page.value.nextCursor ? (
              <a href={queueHref(params, { cursor: page.value.nextCursor })} rel="next">Page suivante</a>
            ) : null}
          </nav>
        </>
      )}
    </main>
  )
}
