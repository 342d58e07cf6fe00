'use client'

import { useEffect, useRef } from 'react'
import type { EntFailureDetail } from '@/lib/ent-failures/dto'

/**
 * What the last decision did, shown above the next open failure after the redirect. It is a status
 * message and takes focus (through `autofocus` on a plain form post, through the effect after a
 * client navigation), so the outcome is read out and the next Tab continues into the next failure.
 */
export function DecisionOutcome({ decided, nextName }: { decided: EntFailureDetail; nextName: string | null }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [decided.id])
  const what =
    decided.status === 'LINKED'
      ? `mise en relation enregistrée avec le compte PRONOTE ${decided.linkedLogin ?? ''}. Pensez à la faire aussi dans PRONOTE.`
      : decided.status === 'REJECTED'
        ? 'décision enregistrée : la personne lira votre message sur sa page de suivi.'
        : 'cet échec est de nouveau à traiter.'
  return (
    <div ref={box} className="notice notice-ok" role="status" tabIndex={-1} autoFocus>
      <p>
        <strong>{decided.fullName}</strong> : {what}
      </p>
      <p>
        {nextName ? `Échec suivant à traiter : ${nextName}.` : 'Plus aucun échec à traiter.'}{' '}
        <a href={`?status=${decided.status}&failure=${encodeURIComponent(decided.id)}`}>Revoir cette décision</a>
      </p>
    </div>
  )
}
