'use client'

import { usePathname } from 'next/navigation'

/**
 * The first stop of the queue page: without it a keyboard user tabs through the menu and every
 * filter (45 presses) before the first ticket. The list carries the target id (ticket-list.tsx).
 */
export function SkipLink() {
  if (usePathname() !== '/admin') return null
  return (
    <a href="#signalements" className="skip-link">
      Aller à la liste des signalements
    </a>
  )
}
