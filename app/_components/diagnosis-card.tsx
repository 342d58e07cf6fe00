import type { Diagnosis } from '@/lib/reports/diagnosis'

// The diagnosis in plain French: what the page means, who acts, what the person can try.
// No hooks: rendered by the live preview in the browser and by the tracking page on the server.

export function DiagnosisCard({
  diagnosis,
  headingLevel = 2,
  uncertain = false,
}: {
  diagnosis: Diagnosis
  headingLevel?: 2 | 3
  uncertain?: boolean
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const Sub = headingLevel === 2 ? 'h3' : 'h4'
  return (
    <div className="diagnosis">
      <Heading className="diagnosis-label">
        {diagnosis.category === 'UNKNOWN' ? diagnosis.label : `${uncertain ? 'Probablement : ' : ''}${diagnosis.label}`}
      </Heading>
      <p className="diagnosis-who">{diagnosis.whoActs}</p>
      <Sub>{diagnosis.selfHelp.title}</Sub>
      <ol className="steps">
        {diagnosis.selfHelp.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  )
}
