import { profileLabels } from '@/lib/catalogue/types'
import { formatParisDateTime } from '@/lib/tickets/dates'
import type { TicketSummary } from '@/lib/tickets/dto'
import { labelForCategory } from '@/lib/tickets/labels'
import { statusLabels } from '@/lib/tickets/status'
import { BULK_FORM_ID } from './bulk-form'
import styles from './queue.module.css'

// Each checkbox belongs to the bulk form (by id) and carries the version shown on screen.

export function TicketList({ items, allSelected = false }: { items: TicketSummary[]; allSelected?: boolean }) {
  return (
    <ul className={styles.list} aria-label="Signalements" id="signalements" tabIndex={-1}>
      {items.map((t) => (
        <li key={t.reference} className={styles.item}>
          <label className={styles.check}>
            <input
              type="checkbox"
              form={BULK_FORM_ID}
              name="items"
              value={`${t.reference}:${t.version}`}
              id={`sel-${t.reference}`}
              aria-label={`Sélectionner ${t.reference}`}
              defaultChecked={allSelected}
            />
          </label>
          <div className={styles.itemMain}>
            <div className={styles.itemTop}>
              <a href={`/admin/tickets/${encodeURIComponent(t.reference)}`} className={`reference ${styles.refLink}`}>{t.reference}</a>
              <span className={`status status-${t.status.toLowerCase()}`}>{statusLabels[t.status]}</span>
              <strong>{labelForCategory(t.category)}</strong>
            </div>
            <div className={styles.meta}>
              <span>{t.fullName}</span>
              <span>{profileLabels[t.profile] ?? t.profile}</span>
              {t.establishment ? <span>{t.establishment}</span> : null}
              <span>{t.assignee ? `Attribué à ${t.assignee.name}` : 'Non attribué'}</span>
              <span>Reçu le {formatParisDateTime(t.createdAt)}</span>
              <span>Mis à jour le {formatParisDateTime(t.updatedAt)}</span>
              {t.priority > 0 ? <span>Priorité {t.priority}</span> : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  )
}
