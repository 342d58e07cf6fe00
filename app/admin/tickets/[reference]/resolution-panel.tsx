import type { ResolutionView } from '@/lib/resolution/registry'

export function ResolutionPanel({ resolution }: { resolution: ResolutionView }) {
  const { link, linkNote, addressCheck } = resolution
  return (
    <section className="card" aria-labelledby="resolution-title">
      <h2 id="resolution-title">Où corriger</h2>
      <p>
        Dans PRONOTE : <strong>{resolution.menuPath}</strong>
      </p>
      <ol className="steps">
        {resolution.steps.map((step, i) => <li key={i}>{step}</li>)}
      </ol>
      {addressCheck ? (
        <dl className="facts">
          <div>
            <dt>Adresse officielle ({addressCheck.espace})</dt>
            <dd>{addressCheck.official ?? 'non renseignée dans les paramètres'}</dd>
          </div>
          <div>
            <dt>Adresse essayée par l’usager</dt>
            <dd style={{ overflowWrap: 'anywhere' }}>{addressCheck.tried ?? 'non indiquée'}</dd>
          </div>
        </dl>
      ) : null}
      {link ? (
        <p>
          {link.external ? (
            <a href={link.href} target="_blank" rel="noopener noreferrer">{link.label} (nouvel onglet)</a>
          ) : (
            <a href={link.href}>{link.label}</a>
          )}
        </p>
      ) : null}
      {linkNote ? <p className="hint">{linkNote}</p> : null}
    </section>
  )
}
