import type { Metadata } from 'next'
import Link from 'next/link'
import { requireViewer } from '@/lib/auth/session'
import { outboxKindLabels, outboxStateLabels, outboxStates, type OutboxState } from '@/lib/mail/kinds'
import { getOutboxSummary, listOutbox } from '@/lib/mail/queries'
import { retryOutboxAction } from '../actions-mail'

export const metadata: Metadata = { title: 'Messages' }

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })

// The outbox for ADMINs: state, counts, retry now. Recipient, kind and ticket only: never a body.
export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer('ADMIN', '/admin/messages')
  const params = await searchParams
  const state = outboxStates.find((s) => s === params.etat)
  const cursor = typeof params.avant === 'string' ? params.avant : undefined
  const [summary, page] = await Promise.all([getOutboxSummary(viewer), listOutbox(viewer, { state, cursor })])
  if (!summary.ok || !page.ok) throw new Error('outbox unavailable')
  const { counts, smtpConfigured } = summary.value
  const stateText = (s: OutboxState) => (s === 'PENDING' && !smtpConfigured ? 'non envoyé : SMTP non configuré' : outboxStateLabels[s])
  const filter = (s?: OutboxState) => (s ? `/admin/messages?etat=${s}` : '/admin/messages')

  return (
    <main className="container">
      <h1>Messages</h1>
      {!smtpConfigured ? (
        <p className="notice notice-warn">
          SMTP non configuré : les messages restent en attente, rien n’est perdu. Ils partiront dès que <code>SMTP_URL</code>{' '}
          sera renseigné.
        </p>
      ) : null}
      {typeof params.relance === 'string' ? (
        <p className="notice notice-ok" role="status">
          {params.relance} message(s) relancé(s).
        </p>
      ) : null}
      <nav aria-label="Filtrer par état">
        <ul className="tracking-link-row" style={{ listStyle: 'none', padding: 0 }}>
          <li>
            <Link href={filter()} aria-current={!state ? 'page' : undefined}>
              Tous ({counts.PENDING + counts.SENT + counts.FAILED})
            </Link>
          </li>
          {outboxStates.map((s) => (
            <li key={s}>
              <Link href={filter(s)} aria-current={state === s ? 'page' : undefined}>
                {outboxStateLabels[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form action={retryOutboxAction}>
        <button type="submit" className="button-secondary" disabled={counts.PENDING + counts.FAILED === 0}>
          Tout réessayer maintenant
        </button>
      </form>
      <section className="card" aria-labelledby="outbox-title">
        <h2 id="outbox-title">{state ? outboxStateLabels[state] : 'Tous les messages'}</h2>
        {page.value.items.length === 0 ? <p>Aucun message.</p> : null}
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {page.value.items.map((item) => (
            <li key={item.id} className="card">
              <p style={{ margin: 0 }}>
                <strong>{outboxKindLabels[item.kind]}</strong> à {item.to}
                {item.ticketReference ? (
                  <>
                    {' · '}
                    <Link href={`/admin/tickets/${encodeURIComponent(item.ticketReference)}`}>{item.ticketReference}</Link>
                  </>
                ) : null}
              </p>
              <p className="hint">
                {stateText(item.state)} · créé le {dateTime.format(new Date(item.createdAt))}
                {item.sentAt ? ` · envoyé le ${dateTime.format(new Date(item.sentAt))}` : ''} · {item.attempts} essai(s)
              </p>
              {item.lastError ? <p className="error">{item.lastError}</p> : null}
              {item.state !== 'SENT' ? (
                <form action={retryOutboxAction}>
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" className="button-secondary">
                    Réessayer maintenant
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {page.value.nextCursor ? (
          <Link href={`${filter(state)}${state ? '&' : '?'}avant=${page.value.nextCursor}`}>Messages plus anciens</Link>
        ) : null}
      </section>
    </main>
  )
}
