'use client'

import { useSyncExternalStore, type ChangeEvent } from 'react'
import styles from './queue.module.css'

const noopSubscribe = () => () => {}

/**
 * "Tout sélectionner" for the tickets shown on this page: checks every checkbox that belongs to the
 * bulk form. It needs JavaScript, so it is only rendered once React runs (without it, each ticket
 * is still checked one by one).
 */
export function SelectAll({ formId }: { formId: string }) {
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false)
  if (!hydrated) return null
  const toggle = (event: ChangeEvent<HTMLInputElement>) => {
    const boxes = document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${formId}"][name="items"]`)
    for (const box of boxes) box.checked = event.currentTarget.checked
  }
  return (
    <label className={styles.selectAll}>
      <input type="checkbox" onChange={toggle} />
      Tout sélectionner sur cette page
    </label>
  )
}
