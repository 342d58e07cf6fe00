import type { Metadata } from 'next'
import { listAccounts } from '@/lib/accounts/queries'
import { requireViewer } from '@/lib/auth/session'
import { messageFor } from '@/lib/result'
import styles from '../_shell/shell.module.css'
import { AccountRow } from './account-row'
import { CreateAccountForm } from './create-account-form'

export const metadata: Metadata = { title: 'Comptes' }

export default async function AccountsPage() {
  const viewer = await requireViewer('ADMIN', '/admin/comptes')
  const accounts = await listAccounts(viewer)

  return (
    <main className="container">
      <h1>Comptes du personnel</h1>
      {!accounts.ok ? (
        <div className="notice notice-error" role="alert">
          <p>{messageFor(accounts.code)}</p>
        </div>
      ) : (
        <>
          <section className="card" aria-labelledby="accounts-list">
            <h2 id="accounts-list">Comptes existants ({accounts.value.length})</h2>
            <div>
              {accounts.value.map((account) => (
                <AccountRow key={account.id} account={account} isSelf={account.id === viewer.id} />
              ))}
            </div>
          </section>
          <section className={`card ${styles.form}`} aria-labelledby="new-account">
            <h2 id="new-account">Créer un compte</h2>
            <CreateAccountForm />
          </section>
        </>
      )}
    </main>
  )
}
