'use client'

import { useSyncExternalStore, type ChangeEvent } from 'react'
import styles from './queue.module.css'

const noopSubscribe = () => () => {}

/**
 * "Tout sélectionner" for the tickets shown on this page: a checkbox that checks every checkbox of
 * the bulk form once React runs; before that (or without JavaScript), a link to this page with
 * every box checked (`tout=1`).
 */
export function SelectAll({ formId, href, allSelected }: { formId: string; href: string; allSelected: boolean }) {
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false)
  if (!hydrated) {
    return (
      <a href={href} className={styles.selectAll}>
        {allSelected ? 'Tout désélectionner' : 'Tout sélectionner sur cette page'}
      </a>
    )
  }
  const toggle = (event: ChangeEvent<HTMLInputElement>) => {
    const boxes = document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${formId}"][name="items"]`)
    for (const box of boxes) box.checked = event.currentTarget.checked
  }
  return (
    <label className={styles.selectAll}>
      <input type="checkbox" onChange={toggle} defaultChecked={allSelected} />
      Tout sélectionner sur cette page
    </label>
  )
}
