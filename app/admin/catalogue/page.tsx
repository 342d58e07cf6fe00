import type { Metadata } from 'next'
import { requireViewer } from '@/lib/auth/session'
import { catalogue } from '@/lib/catalogue/entries'
import { signals } from '@/lib/catalogue/signals'
import { ruleActionLabels } from '@/lib/rules/dto'
import { listRuleHistory, listRules } from '@/lib/rules/queries'
import { ruleCategories } from '@/lib/rules/schemas'
import { formatParisDateTime } from '@/lib/tickets/dates'
import { RuleForm, type CategoryChoice } from './rule-form'
import { RulesList } from './rules-list'
import { initialDraft } from './search-params'

export const metadata: Metadata = { title: 'Catalogue' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** Built-in signals of each category, strongest first, each named once. */
function builtInSignals() {
  return ruleCategories.map((code) => {
    const own = signals.filter((s) => s.category === code).sort((a, b) => b.weight - a.weight)
    return { code, label: catalogue[code].label, names: [...new Set(own.map((s) => s.signal))] }
  })
}

export default async function CataloguePage({ searchParams }: Props) {
  const viewer = await requireViewer('ADMIN', '/admin/catalogue')
  const [rules, history] = await Promise.all([listRules(viewer), listRuleHistory(viewer)])
  const items = rules.ok ? rules.value.items : []
  const { draft, autoRun, editing } = initialDraft(await searchParams, items)
  const categories: CategoryChoice[] = ruleCategories.map((code) => ({
    value: code,
    label: catalogue[code].label,
    variants: catalogue[code].variants.map((v) => ({ code: v.code, label: v.label })),
  }))
  const labels: Record<string, string> = Object.fromEntries(categories.map((c) => [c.value, c.label]))
  for (const c of categories) for (const v of c.variants) labels[`${c.value}:${v.code}`] = v.label

  return (
    <main className="container catalogue-page">
      <h1>Catalogue</h1>
      <p className="lead">
        Relais reconnaît les messages d’erreur grâce à ses signaux intégrés. Ajoutez les formulations propres à votre
        établissement : chaque règle est d’abord essayée sur les signalements enregistrés, puis s’applique aux nouveaux.
      </p>

      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Règles de l’établissement</h2>
        <RulesList rules={items} labels={labels} />
      </section>

      <section className="card" aria-labelledby="new-rule-title">
        <h2 id="new-rule-title">{editing ? 'Modifier la règle' : 'Nouvelle règle'}</h2>
        <p className="hint">
          Une règle ne change jamais un signalement classé à la main. Si elle contredit un message que Relais reconnaît
          clairement, le signalement passe en « non reconnu » pour qu’un administrateur le lise.
        </p>
        <RuleForm key={editing?.id ?? 'new'} categories={categories} initial={draft} autoRun={autoRun} editing={editing} />
        {editing ? (
          <p>
            <a href="/admin/catalogue">Annuler la modification</a>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="builtin-title">
        <h2 id="builtin-title">Signaux intégrés (lecture seule)</h2>
        {builtInSignals().map((c) => (
          <details key={c.code}>
            <summary>
              {c.label} ({c.names.length})
            </summary>
            <ul>
              {c.names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </details>
        ))}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Historique des règles</h2>
        {history.ok && history.value.length > 0 ? (
          <ul>
            {history.value.map((h, i) => (
              <li key={`${h.ruleId}-${h.version}-${i}`}>
                {formatParisDateTime(new Date(h.createdAt))} — {ruleActionLabels[h.action] ?? h.action} : « {h.pattern} » (version{' '}
                {h.version}) par {h.actorName}
                {h.applied !== undefined ? `, ${h.applied} signalement(s) reclassé(s)` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">Aucune modification pour l’instant.</p>
        )}
      </section>
    </main>
  )
}
