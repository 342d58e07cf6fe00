'use client'

import { useEffect, useMemo, useState } from 'react'
import { classify } from '@/lib/catalogue/classify'
import type { Classification } from '@/lib/catalogue/types'
import { describeDiagnosis } from '@/lib/reports/diagnosis'
import { DiagnosisCard } from './diagnosis-card'

const DEBOUNCE_MS = 250
const UNCERTAIN_BELOW = 0.5

/** The message as typed, settled for a short moment so the classifier does not run per keystroke. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}

export function useLiveClassification(message: string): Classification | null {
  const settled = useDebounced(message, DEBOUNCE_MS)
  return useMemo(() => {
    if (!settled.trim()) return null
    try {
      return classify(settled)
    } catch (error) {
      // The preview is a bonus: a classifier bug must not take the form down with it.
      console.error(error)
      return null
    }
  }, [settled])
}

/** Live diagnosis shown while the person types, before they submit. */
export function LiveDiagnosis({ verdict }: { verdict: Classification | null }) {
  return (
    <section className="live-diagnosis" aria-live="polite" aria-labelledby="live-diagnosis-title">
      <p id="live-diagnosis-title" className="live-title">
        Premier diagnostic
      </p>
      {verdict ? (
        <DiagnosisCard
          diagnosis={describeDiagnosis(verdict.category, verdict.variant)}
          headingLevel={3}
          uncertain={verdict.confidence < UNCERTAIN_BELOW}
        />
      ) : (
        <p className="hint">Collez le message ci-dessus : un premier diagnostic s’affichera ici.</p>
      )}
    </section>
  )
}
