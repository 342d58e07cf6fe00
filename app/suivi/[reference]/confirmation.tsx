'use client'

import { useEffect, useRef, useState, useSyncExternalStore } from 'react'

const noopSubscribe = () => () => {}

/**
 * The banner shown once, right after a report is filed. Focus goes to its heading (after the form's
 * client-side navigation, and through `autofocus` when the page was a plain form post), so a screen
 * reader starts here. The link stays selectable text; "Copier le lien" is added when JavaScript runs.
 */
export function Confirmation({ reference, link }: { reference: string; link: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false)
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle')
  useEffect(() => heading.current?.focus(), [])

  async function copy() {
    try {
      await navigator.clipboard.writeText(link)
      setCopied('done')
    } catch {
      setCopied('failed')
    }
  }

  return (
    <section className="notice notice-ok" role="status" aria-labelledby="confirmation-title">
      <h2 id="confirmation-title" ref={heading} tabIndex={-1} autoFocus>
        Votre signalement est enregistré
      </h2>
      <p>
        Votre référence : <strong className="reference">{reference}</strong>
      </p>
      <p>
        Gardez ce lien privé (ajoutez-le à vos favoris) : c’est lui qui permet de suivre votre demande. Ne le partagez pas.
        La référence seule ne permet pas d’ouvrir votre signalement : sans ce lien, vous ne pourrez pas revenir sur cette page.
      </p>
      <label htmlFor="tracking-link" className="visually-hidden">Lien de suivi privé</label>
      <div className="tracking-link-row">
        <input id="tracking-link" className="tracking-link" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        {hydrated ? (
          <button type="button" className="button-secondary" onClick={() => void copy()}>
            Copier le lien
          </button>
        ) : null}
      </div>
      <p aria-live="polite" className="hint">
        {copied === 'done' ? 'Lien copié : collez-le dans vos favoris ou vos notes.' : null}
        {copied === 'failed' ? 'La copie n’a pas fonctionné : sélectionnez le lien et copiez-le vous-même.' : null}
      </p>
    </section>
  )
}
