'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { RuleSummary } from '@/lib/rules/dto'
import { applyInSlices, callApi, rulesUrl } from './api'
import styles from './catalogue.module.css'

// The school's rules: enable, disable, apply again, delete. Each change names the version it was
// made from: a rule changed meanwhile by another admin is refused (the page then reloads it).

type Notice = { tone: 'ok' | 'error'; text: string } | null

export function RulesList({ rules, labels }: { rules: RuleSummary[]; labels: Record<string, string> }) {
  const router = useRouter()
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<Notice>(null)

  async function act(rule: RuleSummary, action: 'toggle' | 'apply' | 'delete') {
    const question =
      action === 'delete'
        ? `Supprimer la règle « ${rule.pattern} » ? Les signalements déjà reclassés gardent leur catégorie.`
        : action === 'apply'
          ? `Reclasser les signalements automatiques que « ${rule.pattern} » reconnaît ? Ceux classés à la main ne changent pas.`
          : null
    if (question && !window.confirm(question)) return
    setBusy(rule.id)
    if (action === 'apply') setNotice({ tone: 'ok', text: `« ${rule.pattern} » : application en cours…` })
    const progress = (share: number, changed: number) =>
      setNotice({ tone: 'ok', text: `« ${rule.pattern} » : ${Math.round(share * 100)} % parcourus, ${changed} signalement(s) reclassé(s)…` })
    const answer =
      action === 'toggle'
        ? await callApi('PATCH', rulesUrl.one(rule.id), { version: rule.version, enabled: !rule.enabled })
        : action === 'apply'
          ? await applyInSlices(rule.id, progress)
          : await callApi('DELETE', rulesUrl.one(rule.id))
    setBusy(null)
    if (!answer.ok) {
      setNotice({ tone: 'error', text: Object.values(answer.fields ?? {})[0] ?? answer.message ?? '' })
    } else if (action === 'apply') {
      setNotice({ tone: 'ok', text: `« ${rule.pattern} » : ${(answer.data as { changed: number }).changed} signalement(s) reclassé(s).` })
    } else {
      const done = action === 'delete' ? 'supprimée' : rule.enabled ? 'désactivée' : 'activée'
      setNotice({ tone: 'ok', text: `Règle « ${rule.pattern} » ${done}.` })
    }
    router.refresh()
  }

  if (rules.length === 0) {
    return (
      <p className="notice notice-info">
        Aucune règle pour l’instant. Ajoutez-en une ci-dessous, ou depuis un signalement dont vous avez corrigé la catégorie.
      </p>
    )
  }
  return (
    <>
      <div aria-live="polite">{notice ? <p className={`notice notice-${notice.tone}`}>{notice.text}</p> : null}</div>
      <ul className={styles.list}>
        {rules.map((rule) => (
          <li key={rule.id} className="card">
            <p>
              <code>{rule.pattern}</code> <span className="hint">({rule.kind === 'phrase' ? 'expression' : 'expression régulière'})</span>
            </p>
            <p>
              → <strong>{labels[rule.category] ?? rule.category}</strong>
              {rule.variant ? ` (${labels[`${rule.category}:${rule.variant}`] ?? rule.variant})` : ''} ·{' '}
              <span className={rule.enabled ? 'status status-resolved' : 'status'}>{rule.enabled ? 'Active' : 'Désactivée'}</span>
            </p>
            <p className="hint">
              Version {rule.version} · créée par {rule.createdBy} le {new Date(rule.createdAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}
            </p>
            <div className={styles.actions}>
              <button type="button" onClick={() => act(rule, 'toggle')} disabled={busy === rule.id}>
                {rule.enabled ? 'Désactiver' : 'Activer'}
                <span className="visually-hidden"> la règle « {rule.pattern} »</span>
              </button>
              {rule.enabled ? (
                <button type="button" onClick={() => act(rule, 'apply')} disabled={busy === rule.id}>
                  Appliquer aux signalements<span className="visually-hidden"> : « {rule.pattern} »</span>
                </button>
              ) : null}
              <a href={`/admin/catalogue?modifier=${encodeURIComponent(rule.id)}#new-rule-title`} className={styles.link}>
                Modifier<span className="visually-hidden"> la règle « {rule.pattern} »</span>
              </a>
              <button type="button" onClick={() => act(rule, 'delete')} disabled={busy === rule.id}>
                Supprimer<span className="visually-hidden"> la règle « {rule.pattern} »</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  )
}
