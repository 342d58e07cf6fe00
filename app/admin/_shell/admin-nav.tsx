'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import styles from './shell.module.css'

export interface NavItem {
  href: string
  label: string
}

/** The admin menu; marks the current section for screen readers and sighted users alike. */
export function AdminNav({ items }: { items: NavItem[] }) {
  // Typed nullable once a pages/ folder exists (POST /api/reports); never null under app/.
  const pathname = usePathname() ?? ''
  const isCurrent = (href: string) => (href === '/admin' ? pathname === '/admin' || pathname.startsWith('/admin/tickets') : pathname.startsWith(href))
  return (
    <nav className={styles.nav} aria-label="Administration">
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={isCurrent(item.href) ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
