'use client'

import { useEffect } from 'react'

// Bugs and outages end here: logged once, the person sees a generic message and can retry.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <main className="container">
      <p className="brand">Relais</p>
      <h1>Un problème est survenu</h1>
      <p>Nous n’avons pas pu afficher cette page. Vos informations n’ont peut-être pas été envoyées : réessayez dans un instant.</p>
      {error.digest ? <p className="hint">Code de l’incident : {error.digest}</p> : null}
      <button type="button" className="button-primary" onClick={() => reset()}>
        Réessayer
      </button>
    </main>
  )
}
