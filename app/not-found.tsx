import Link from 'next/link'

export default function NotFound() {
  return (
    <main className="container">
      <p className="brand">Relais</p>
      <h1>Page introuvable</h1>
      <p>
        Cette page n’existe pas, ou le lien est incomplet. Si vous suivez un signalement, ouvrez le lien complet que vous avez reçu
        (il contient un code après « ?t= »).
      </p>
      <p>
        <Link href="/">Signaler un problème de connexion</Link>
      </p>
    </main>
  )
}
