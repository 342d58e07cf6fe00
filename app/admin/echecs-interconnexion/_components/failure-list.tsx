import type { EntFailureListItem } from '@/lib/ent-failures/dto'
import { ageOf, profileLabel } from './labels'
import styles from './ent.module.css'

export function FailureList({ items, status, selectedId, now }: { items: EntFailureListItem[]; status: string; selectedId?: string; now: number }) {
  return (
    <ul className={styles.list}>
      {items.map((f) => (
        <li key={f.id} className={styles.item}>
          <a href={`?status=${status}&failure=${encodeURIComponent(f.id)}`} aria-current={f.id === selectedId ? 'true' : undefined}>
            <span className={styles.itemName}>{f.fullName}</span>
            <span className={styles.meta}>
              {profileLabel(f.profile)} · {f.establishment ?? 'établissement non précisé'} · {f.reportCount} signalement{f.reportCount > 1 ? 's' : ''} ·{' '}
              {ageOf(f.firstReportedAt, now)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
