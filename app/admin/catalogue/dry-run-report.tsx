'use client'

import styles from './catalogue.module.css'
import type { DryRunResult } from './dry-run'

// What a dry run found: counts from → to, a sample of the tickets, and the tickets set by hand.

const SHOWN = 20

export function DryRunReport({ result, labels }: { result: DryRunResult; labels: Record<string, string> }) {
  const label = (code: string) => labels[code] ?? code
  if (result.wouldChange === 0 && result.manualUntouched === 0) {
    return <p className="notice notice-info">Aucun signalement enregistré ne changerait de catégorie avec cette règle.</p>
  }
  return (
    <div>
      <p>
        <strong>
          {result.wouldChange} signalement{result.wouldChange > 1 ? 's changeraient' : ' changerait'} de catégorie.
        </strong>
      </p>
      {result.transitions.size > 0 ? (
        <div style={{ overflowX: 'auto' }}>
          <table className={styles.table}>
            <caption className="visually-hidden">Changements de catégorie prévus</caption>
            <thead>
              <tr>
                <th scope="col">Catégorie actuelle</th>
                <th scope="col">Nouvelle catégorie</th>
                <th scope="col">Signalements</th>
              </tr>
            </thead>
            <tbody>
              {[...result.transitions].map(([key, count]) => {
                const [from = '', to = ''] = key.split('>')
                return (
                  <tr key={key}>
                    <td>{label(from)}</td>
                    <td>{label(to)}</td>
                    <td>{count}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {result.changes.length > 0 ? (
        <details open={result.changes.length <= 5}>
          <summary>Exemples ({Math.min(SHOWN, result.changes.length)} sur {result.wouldChange})</summary>
          <ul>
            {result.changes.slice(0, SHOWN).map((c) => (
              <li key={c.reference}>
                <a href={`/admin/tickets/${c.reference}`} className="reference">
                  {c.reference}
                </a>{' '}
                : {label(c.from)} → {label(c.to)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {result.manualUntouched > 0 ? (
        <div className="notice notice-warn">
          <p>
            {result.manualUntouched} signalement{result.manualUntouched > 1 ? 's ont été classés' : ' a été classé'} à la main : la
            règle ne les modifiera jamais.
          </p>
          <ul>
            {result.manual.slice(0, SHOWN).map((m) => (
              <li key={m.reference}>
                <a href={`/admin/tickets/${m.reference}`} className="reference">
                  {m.reference}
                </a>{' '}
                : reste {label(m.category)}
                {m.wouldBe === m.category ? ' (la règle est d’accord)' : ` (la règle dirait ${label(m.wouldBe)})`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
