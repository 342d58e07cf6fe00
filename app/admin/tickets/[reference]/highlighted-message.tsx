import type { Evidence } from '@/lib/catalogue/types'
import { highlightSegments } from '@/lib/tickets/highlight'

/** The user's text with the classifier's evidence marked; rendered as React text, never as HTML. */
export function HighlightedMessage({ message, evidence }: { message: string; evidence: Evidence[] }) {
  return (
    <blockquote className="card public-message" style={{ margin: 0 }}>
      {highlightSegments(message, evidence).map((s, i) =>
        s.signals ? (
          <mark key={i} title={`Indice : ${s.signals.join(', ')}`}>{s.text}</mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </blockquote>
  )
}
