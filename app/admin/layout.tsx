import type { Metadata } from 'next'
import Link from 'next/link'
import { canEditSettings, canManageAccounts } from '@/lib/auth/policy'
import { getViewer } from '@/lib/auth/session'
import { AdminNav, type NavItem } from './_shell/admin-nav'
import { SignOutButton } from './_shell/sign-out-button'
import { SkipLink } from './_shell/skip-link'
import styles from './_shell/shell.module.css'

export const metadata: Metadata = { title: { default: 'Administration', template: '%s · Relais admin' }, robots: { index: false } }

// The admin shell. Access is decided by each page (requireViewer) and by lib; the layout only hides
// links the viewer cannot use. Anonymous visitors get no menu while their page redirects them.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer()
  if (!viewer) return <>{children}</>

  const items: NavItem[] = [
    { href: '/admin/tableau-de-bord', label: 'Tableau de bord' },
    { href: '/admin', label: 'File d’attente' },
    { href: '/admin/echecs-interconnexion', label: 'Échecs d’interconnexion' },
    ...(canManageAccounts(viewer) ? [{ href: '/admin/comptes', label: 'Comptes' }] : []),
    ...(canEditSettings(viewer) ? [{ href: '/admin/annuaire', label: 'Annuaire PRONOTE' }] : []),
    ...(canEditSettings(viewer) ? [{ href: '/admin/parametres', label: 'Paramètres' }] : []),
    ...(viewer.role === 'ADMIN' ? [{ href: '/admin/catalogue', label: 'Catalogue' }] : []),
    ...(viewer.role === 'ADMIN' ? [{ href: '/admin/donnees', label: 'Données personnelles' }] : []),
    ...(viewer.role === 'ADMIN' ? [{ href: '/admin/messages', label: 'Messages' }] : []),
    { href: '/admin/mon-compte', label: 'Mon compte' },
  ]

  return (
    <>
      <SkipLink />
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link href="/admin/tableau-de-bord" className={styles.brand}>
            Relais · administration
          </Link>
          <AdminNav items={items} />
          <p className={styles.who}>
            <span>
              Connecté·e : <strong>{viewer.name}</strong>
            </span>
            <SignOutButton />
          </p>
        </div>
      </header>
      {children}
    </>
  )
}
